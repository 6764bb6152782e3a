package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class ThrottlingTest {

    @Test
    void requestsBeyondTheRateGetEachServicesThrottlingError() throws Exception {
        try (LocalAws aws = LocalAws.start(LocalAws.fast().throttleRequestsPerSecond(5).build(), false)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<String>> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    boolean glue = i % 2 == 0;
                    outcomes.add(pool.submit(() -> {
                        try {
                            if (glue) {
                                aws.glue.listJobs(b -> { });
                            } else {
                                aws.s3.listBuckets();
                            }
                            return "ok";
                        } catch (AwsServiceException e) {
                            assertThat(e.isThrottlingException()).isTrue();
                            return e.awsErrorDetails().errorCode();
                        }
                    }));
                }
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get());
                }

                assertThat(results).contains("ok", "ThrottlingException", "SlowDown");
                assertThat(results.stream().filter("ok"::equals).count()).isLessThan(20);
            } finally {
                pool.shutdownNow();
            }
            assertThat(aws.endpoint.requests().matching(r -> r.errorCode() != null))
                    .allSatisfy(r -> assertThat(r.errorCode()).isIn("ThrottlingException", "SlowDown"));
        }
    }

    @Test
    void theSdksRetriesGetThroughAModestThrottle() {
        try (LocalAws aws = LocalAws.start(LocalAws.fast().throttleRequestsPerSecond(20).build(), true)) {
            for (int i = 0; i < 30; i++) {
                aws.sts.getCallerIdentity();
            }
            assertThat(aws.endpoint.requests().count("sts", "GetCallerIdentity")).isGreaterThanOrEqualTo(30);
        }
    }
}
