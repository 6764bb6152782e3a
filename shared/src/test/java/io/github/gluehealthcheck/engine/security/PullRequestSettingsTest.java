package io.github.gluehealthcheck.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a pull request can change: the repository's files, including {@code .glue-health.yml} and symbolic links.
 * Nothing it writes there may move credentials or files out of the workspace.
 */
class PullRequestSettingsTest {
    @TempDir
    Path root;
    Path workspace;
    Path outside;

    private final Map<String, Object> settings = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(root.resolve("ws"));
        outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print(1)\n");
        settings.put("workspace", workspace.toString());
        settings.put("endpoint", "local");
    }

    private HealthCheckRequest read() {
        return SettingsReader.read(settings, Map.of(), CiContext.builder().provider("drone").repo("data/etl").buildNumber("7"));
    }

    private List<String> problems() {
        try {
            read();
        } catch (InvalidSettingsException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems");
    }

    private void config(String yaml) throws IOException {
        Files.writeString(workspace.resolve(".glue-health.yml"), yaml);
        settings.put("config", ".glue-health.yml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"endpoint: http://127.0.0.1:18555", "web_identity_token_file: /etc/shadow",
            "assume_role: arn:aws:iam::123456789012:role/x", "external_id: abcdef", "access_key: AKIAEXAMPLE",
            "role_session_name: x", "session_token: abcdefgh", "workspace: /", "log_level: debug", "dry_run: true",
            "repo: other/repo", "mode: sweep", "config: other.yml", "status_reads_per_second: 100"})
    void theConfigFileCannotSetWhatMovesCredentialsOrFilesOut(String line) throws IOException {
        config(line + "\njobs:\n  - script: jobs/orders.py\n");
        String key = line.substring(0, line.indexOf(':'));
        assertThat(problems()).singleElement().asString()
                .startsWith("config: .glue-health.yml: '" + key + "' ")
                .doesNotContain("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"defaults", "jobs entry 1"})
    void theConfigFileCannotSetTheEndpointForAJobEither(String where) throws IOException {
        config(where.equals("defaults") ? "defaults:\n  endpoint: http://127.0.0.1:1\njobs:\n  - script: jobs/orders.py\n"
                : "jobs:\n  - script: jobs/orders.py\n    endpoint: http://127.0.0.1:1\n");
        assertThat(problems()).singleElement().asString().startsWith("config: .glue-health.yml: 'endpoint' in " + where);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "/tmp/elsewhere", "reports/../../outside"})
    void aReportDirOutsideTheWorkspaceIsRefusedInTheFile(String dir) throws IOException {
        config("report_dir: " + dir + "\njobs:\n  - script: jobs/orders.py\n");
        assertThat(problems()).singleElement().asString()
                .isEqualTo("config: .glue-health.yml: report_dir '" + dir + "' must be a directory inside the workspace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "/tmp/elsewhere"})
    void aReportDirOutsideTheWorkspaceIsRefusedInTheStepToo(String dir) {
        settings.put("script", "jobs/orders.py");
        settings.put("report_dir", dir);
        assertThat(problems()).containsExactly("report_dir: '" + dir + "' must be a directory inside the workspace");
    }

    @Test
    void aReportDirWithALineBreakIsRefused() {
        settings.put("script", "jobs/orders.py");
        settings.put("report_dir", "r\nHEALTH=passed");
        assertThat(problems()).singleElement().asString()
                .startsWith("report_dir: ").contains("control character").doesNotContain("\n");
    }

    @Test
    void aCommittedReportDirLinkingOutsideIsRefused() throws IOException {
        Files.createSymbolicLink(workspace.resolve("glue-health-check"), outside);
        settings.put("script", "jobs/orders.py");
        assertThat(problems()).containsExactly("report_dir: 'glue-health-check' links outside the workspace");
    }

    @Test
    void aConfigFileLinkingOutsideIsRefusedWithoutReadingIt() throws IOException {
        Files.writeString(outside.resolve("secret.yml"), "db_password_is_hunter2: 1\n");
        Files.createSymbolicLink(workspace.resolve(".glue-health.yml"), outside.resolve("secret.yml"));
        settings.put("config", ".glue-health.yml");
        assertThat(problems()).singleElement().asString()
                .isEqualTo("config: '.glue-health.yml' links outside the workspace")
                .doesNotContain("hunter2");
    }

    @Test
    void aConfigFileInALinkedDirectoryOutsideIsRefused() throws IOException {
        Files.writeString(outside.resolve("c.yml"), "jobs:\n  - script: jobs/orders.py\n");
        Files.createSymbolicLink(workspace.resolve("ci"), outside);
        settings.put("config", "ci/c.yml");
        assertThat(problems()).containsExactly("config: 'ci/c.yml' links outside the workspace");
    }

    @Test
    void aConfigFileLinkedInsideTheWorkspaceIsRead() throws IOException {
        Files.writeString(workspace.resolve("real.yml"), "jobs:\n  - script: jobs/orders.py\n");
        Files.createSymbolicLink(workspace.resolve(".glue-health.yml"), workspace.resolve("real.yml"));
        settings.put("config", ".glue-health.yml");
        assertThat(read().checks()).hasSize(1);
    }

    @Test
    void deeplyNestedYamlIsOneSettingsProblem() throws IOException {
        config("jobs:\n  - script: jobs/orders.py\n    tags: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        assertThat(problems()).singleElement().asString().startsWith("config: '.glue-health.yml' ")
                .doesNotContain("\n");
    }

    @Test
    void deeplyNestedJsonIsOneSettingsProblem() {
        settings.put("jobs", "[" + "[".repeat(5000) + "]".repeat(5000) + "]");
        assertThat(problems()).singleElement().asString().startsWith("jobs: ").contains("nested").doesNotContain("\n");
    }

    @Test
    void deeplyNestedJsonArgumentsAreOneSettingsProblem() {
        settings.put("script", "jobs/orders.py");
        settings.put("arguments", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertThat(problems()).singleElement().asString().startsWith("arguments: ").contains("nested");
    }

    @Test
    void deeplyNestedYamlMapsAreOneSettingsProblem() throws IOException {
        StringBuilder yaml = new StringBuilder("jobs:\n  - script: jobs/orders.py\n    tags: ");
        yaml.append("{a: ".repeat(3000)).append("1").append("}".repeat(3000)).append('\n');
        config(yaml.toString());
        assertThat(problems()).singleElement().asString().startsWith("config: '.glue-health.yml' ");
    }

    @Test
    void aConfigFileOfMoreThanAMebibyteIsNotRead() throws IOException {
        config("# " + "x".repeat(1024 * 1024) + "\njobs:\n  - script: jobs/orders.py\n");
        assertThat(problems()).containsExactly("config: '.glue-health.yml' is larger than 1 MiB; a settings file is much smaller");
    }
}
