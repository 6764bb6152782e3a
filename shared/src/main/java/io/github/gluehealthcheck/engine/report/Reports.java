package io.github.gluehealthcheck.engine.report;

import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path absolute = Files.createDirectories(dir.toAbsolutePath().normalize());
        return writeAll(result, absolute, absolute, redactor);
    }

    /**
     * Writes all four files into {@code dir} under {@code workspace}, never through a link that leads outside it: a
     * report directory or report file that a pull request committed as a link is not followed.
     *
     * @return the files written
     */
    public static List<Path> writeAll(PlanResult result, Path workspace, Path dir, Redactor redactor) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        WorkspaceFiles.createDirectories(root, target);
        return List.of(
                WorkspaceFiles.writeAtomically(root, target.resolve(JSON), redactor.mask(JsonReport.render(result))),
                WorkspaceFiles.writeAtomically(root, target.resolve(JUNIT), redactor.mask(JunitReport.render(result))),
                WorkspaceFiles.writeAtomically(root, target.resolve(SUMMARY), redactor.mask(MarkdownSummary.render(result))),
                WorkspaceFiles.writeAtomically(root, target.resolve(BADGE), Badge.render(result)));
    }
}
