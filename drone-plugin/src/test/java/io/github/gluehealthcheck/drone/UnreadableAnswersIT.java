package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Drone step prints and exits with when AWS (or something that answers in its place) sends answers the SDK
 * cannot read, or denies a call: the reported failure, a status read answered 200 with ISO timestamps, ended the
 * check only at max_wait, as "AWS could not be reached", with the run going.
 */
class UnreadableAnswersIT {
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

    private StepEnv step() {
        return StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell");
    }

    @Test
    void statusAnswersWithUnreadableTimestampsEndTheStepWithExit3SoonAndCleanUp() throws Exception {
        endpoint.runScript("{\"steps\":[{\"state\":\"RUNNING\",\"millis\":0}],\"end\":\"UNTIL_STOPPED\"}");
        endpoint.fault("{\"service\":\"glue\",\"operation\":\"GetJobRun\",\"error\":\"UNREADABLE_TIMESTAMP\"}");

        Cli.Run run = Cli.run(workspace, step().map());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.took()).isLessThan(Duration.ofSeconds(30));
        assertThat(run.output()).as(run.toString()).contains("Glue health check ERROR", "could not be carried out",
                "the answer to glue:GetJobRun arrived but could not be read", "Unable to unmarshall response",
                "the run was asked to stop", "stop run: ").doesNotContain("could not be reached");
        assertThat(endpoint.state().get("jobs")).as("jobs left").isEmpty();
        assertThat(endpoint.state().get("objects")).as("staged scripts left").isEmpty();
    }

    @Test
    void aDeniedDeleteNamesTheActionThePolicyAndTheJobLeftForTheSweeper() throws Exception {
        endpoint.fault("{\"deny\":\"glue:DeleteJob\"}");

        Cli.Run run = Cli.run(workspace, step().map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        String job = endpoint.state().get("jobs").get(0).get("name").asText();
        assertThat(run.output()).as(run.toString()).contains(job, "glue:DeleteJob was denied",
                "terraform/iam.tf", "the sweeper deletes it");
        assertThat(endpoint.operations().stream().filter("glue:DeleteJob"::equals).count()).isEqualTo(1);
        endpoint.reset();
    }
}
