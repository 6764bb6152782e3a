package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a plan's reports: {@code report.json}, {@code junit.xml}, {@code summary.md}, {@code badge.svg}. Every
 * text goes through the redactor on its way out, so a secret a job printed cannot reach a report.
 */
public final class Reports {
    public static final String JSON = "report.json";
    public static final String JUNIT = "junit.xml";
    public static final String SUMMARY = "summary.md";
    public static final String BADGE = "badge.svg";

    private Reports() {
    }

    /**
     * Writes all four files into {@code dir} (created if missing), each atomically.
     *
     * @return the files written
     */
    public static List<Path> writeAll(PlanResult result, Path dir, Redactor redactor) throws IOException {
        Files.createDirectories(dir);
        return List.of(
                write(dir.resolve(JSON), redactor.mask(JsonReport.render(result))),
                write(dir.resolve(JUNIT), redactor.mask(JunitReport.render(result))),
                write(dir.resolve(SUMMARY), redactor.mask(MarkdownSummary.render(result))),
                write(dir.resolve(BADGE), Badge.render(result.status())));
    }

    private static Path write(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }
}
