package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Drone's docker runner cancels with SIGKILL: nothing runs, so the job is left. The next step sweeps this
 * repository's expired leftovers before it creates anything; {@code mode: sweep} sweeps every repository's.
 */
class SweepIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();
    private static GlueClient glue;

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeAll
    static void glueClient() {
        glue = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(StepEnv.ACCESS_KEY, StepEnv.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void closeGlueClient() {
        glue.close();
    }

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
    }

    @AfterEach
    void deleteJobs() {
        jobNames().forEach(name -> glue.deleteJob(b -> b.jobName(name)));
    }

    private StepEnv step() {
        return StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_SCRIPT", "jobs/orders_summary.py")
                .set("PLUGIN_JOB_TYPE", "pythonshell");
    }

    @Test
    void aJobLeftBySigkillIsSweptByTheNextStepOnceItExpires() throws Exception {
        killedWhileRunning();
        List<String> left = jobNames();
        assertThat(left).hasSize(1);
        assertThat(endpoint.state().get("objects")).hasSize(1);

        // Time passes: the job's expiry (deadline + margin) is now behind us.
        expire(left.get(0));
        endpoint.reset();
        Cli.Run next = Cli.run(workspace, step().map());

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.output()).as(next.toString()).contains(
                "[sweep] 1 job(s) of this repository found, 1 expired deleted");
        assertThat(next.output().indexOf("expired deleted")).isLessThan(next.output().indexOf("[orders_summary] create:"));
        assertThat(jobNames()).isEmpty();
        assertThat(endpoint.state().get("objects")).as("the staged script of the killed step").isEmpty();
        assertThat(endpoint.state().get("runs")).noneMatch(r -> r.get("active").asBoolean());
    }

    @Test
    void aStepSweepsOnlyItsOwnRepositorysExpiredJobs() throws Exception {
        orphan("glue-health-check-old-etl-b1-00000001", "data/etl", Instant.now().minus(Duration.ofHours(1)));
        orphan("glue-health-check-fresh-etl-b2-00000002", "data/etl", Instant.now().plus(Duration.ofHours(1)));
        orphan("glue-health-check-other-repo-b3-00000003", "data/other", Instant.now().minus(Duration.ofHours(1)));

        Cli.Run run = Cli.run(workspace, step().map());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("[sweep] 2 job(s) of this repository found, 1 expired deleted");
        assertThat(jobNames()).containsExactlyInAnyOrder("glue-health-check-fresh-etl-b2-00000002",
                "glue-health-check-other-repo-b3-00000003");

        Cli.Run off = Cli.run(workspace, step().set("PLUGIN_SWEEP", "false").map());
        assertThat(off.exitCode()).isZero();
        assertThat(off.output()).doesNotContain("[sweep]");
    }

    @Test
    void modeSweepOnlySweepsEveryRepositoryAndCreatesNothing() throws Exception {
        orphan("glue-health-check-old-etl-b1-00000001", "data/etl", Instant.now().minus(Duration.ofHours(1)));
        orphan("glue-health-check-other-repo-b3-00000003", "data/other", Instant.now().minus(Duration.ofHours(1)));
        orphan("glue-health-check-fresh-etl-b2-00000002", "data/etl", Instant.now().plus(Duration.ofHours(1)));
        glue.createJob(b -> b.name("glue-health-check-not-ours").role("arn:aws:iam::123456789012:role/x")
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/k.py")));
        endpoint.reset();

        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_MODE", "sweep").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("[sweep] 3 health-check job(s) examined, 2 expired deleted");
        assertThat(jobNames()).containsExactlyInAnyOrder("glue-health-check-fresh-etl-b2-00000002", "glue-health-check-not-ours");
        assertThat(endpoint.operations()).doesNotContain("glue:CreateJob", "s3:PutObject", "glue:StartJobRun");
        assertThat(workspace.resolve("glue-health-check")).doesNotExist();
    }

    @Test
    void modeSweepDeletesAKilledStepsStagedScriptOnlyUnderThePipelinesScriptsBucket() throws Exception {
        killedWhileRunning();
        assertThat(endpoint.state().get("objects")).hasSize(1);
        expire(jobNames().get(0));

        // StepEnv's pipeline settings include scripts_bucket: s3://ci-scripts/checks, where the step staged it.
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_MODE", "sweep").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains("deleted its staged script");
        assertThat(jobNames()).isEmpty();
        assertThat(endpoint.state().get("objects")).as("the staged script of the killed step").isEmpty();
    }

    @Test
    void modeSweepWithoutAScriptsBucketLeavesStagedScriptsToTheLifecycleRule() throws Exception {
        killedWhileRunning();
        expire(jobNames().get(0));
        Map<String, String> noBucket = new java.util.HashMap<>(StepEnv.drone(home, workspace).aws(endpoint)
                .set("PLUGIN_MODE", "sweep").map());
        noBucket.remove("PLUGIN_SCRIPTS_BUCKET");

        Cli.Run run = Cli.run(workspace, noBucket);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(jobNames()).isEmpty();
        assertThat(endpoint.state().get("objects")).as("left to the lifecycle rule").hasSize(1);
        assertThat(run.output()).contains("not under a configured scripts_bucket");
    }

    /** A step killed with SIGKILL while its run is RUNNING: its job, run and staged script are left behind. */
    private void killedWhileRunning() throws Exception {
        endpoint.runScript("{\"steps\":[{\"state\":\"RUNNING\",\"millis\":0}],\"end\":\"UNTIL_STOPPED\"}");
        Cli.Started killed = Cli.start(workspace, step().map());
        killed.awaitOutput("[orders_summary] state: RUNNING", Duration.ofSeconds(60));
        killed.process.destroyForcibly(); // SIGKILL: no cleanup can run
        killed.await(Duration.ofSeconds(30));
    }

    private static void orphan(String name, String repo, Instant expiresAt) {
        glue.createJob(b -> b.name(name).role("arn:aws:iam::123456789012:role/x")
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/" + name + ".py").pythonVersion("3.9"))
                .tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.REPO, repo,
                        OwnershipTags.EXPIRES_AT, expiresAt.toString())));
    }

    private static void expire(String jobName) {
        glue.tagResource(b -> b.resourceArn("arn:aws:glue:us-east-1:123456789012:job/" + jobName)
                .tagsToAdd(Map.of(OwnershipTags.EXPIRES_AT, Instant.now().minus(Duration.ofMinutes(1)).toString())));
    }

    private static List<String> jobNames() {
        List<String> names = new ArrayList<>();
        for (JsonNode j : endpoint.state().get("jobs")) {
            names.add(j.get("name").asText());
        }
        return names;
    }
}
