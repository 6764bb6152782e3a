package io.github.gluehealthcheck.engine;

import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one check against an endpoint in its own JVM, with the shutdown guard installed, so a test can send it
 * SIGTERM. Arguments: endpoint URI, workspace, script path.
 */
public final class ShutdownProbe {
    private ShutdownProbe() {
    }

    public static void main(String[] args) {
        Cancellation cancellation = new Cancellation();
        ShutdownGuard guard = ShutdownGuard.install(cancellation, Duration.ofSeconds(15));
        try (AwsClients aws = AwsClients.builder(AwsConnection.builder().build())
                .endpointOverride(URI.create(args[0]), true).build()) {
            CheckSpec spec = CheckSpec.builder().workspace(Path.of(args[1])).script(args[2]).jobType(JobType.PYTHONSHELL)
                    .role("glue-ci").scriptsBucket("s3://ci-scripts/checks").build();
            HealthCheck check = new HealthCheck(aws, EngineOptions.builder().cancelStopWait(Duration.ofSeconds(3)).build());
            CheckResult result = check.run(spec, CiContext.builder().repo("data/etl").build(), new ProgressListener() {
                @Override
                public void runState(String job, String state, String detail) {
                    System.out.println("STATE " + state);
                }
            }, cancellation);
            System.out.println("RESULT " + result.status() + " " + result.cleanup());
        } finally {
            guard.finished();
        }
    }
}
