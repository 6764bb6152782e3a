package io.github.gluehealthcheck.drone.reliability;

import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.LocalState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's local endpoint in the test's JVM, which the CLI under test reaches over HTTP like any AWS endpoint:
 * the test injects faults and scripted runs through its Java API, reads what is left, and makes time pass for the
 * sweeper by moving expiry tags into the past.
 */
final class Endpoint implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    static final String SCRIPTS_BUCKET = "ci-scripts";

    final LocalAwsEndpoint local;
    final AwsClients aws;

    private Endpoint(LocalAwsEndpoint local) {
        this.local = local;
        this.aws = AwsClients.builder(AwsConnection.builder().build()).endpointOverride(local.uri(), true).build();
    }

    static Endpoint start() {
        try {
            return new Endpoint(LocalAwsEndpoint.start(LocalEndpointOptions.builder()
                    .startingDelay(Duration.ofMillis(100)).checkedOnlyRunDuration(Duration.ofMillis(300)).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return local.uri().toString();
    }

    /** Every job, staged script and active run there is (the tests' endpoints hold nothing else). */
    List<String> leftovers() {
        List<String> left = new ArrayList<>();
        local.state().jobs().forEach(j -> left.add("job " + j.name()));
        local.state().objects().stream().filter(o -> o.bucket().equals(SCRIPTS_BUCKET))
                .forEach(o -> left.add("object s3://" + o.bucket() + "/" + o.key()));
        local.state().activeRuns().forEach(r -> left.add("run " + r.id() + " (" + r.state() + ") of " + r.jobName()));
        return left;
    }

    /**
     * Time passes for the sweeper: every health-check job's expiry moves into the past. Returns the expiry each job
     * had, so a test can check that it would have expired by itself (deadline + margin, not never).
     */
    Map<String, Instant> expireAll() {
        Map<String, Instant> had = new java.util.LinkedHashMap<>();
        Instant past = Instant.now().minus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (LocalState.Job job : local.state().jobs()) {
            if (!OwnershipTags.isManaged(job.tags())) {
                continue;
            }
            had.put(job.name(), OwnershipTags.expiresAt(job.tags()).orElse(null));
            aws.glue().tagResource(r -> r.resourceArn("arn:aws:glue:us-east-1:" + ACCOUNT + ":job/" + job.name())
                    .tagsToAdd(Map.of(OwnershipTags.EXPIRES_AT, past.toString())));
        }
        return had;
    }

    /** Waits until no request is being held by a delay fault: what a killed client sent still takes effect. */
    void settle(Duration delay) throws InterruptedException {
        Thread.sleep(delay.toMillis() + 500);
    }

    @Override
    public void close() {
        aws.close();
        local.close();
    }
}
