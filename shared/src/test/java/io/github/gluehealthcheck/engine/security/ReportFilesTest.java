package io.github.gluehealthcheck.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports are written into the workspace only, whatever links a pull request committed there. */
class ReportFilesTest {
    @TempDir
    Path root;
    Path workspace;
    Path victim;

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(root.resolve("ws"));
        victim = Files.writeString(Files.createDirectories(root.resolve("outside")).resolve("authorized_keys"), "precious\n");
    }

    private static PlanResult passed() {
        return new PlanResult(CheckStatus.PASSED, List.of(), CiContext.builder().repo("data/etl").build(), null, null,
                null, Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:20Z"));
    }

    @Test
    void aCommittedTemporaryFileLinkIsNotWrittenThrough() throws Exception {
        Path reports = Files.createDirectories(workspace.resolve("glue-health-check"));
        Files.createSymbolicLink(reports.resolve("summary.md.tmp"), victim);
        Files.createSymbolicLink(reports.resolve(".summary.md.tmp"), victim);

        Reports.writeAll(passed(), workspace, reports, Redactor.NONE);

        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.readString(reports.resolve("summary.md"))).startsWith("## Glue health check: passed");
    }

    @Test
    void aCommittedReportFileLinkIsReplacedNotWrittenThrough() throws Exception {
        Path reports = Files.createDirectories(workspace.resolve("glue-health-check"));
        Files.createSymbolicLink(reports.resolve("report.json"), victim);

        Reports.writeAll(passed(), workspace, reports, Redactor.NONE);

        assertThat(Files.readString(victim)).isEqualTo("precious\n");
        assertThat(Files.isSymbolicLink(reports.resolve("report.json"))).isFalse();
    }

    @Test
    void aReportDirectoryLinkedOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(workspace.resolve("glue-health-check"), victim.getParent());

        assertThatThrownBy(() -> Reports.writeAll(passed(), workspace, workspace.resolve("glue-health-check"), Redactor.NONE))
                .isInstanceOf(WorkspaceFiles.OutsideException.class);
        assertThat(Files.list(victim.getParent())).containsExactly(victim);
    }

    @Test
    void aReportDirectoryUnderALinkedParentIsRefusedBeforeAnythingIsCreated() throws Exception {
        Files.createSymbolicLink(workspace.resolve("out"), victim.getParent());

        assertThatThrownBy(() -> Reports.writeAll(passed(), workspace, workspace.resolve("out/new/reports"), Redactor.NONE))
                .isInstanceOf(WorkspaceFiles.OutsideException.class);
        assertThat(Files.exists(victim.getParent().resolve("new"))).isFalse();
    }
}
