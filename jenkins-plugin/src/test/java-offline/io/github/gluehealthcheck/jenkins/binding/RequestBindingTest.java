package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
    Path controller;
    @TempDir
    Path scratch;

    AgentWorkspace workspace;
    Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(agent.resolve("jobs"));
        Files.writeString(agent.resolve("jobs/orders.py"), "print(1)\n");
        Files.writeString(agent.resolve("jobs/customers.py"), "print(2)\n");
        Files.writeString(agent.resolve("jobs/unused.py"), "print(3)\n");
        workspace = new AgentWorkspace(agent, controller);
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
        assertThat(workspace.fetched).containsExactlyInAnyOrder("jobs/orders.py", "jobs/customers.py");
        assertThat(controller.resolve("jobs/unused.py")).doesNotExist();
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

        assertThat(workspace.fetched).contains(".glue-health.yml", "jobs/orders.py", "jobs/customers.py");
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
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, null, null, false, null, false, null, 0);

        assertThatThrownBy(() -> RequestBinding.bind(params("script", "jobs/orders.py", "role", ROLE, "scriptsBucket",
                "s3://ci-bucket"), env, defaults, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .satisfies(e -> assertThat(((StepSettingsException) e).lines()).containsExactly(
                        "statusReadsPerSecond: 0 is out of range; use 1 to 100 (reads a second) (the value comes from "
                                + "the global default in Manage Jenkins > System)"));
    }

    @Test
    void aJobsListGivenAsJsonTextNamesItsScriptsToo() throws Exception {
        RequestBinding.bind(params("jobs", "[{\"script\": \"jobs/orders.py\"}]", "role", ROLE, "scriptsBucket", "s3://ci-bucket"),
                env, GlobalDefaults.NONE, workspace, scratch);

        assertThat(workspace.fetched).containsExactly("jobs/orders.py");
    }

    @Test
    void pathsLeavingTheWorkspaceAreNeitherFetchedNorAccepted() throws Exception {
        assertThatThrownBy(() -> RequestBinding.bind(params("script", "../outside.py", "role", ROLE, "scriptsBucket", "s3://ci-bucket",
                "reportDir", "../../etc"), env, GlobalDefaults.NONE, workspace, scratch))
                .isInstanceOf(StepSettingsException.class)
                .satisfies(e -> assertThat(((StepSettingsException) e).lines())
                        .anySatisfy(l -> assertThat(l).startsWith("reportDir: '../../etc' must be a directory inside the workspace"))
                        .anySatisfy(l -> assertThat(l).startsWith("script: '../outside.py' is outside the workspace")));
        assertThat(workspace.fetched).isEmpty();
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
        assertThat(controller.resolve("jobs/big.py")).doesNotExist();
    }

    static final class AgentWorkspace implements WorkspaceAccess {
        final Path agent;
        final Path controller;
        final List<String> fetched = new ArrayList<>();
        final java.util.Set<String> tooLarge = new java.util.LinkedHashSet<>();

        AgentWorkspace(Path agent, Path controller) {
            this.agent = agent;
            this.controller = controller;
        }

        @Override
        public Path localRoot() {
            return controller;
        }

        @Override
        public void fetch(Collection<String> relativePaths) throws IOException {
            for (String rel : relativePaths) {
                if (!WorkspaceAccess.staysInside(rel) || !Files.isRegularFile(agent.resolve(rel))) {
                    continue;
                }
                if (Files.size(agent.resolve(rel)) > MAX_FILE_BYTES) {
                    tooLarge.add(rel); // as FilePathWorkspace does, by FilePath.length() on the agent
                    continue;
                }
                Path target = controller.resolve(rel);
                Files.createDirectories(target.getParent());
                Files.copy(agent.resolve(rel), target);
                fetched.add(rel);
            }
        }

        @Override
        public java.util.Set<String> tooLarge() {
            return java.util.Set.copyOf(tooLarge);
        }

        @Override
        public void store(Path localFile, String relativePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String describe() {
            return agent.toString();
        }

        @Override
        public void close() {
        }
    }
}
