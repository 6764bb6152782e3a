package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;

/**
 * The local endpoint refuses what Glue refuses, with Glue's error codes, reading the same rules table as the engine:
 * each input of the engine's validation, sent straight with the SDK.
 */
class GlueRulesEndpointTest {
    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private Consumer<CreateJobRequest.Builder> spark(Consumer<CreateJobRequest.Builder> more) {
        return b -> {
            b.command(c -> c.name("glueetl").pythonVersion("3").scriptLocation("s3://scripts/a.py"))
                    .glueVersion("5.0").workerType("G.1X").numberOfWorkers(2).timeout(10);
            more.accept(b);
        };
    }

    private void refused(String name, Consumer<CreateJobRequest.Builder> job, String message) {
        assertThatThrownBy(() -> aws.createJob(name, job)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
        assertThat(aws.endpoint.state().jobs()).noneMatch(j -> j.name().equals(name));
    }

    @Test
    void aRayWorkerTypeOnASparkJobIsRefused() {
        refused("z2x", spark(b -> b.workerType("Z.2X")), "Worker type Z.2X is not supported for glueetl jobs");
    }

    @Test
    void aMadeUpWorkerTypeIsRefused() {
        refused("g3x", spark(b -> b.workerType("G.3X")), "Member must satisfy enum value set");
    }

    @Test
    void aVersionPastItsEndOfLifeIsRefused() {
        refused("v2", spark(b -> b.glueVersion("2.0")), "Glue version 2.0 reached end of life on 2026-04-01");
    }

    @Test
    void rayOutsideItsRegionsIsRefusedAndInsideAccepted() {
        Consumer<CreateJobRequest.Builder> ray = b -> b.command(c -> c.name("glueray").pythonVersion("3.9")
                .runtime("Ray2.4").scriptLocation("s3://scripts/a.py")).glueVersion("4.0").workerType("Z.2X")
                .numberOfWorkers(1).role("arn:aws:iam::123456789012:role/glue");
        try (UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
                GlueClient frankfurt = GlueClient.builder().endpointOverride(aws.endpoint.uri())
                        .region(Region.EU_CENTRAL_1).credentialsProvider(LocalAws.CREDENTIALS).httpClient(http)
                        .overrideConfiguration(ClientOverrideConfiguration.builder().retryPolicy(RetryPolicy.none()).build())
                        .build()) {
            CreateJobRequest.Builder b = CreateJobRequest.builder().name("ray-fra");
            ray.accept(b);
            assertThatThrownBy(() -> frankfurt.createJob(b.build())).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("glueray jobs are not supported in region eu-central-1");
        }
        aws.createJob("ray-iad", ray);
        assertThat(aws.endpoint.state().jobs()).extracting(LocalState.Job::name).containsExactly("ray-iad");
    }

    @Test
    void sparkConfIsAcceptedAndGluesInternalArgumentsAreRefused() {
        aws.createJob("conf", spark(b -> b.defaultArguments(Map.of("--conf", "spark.sql.shuffle.partitions=4"))));
        refused("endpoint", spark(b -> b.defaultArguments(Map.of("--endpoint", "x"))),
                "DefaultArguments must not set --endpoint");
        assertThatThrownBy(() -> aws.glue.startJobRun(b -> b.jobName("conf").arguments(Map.of("--debug", "true"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Arguments must not set --debug");
    }

    @Test
    void fiftyOneTagsAreOverGluesLimit() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            tags.put("k" + i, "v");
        }
        assertThatThrownBy(() -> aws.createJob("tags", spark(b -> b.tags(tags))))
                .isInstanceOf(ResourceNumberLimitExceededException.class)
                .hasMessageContaining("A resource can have at most 50 tags");
        tags.remove("k50");
        aws.createJob("tags", spark(b -> b.tags(tags)));
    }

    @Test
    void timeoutsUpToSevenDaysAreAccepted() {
        aws.createJob("t5000", spark(b -> b.timeout(5000)));
        refused("t10081", spark(b -> b.timeout(10081)), "Timeout must be between 1 and 10080 minutes");
    }

    @Test
    void flexIsRefusedOnLargeWorkersAndForPythonShell() {
        refused("flex-g4x", spark(b -> b.workerType("G.4X").executionClass("FLEX")),
                "supports only G.1X and G.2X workers");
        refused("flex-shell", b -> b.command(c -> c.name("pythonshell").pythonVersion("3.9")
                .scriptLocation("s3://scripts/a.py")).glueVersion("3.0").maxCapacity(0.0625).executionClass("FLEX"),
                "supported only for glueetl jobs");
    }
}
