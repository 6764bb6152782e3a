package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.jenkins.AgentStandIn;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From step parameters to the engine's request, with the workspace on an "agent" (another directory). */
class RequestBindingTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-health-check";

    @TempDir
    Path agent;
    @TempDir
    Path scratch;

    WorkspaceAccess workspace;
    Map<String, String> env;

    @org.junit.jupiter.api.AfterEach
    void closeTheWorkspace() {
        workspace.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(agent.resolve("jobs"));
        Files.writeString(agent.resolve("jobs/orders.py"), "print(1)\n");
        Files.writeString(agent.resolve("jobs/customers.py"), "print(2)\n");
        Files.writeString(agent.resolve("jobs/unused.py"), "print(3)\n");
        workspace = onAgent(agent);
        // Keys as withAWS or withCredentials([aws(...)]) put them: the step brings its own AWS identity.
        env = new LinkedHashMap<>(Map.of("AWS_REGION", "eu-west-1", "JOB_NAME", "etl", "BUILD_NUMBER", "5",
                "AWS_ACCESS_KEY_ID", "NOTAKEY-BINDINGTEST0001", "AWS_SECRET_ACCESS_KEY", "binding-secret-not-real"));
    }

    Map<String, Object> params(Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void scriptsOnAnAgentAreBroughtToTheControllerAndNothingElse() throws Exception {
        RequestBinding.Bound b = RequestBinding.bind(params("jobs", List.of(Map.of("script", "jobs/orders.py"),
                Map.of("script", "jobs/customers.py", "jobType", "pythonshell")), "role", ROLE,
                "scriptsBucket", "s3://ci-bucket/p"), env, GlobalDefaults.NONE, workspace, scratch);

        assertThat(b.request().checks()).extracting(CheckSpec::jobName).containsExactly("orders", "customers");
        assertThat(fetched()).containsExactlyInAnyOrder("jobs/orders.py", "jobs/customers.py");
        assertThat(workspace.localRoot().resolve("jobs/unused.py")).doesNotExist();
        assertThat(b.reportDir()).isEqualTo("glue-health-check");
        assertThat(b.title()).isEqualTo("orders, customers");
    }

    @Test
    void aConfigFileAndTheScriptsItListsAreBroughtOverAndItsDefaultsBeatTheGlobalOnes() throws Exception {
        Files.writeString(agent.resolve(".glue-health.yml"), """
                defaults:
                  role: file-role
                  scripts_bucket: s3://file/scripts
                jobs:
                  - script: jobs/orders.py
                  - script: jobs/customers.py
                    job_type: pythonshell
                """);
        GlobalDefaults defaults = new GlobalDefaults(null, "global-role", "s3://global/scripts", "team=data", null, false);

        RequestBinding.Bound b = RequestBinding.bind(params("config", ".glue-health.yml"), env, defaults, workspace, scratch);

        assertThat(fetched()).contains(".glue-health.yml", "jobs/orders.py", "jobs/customers.py");
        assertThat(b.request().checks()).allSatisfy(c -> {
            assertThat(c.role()).isEqualTo("file-role");
            assertThat(c.scriptsBucket().toString()).isEqualTo("s3://file/scripts");
            assertThat(c.tags()).containsEntry("team", "data");
        });
        assertThat(b.fromDefaults()).containsExactly("tags");
        assertThat(b.title()).isEqualTo(".glue-health.yml");
    }

    @Test
    void aStatusReadBudgetOutOfRangeFromTheGlobalDefaultSaysWhereItCameFrom() {
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, null, null, false, null, false, null, 0, null);

        assertThatThrownBy(() -> RequestBinding.bind(params("script", "jobs/orders.py", "role", ROLE, "scriptsBucket",
                "s3://ci-bucket"), env, defaults, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .satisfies(e -> assertThat(((StepSettingsException) e).lines()).containsExactly(
                        "statusReadsPerSecond: 0 is out of range; use 1 to 100 (reads a second) (the value comes from "
                                + "the global default in Manage Jenkins > System)"));
    }

    @Test
    void changedOnlyIsAcceptedAndOnlyTheNamedFilesAreFetched() throws Exception {
        RequestBinding.Bound b = RequestBinding.bind(params("script", "jobs/orders.py", "role", ROLE,
                "scriptsBucket", "s3://ci-bucket", "changedOnly", true, "paths", List.of("lib/**")), env,
                GlobalDefaults.NONE, workspace, scratch);

        assertThat(b.request().changedOnly()).isTrue();
        assertThat(fetched()).containsExactly("jobs/orders.py"); // git is asked on the agent, nothing more copied
    }

    @Test
    void pathsReachTheJobsAndChangedOnlyFalseIsAccepted() throws Exception {
        RequestBinding.Bound b = RequestBinding.bind(params("script", "jobs/orders.py", "role", ROLE,
                "scriptsBucket", "s3://ci-bucket", "changedOnly", false, "paths", List.of("lib/**", "sql/*.sql")), env,
                GlobalDefaults.NONE, workspace, scratch);

        assertThat(b.request().checks().get(0).paths()).containsExactly("lib/**", "sql/*.sql");
        assertThat(b.request().changedOnly()).isFalse();
    }

    @Test
    void theAdministratorsReusePassedIsThePipelinesWhichTheConfigFileMayOnlyShorten() throws Exception {
        Files.writeString(agent.resolve(".glue-health.yml"), """
                defaults:
                  role: file-role
                  scripts_bucket: s3://file/scripts
                jobs:
                  - script: jobs/orders.py
                  - script: jobs/customers.py
                    reuse_passed: 1d
                  - script: jobs/unused.py
                    reuse_passed: 30d
                """);
        GlobalDefaults defaults = GlobalDefaults.NONE.withReusePassed("7d");

        RequestBinding.Bound b = RequestBinding.bind(params("config", ".glue-health.yml"), env, defaults, workspace, scratch);

        assertThat(b.request().checks()).extracting(CheckSpec::reusePassed)
                .containsExactly(java.time.Duration.ofDays(7), java.time.Duration.ofDays(1), java.time.Duration.ofDays(7));
        assertThat(b.fromDefaults()).contains("reusePassed");
        // Without a pipeline (or administrator) value, the file cannot turn reuse on.
        // Another build: its own scratch copy of the workspace files.
        RequestBinding.Bound none = RequestBinding.bind(params("config", ".glue-health.yml"), env, GlobalDefaults.NONE,
                onAgent(agent), Files.createDirectories(scratch.resolve("second-build")));
        assertThat(none.request().checks()).allSatisfy(c -> assertThat(c.reusesPasses()).isFalse());
        assertThat(none.request().warnings()).anyMatch(w -> w.contains("only the pipeline can turn reuse on"));
    }

    @Test
    void aJobsListGivenAsJsonTextNamesItsScriptsToo() throws Exception {
        RequestBinding.bind(params("jobs", "[{\"script\": \"jobs/orders.py\"}]", "role", ROLE, "scriptsBucket", "s3://ci-bucket"),
                env, GlobalDefaults.NONE, workspace, scratch);

        assertThat(fetched()).containsExactly("jobs/orders.py");
    }

    @Test
    void pathsLeavingTheWorkspaceAreNeitherFetchedNorAccepted() throws Exception {
        assertThatThrownBy(() -> RequestBinding.bind(params("script", "../outside.py", "role", ROLE, "scriptsBucket", "s3://ci-bucket",
                "reportDir", "../../etc"), env, GlobalDefaults.NONE, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .satisfies(e -> assertThat(((StepSettingsException) e).lines())
                        .anySatisfy(l -> assertThat(l).startsWith("reportDir: '../../etc' must be a directory inside the workspace"))
                        .anySatisfy(l -> assertThat(l).startsWith("script: '../outside.py' is outside the workspace")));
        assertThat(fetched()).isEmpty();
    }

    @Test
    void secretArgumentsFromTheEnvironmentAreRememberedByVariableNameOnly() throws Exception {
        env.put("DB_PASSWORD", "from-credentials-0001");
        RequestBinding.Bound b = RequestBinding.bind(params("script", "jobs/orders.py", "role", ROLE, "scriptsBucket", "s3://ci-bucket",
                "arguments", Map.of("db_password", "from-credentials-0001", "api_key", "literal-in-jenkinsfile"),
                "secretArguments", List.of("db_password", "api_key")), env, GlobalDefaults.NONE, workspace, scratch);

        assertThat(b.secretVariables()).containsExactly("DB_PASSWORD");
        assertThat(b.notes()).anySatisfy(n -> assertThat(n).contains("cannot be masked again after a controller restart"));
    }

    @Test
    void withoutAWorkspaceS3ScriptsWorkAndWorkspaceScriptsAreRefused() throws Exception {
        RequestBinding.Bound ok = RequestBinding.bind(params("script", "s3://bucket/jobs/orders.py", "role", ROLE), env,
                GlobalDefaults.NONE, null, scratch);
        assertThat(ok.reportDir()).isNull();

        assertThatThrownBy(() -> RequestBinding.bind(params("config", ".glue-health.yml"), env, GlobalDefaults.NONE, null, scratch))
                .isInstanceOf(StepSettingsException.class)
                .hasMessage("config: '.glue-health.yml' is a workspace file, but the step runs outside a node block; run it "
                        + "inside node { ... }");
    }

    /** An agent's workspace: another directory, copied file by file to the controller's, as FilePathWorkspace does. */
    @Test
    void aScriptOnTheAgentThatIsTooLargeIsNotBroughtOverAndSaysSo() throws Exception {
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(agent.resolve("jobs/big.py").toFile(), "rw")) {
            big.setLength(WorkspaceAccess.MAX_FILE_BYTES + 1);
        }

        assertThatThrownBy(() -> RequestBinding.bind(params("script", "jobs/big.py", "role", ROLE, "scriptsBucket",
                "s3://ci-bucket/p"), env, GlobalDefaults.NONE, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .hasMessage("script: 'jobs/big.py' is larger than 10 MB, the most a job script or config file may be");
        assertThat(workspace.localRoot().resolve("jobs/big.py")).doesNotExist();
    }

    // ---- links on the agent that lead out of its workspace (issue 23): never followed, for reads or writes ----

    static final String OUTSIDE_SECRET = "outside-secret-not-for-the-controller-0001";

    @Test
    void aScriptThatIsALinkOutOfTheAgentsWorkspaceIsNotBroughtOver(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), "print('" + OUTSIDE_SECRET + "')\n");
        Files.createSymbolicLink(agent.resolve("jobs/linked.py"), outside.resolve("secret.py"));
        Files.createSymbolicLink(agent.resolve("jobs/dir"), outside); // a directory on the way, linked out

        for (String script : List.of("jobs/linked.py", "jobs/dir/secret.py")) {
            assertThatThrownBy(() -> RequestBinding.bind(params("script", script, "role", ROLE, "scriptsBucket",
                    "s3://ci-bucket/p"), env, GlobalDefaults.NONE, workspace, scratch))
                    .isInstanceOf(StepSettingsException.class)
                    .hasMessage("script: '" + script + "' links outside the workspace");
        }
        assertThat(fetched()).isEmpty();
        assertThat(workspace.linksOutside()).containsExactlyInAnyOrder("jobs/linked.py", "jobs/dir/secret.py");
    }

    @Test
    void aConfigFileThatIsALinkOutOfTheAgentsWorkspaceIsNotBroughtOverNorEchoed(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("other.yml"), OUTSIDE_SECRET + ": 1\n");
        Files.createSymbolicLink(agent.resolve(".glue-health.yml"), outside.resolve("other.yml"));

        assertThatThrownBy(() -> RequestBinding.bind(params("config", ".glue-health.yml"), env, GlobalDefaults.NONE,
                workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .hasMessage("config: '.glue-health.yml' links outside the workspace");
        assertThat(fetched()).isEmpty();
    }

    @Test
    void aScriptTheConfigFileNamesThatLinksOutIsNotBroughtOver(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("secret.py"), "print('" + OUTSIDE_SECRET + "')\n");
        Files.createSymbolicLink(agent.resolve("jobs/extra.py"), outside.resolve("secret.py"));
        Files.writeString(agent.resolve(".glue-health.yml"), "jobs: [{script: jobs/orders.py}, {script: jobs/extra.py}]\n");

        assertThatThrownBy(() -> RequestBinding.bind(params("config", ".glue-health.yml", "role", ROLE, "scriptsBucket",
                "s3://ci-bucket/p"), env, GlobalDefaults.NONE, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .hasMessage("script: 'jobs/extra.py' links outside the workspace");
        assertThat(fetched()).containsExactlyInAnyOrder(".glue-health.yml", "jobs/orders.py");
    }

    @Test
    void aLinkInsideTheAgentsWorkspaceIsFollowed() throws Exception {
        Files.createSymbolicLink(agent.resolve("jobs/alias.py"), agent.resolve("jobs/orders.py"));

        RequestBinding.bind(params("script", "jobs/alias.py", "role", ROLE, "scriptsBucket", "s3://ci-bucket/p"), env,
                GlobalDefaults.NONE, workspace, scratch);

        assertThat(Files.readString(workspace.localRoot().resolve("jobs/alias.py"))).isEqualTo("print(1)\n");
    }

    @Test
    void aReportIsNeverWrittenThroughALinkOnTheAgent(@TempDir Path outside) throws Exception {
        Path report = scratch.resolve("summary.md");
        Files.writeString(report, "# report\n");
        Files.writeString(outside.resolve("victim.txt"), "untouched\n");
        Files.createDirectories(agent.resolve("glue-health-check"));
        // A link to an existing file outside, and a dangling one (which a write would create outside).
        Files.createSymbolicLink(agent.resolve("glue-health-check/summary.md"), outside.resolve("victim.txt"));
        Files.createSymbolicLink(agent.resolve("glue-health-check/junit.xml"), outside.resolve("created.xml"));

        workspace.store(report, "glue-health-check/summary.md");
        workspace.store(report, "glue-health-check/junit.xml");

        assertThat(outside.resolve("victim.txt")).hasContent("untouched");
        assertThat(outside.resolve("created.xml")).doesNotExist();
        for (String written : List.of("glue-health-check/summary.md", "glue-health-check/junit.xml")) {
            assertThat(Files.isSymbolicLink(agent.resolve(written))).as(written).isFalse();
            assertThat(agent.resolve(written)).hasContent("# report");
        }

        // The report directory itself linked out: refused, nothing written there.
        Files.createSymbolicLink(agent.resolve("reports"), outside);
        assertThatThrownBy(() -> workspace.store(report, "reports/summary.md"))
                .isInstanceOf(IOException.class).hasMessageContaining("outside the workspace");
        assertThat(outside.resolve("summary.md")).doesNotExist();
    }

    /** The step's own agent workspace over another directory ({@link AgentStandIn}). */
    static WorkspaceAccess onAgent(Path agent) throws IOException {
        return AgentStandIn.workspaceOn(agent);
    }

    /** The workspace files copied to the controller. */
    List<String> fetched() throws IOException {
        Path root = workspace.localRoot();
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).toList();
        }
    }
}
