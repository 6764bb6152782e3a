package io.github.gluehealthcheck.jenkins.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports copied into a workspace on the controller never go through a link a pull request committed there. */
class LocalWorkspaceTest {
    @TempDir
    Path root;

    @Test
    void aReportDirectoryLinkedOutsideIsRefused() throws IOException {
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createSymbolicLink(workspace.resolve("glue-health-check"), outside);
        Path report = Files.writeString(root.resolve("summary.md"), "## report\n");

        assertThatThrownBy(() -> new LocalWorkspace(workspace).store(report, "glue-health-check/summary.md"))
                .isInstanceOf(IOException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aReportFileLinkedOutsideIsReplacedNotWrittenThrough() throws IOException {
        Path workspace = Files.createDirectories(root.resolve("ws").resolve("glue-health-check")).getParent();
        Path victim = Files.writeString(root.resolve("precious"), "keep me\n");
        Files.createSymbolicLink(workspace.resolve("glue-health-check/summary.md"), victim);
        Path report = Files.writeString(root.resolve("summary.md"), "## report\n");

        new LocalWorkspace(workspace).store(report, "glue-health-check/summary.md");

        assertThat(Files.readString(victim)).isEqualTo("keep me\n");
        assertThat(Files.readString(workspace.resolve("glue-health-check/summary.md"))).isEqualTo("## report\n");
    }
}
