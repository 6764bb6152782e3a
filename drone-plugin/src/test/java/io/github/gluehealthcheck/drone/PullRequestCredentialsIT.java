package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drone does not give secrets to pull-request builds by default: such a build reaches the check without
 * credentials. The step must say why, exit 3 (not carried out) and change nothing.
 */
class PullRequestCredentialsIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
    }

    /** The step of a PR build: from_secret settings are simply absent. */
    private StepEnv withoutCredentials(StepEnv step) {
        return step.aws(endpoint).remove("PLUGIN_ACCESS_KEY").remove("PLUGIN_SECRET_KEY")
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell");
    }

    @Test
    void aDronePullRequestWithoutCredentialsSaysDroneHidesSecretsFromPullRequests() throws Exception {
        Cli.Run run = Cli.run(workspace, withoutCredentials(StepEnv.drone(home, workspace).pullRequest("12")).map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).as(run.toString()).contains(
                "drone data/etl PR 12 build 7",
                "[preflight] credentials: default credentials chain",
                "Glue health check ERROR",
                "could not run: could not confirm the AWS identity",
                "hint: this is a pull request build and no AWS credentials were given; Drone does not expose secrets "
                        + "to pull request builds by default");
        assertThat(run.stderr()).isEmpty();
        JsonNode report = new ObjectMapper().readTree(workspace.resolve("glue-health-check/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("ERROR");
        assertThat(endpoint.operations()).as("nothing may be created").noneMatch(op ->
                op.equals("glue:CreateJob") || op.equals("s3:PutObject") || op.equals("glue:StartJobRun"));
    }

    @Test
    void woodpeckerGetsItsOwnReason() throws Exception {
        Cli.Run run = Cli.run(workspace, withoutCredentials(StepEnv.woodpecker(home, workspace)).map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).contains("woodpecker data/etl PR 5 build 21",
                "hint: this is a pull request build and no AWS credentials were given; Woodpecker gives a secret to "
                        + "pull_request pipelines only when the secret lists the pull_request event.");
    }

    @Test
    void aPushBuildWithoutCredentialsFailsWithoutThePullRequestHint() throws Exception {
        Cli.Run run = Cli.run(workspace, withoutCredentials(StepEnv.drone(home, workspace)).map());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).contains("could not confirm the AWS identity").doesNotContain("hint:");
    }
}
