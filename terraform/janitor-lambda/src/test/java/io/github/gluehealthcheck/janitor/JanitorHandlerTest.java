package io.github.gluehealthcheck.janitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.aws.Secret;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.ErrorKind;
import io.github.gluehealthcheck.engine.local.FaultRule;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.sweep.Sweeper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda handler through the real SDK against the local endpoint, configured by environment as Terraform sets it. */
class JanitorHandlerTest {
    LocalAwsEndpoint endpoint;
    AwsConnection connection;

    @BeforeEach
    void start() throws Exception {
        endpoint = LocalAwsEndpoint.start();
        connection = AwsConnection.builder().endpoint(endpoint.uri().toString()).region("eu-west-1")
                .accessKey(Secret.of("NOTAKEY-JANITORFAKE00001")).secretKey(Secret.of("janitor-fake-secret")).build();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private void job(String name, String repo, Instant expires) {
        endpoint.state();
        software.amazon.awssdk.services.glue.GlueClient glue = software.amazon.awssdk.services.glue.GlueClient.builder()
                .endpointOverride(endpoint.uri()).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))).build();
        glue.createJob(r -> r.name(name).role("arn:aws:iam::123456789012:role/r").maxCapacity(0.0625)
                .command(c -> c.name("pythonshell").scriptLocation("s3://b/k.py"))
                .tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.REPO, repo,
                        OwnershipTags.EXPIRES_AT, expires.toString())));
        glue.close();
    }

    private void startRun(String name) {
        try (software.amazon.awssdk.services.glue.GlueClient glue = software.amazon.awssdk.services.glue.GlueClient.builder()
                .endpointOverride(endpoint.uri()).region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("a", "b"))).build()) {
            glue.startJobRun(r -> r.jobName(name));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sweepsExpiredJobsOfEveryRepository() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        job("ghc-a-etl-b1-00000001", "data/etl", past);
        job("ghc-b-web-b1-00000002", "data/web", past);
        job("ghc-c-etl-b2-00000003", "data/etl", Instant.now().plus(Duration.ofHours(1)));
        job("glue-health-check-d-etl-b3-00000004", "data/etl", past);

        Map<String, Object> summary = new JanitorHandler(Map.of(JanitorHandler.PREFIX_VARIABLE, "ghc"), connection)
                .handleRequest(Map.of(), null);

        assertThat(summary).containsEntry("deleted", 2L).containsEntry("failed", 0L).containsEntry("dryRun", false);
        assertThat(((List<Map<String, String>>) summary.get("jobs"))).extracting(j -> j.get("jobName"))
                .containsExactlyInAnyOrder("ghc-a-etl-b1-00000001", "ghc-b-web-b1-00000002");
        assertThat(endpoint.state().jobs()).extracting(j -> j.name())
                .containsExactlyInAnyOrder("ghc-c-etl-b2-00000003", "glue-health-check-d-etl-b3-00000004");
        assertThat(endpoint.requests().forService("s3")).isEmpty();
    }

    @Test
    void callsExactlyTheOperationsTheSweeperDeclaresWhichTheJanitorsPolicyIsCheckedAgainst() {
        // An expired job whose run is still going: the sweep lists, reads tags, finds the run, stops it, waits for
        // it to end (GetJobRun) and deletes the job.
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ZERO).thenRunUntilStopped());
        job("glue-health-check-a-etl-b1-00000001", "data/etl", Instant.now().minus(Duration.ofHours(2)));
        startRun("glue-health-check-a-etl-b1-00000001");
        endpoint.requests().clear();

        Map<String, Object> summary = new JanitorHandler(Map.of(), connection).handleRequest(Map.of(), null);

        assertThat(summary).containsEntry("deleted", 1L);
        Set<AwsOperation> called = endpoint.requests().all().stream()
                .map(r -> Arrays.stream(AwsOperation.values())
                        .filter(op -> op.service().equals(r.service()) && op.operation().equals(r.operation()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(r.service() + ":" + r.operation() + " is no AwsOperation")))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AwsOperation.class)));
        Set<AwsOperation> declared = EnumSet.copyOf(Sweeper.operations(JanitorHandler.scope("glue-health-check", false)));
        declared.add(AwsOperation.STS_GET_CALLER_IDENTITY); // the preflight, which needs no permission

        assertThat(called).isEqualTo(declared);
    }

    @Test
    void dryRunDeletesNothing() {
        job("glue-health-check-a-etl-b1-00000001", "data/etl", Instant.now().minus(Duration.ofHours(2)));
        Map<String, Object> summary = new JanitorHandler(Map.of(JanitorHandler.DRY_RUN_VARIABLE, "true"), connection)
                .handleRequest(Map.of(), null);
        assertThat(summary).containsEntry("deleted", 0L);
        assertThat(endpoint.state().jobs()).hasSize(1);
    }

    @Test
    void aFailedDeleteFailsTheInvocationSoTheAlarmFires() {
        job("glue-health-check-a-etl-b1-00000001", "data/etl", Instant.now().minus(Duration.ofHours(2)));
        endpoint.faults().add(FaultRule.on("glue", "DeleteJob").error(ErrorKind.ACCESS_DENIED).always());
        assertThatThrownBy(() -> new JanitorHandler(Map.of(), connection).handleRequest(Map.of(), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 expired job(s) could not be deleted");
    }

    @Test
    void aBadPrefixIsRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> new JanitorHandler(Map.of(JanitorHandler.PREFIX_VARIABLE, "9bad prefix"), connection)
                .handleRequest(Map.of(), null)).hasMessageStartingWith("GLUE_HEALTH_CHECK_NAME_PREFIX: '9bad prefix'");
        assertThat(endpoint.requests().count()).isZero();
    }
}
