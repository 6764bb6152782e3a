package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.ConcurrentRunsExceededException;
import software.amazon.awssdk.services.glue.model.GlueException;
import software.amazon.awssdk.services.glue.model.InternalServiceException;
import software.amazon.awssdk.services.glue.model.OperationTimeoutException;
import software.amazon.awssdk.services.glue.model.ResourceNumberLimitExceededException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.StsException;

/** Each injected fault is observed by the real SDK as the real service would send it (retries off unless said). */
class FaultsTest {

    private LocalAws aws;

    @AfterEach
    void stop() {
        aws.close();
    }

    private ThrowingCallable call(String service) {
        return switch (service) {
            case "glue" -> () -> aws.glue.listJobs(b -> { });
            case "s3" -> () -> aws.s3.listBuckets();
            case "logs" -> () -> aws.logs.describeLogStreams(b -> b.logGroupName("/aws-glue/jobs/output"));
            case "sts" -> () -> aws.sts.getCallerIdentity();
            default -> throw new IllegalArgumentException(service);
        };
    }

    static Stream<Arguments> errorKinds() {
        return Stream.of(
                Arguments.of("glue", ErrorKind.THROTTLING, 400, "ThrottlingException", GlueException.class),
                Arguments.of("glue", ErrorKind.INTERNAL_ERROR, 500, "InternalServiceException",
                        InternalServiceException.class),
                Arguments.of("glue", ErrorKind.SERVICE_UNAVAILABLE, 503, "ServiceUnavailable", GlueException.class),
                Arguments.of("glue", ErrorKind.CONCURRENT_RUNS_EXCEEDED, 400, "ConcurrentRunsExceededException",
                        ConcurrentRunsExceededException.class),
                Arguments.of("glue", ErrorKind.RESOURCE_NUMBER_LIMIT_EXCEEDED, 400,
                        "ResourceNumberLimitExceededException", ResourceNumberLimitExceededException.class),
                Arguments.of("glue", ErrorKind.OPERATION_TIMEOUT, 400, "OperationTimeoutException",
                        OperationTimeoutException.class),
                Arguments.of("glue", ErrorKind.ACCESS_DENIED, 400, "AccessDeniedException",
                        software.amazon.awssdk.services.glue.model.AccessDeniedException.class),
                Arguments.of("s3", ErrorKind.THROTTLING, 503, "SlowDown", S3Exception.class),
                Arguments.of("s3", ErrorKind.INTERNAL_ERROR, 500, "InternalError", S3Exception.class),
                Arguments.of("s3", ErrorKind.SERVICE_UNAVAILABLE, 503, "ServiceUnavailable", S3Exception.class),
                Arguments.of("s3", ErrorKind.ACCESS_DENIED, 403, "AccessDenied", S3Exception.class),
                Arguments.of("logs", ErrorKind.THROTTLING, 400, "ThrottlingException",
                        software.amazon.awssdk.services.cloudwatchlogs.model.ThrottlingException.class),
                Arguments.of("logs", ErrorKind.INTERNAL_ERROR, 500, "InternalFailure",
                        software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException.class),
                Arguments.of("logs", ErrorKind.SERVICE_UNAVAILABLE, 503, "ServiceUnavailableException",
                        software.amazon.awssdk.services.cloudwatchlogs.model.ServiceUnavailableException.class),
                Arguments.of("logs", ErrorKind.RESOURCE_NUMBER_LIMIT_EXCEEDED, 400, "LimitExceededException",
                        software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException.class),
                Arguments.of("logs", ErrorKind.ACCESS_DENIED, 400, "AccessDeniedException",
                        software.amazon.awssdk.services.cloudwatchlogs.model.AccessDeniedException.class),
                Arguments.of("sts", ErrorKind.THROTTLING, 400, "Throttling", StsException.class),
                Arguments.of("sts", ErrorKind.INTERNAL_ERROR, 500, "InternalFailure", StsException.class),
                Arguments.of("sts", ErrorKind.SERVICE_UNAVAILABLE, 503, "ServiceUnavailable", StsException.class),
                Arguments.of("sts", ErrorKind.ACCESS_DENIED, 403, "AccessDenied", StsException.class));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("errorKinds")
    void eachErrorKindReachesTheSdkInTheServicesOwnForm(String service, ErrorKind kind, int status, String code,
            Class<? extends AwsServiceException> type) {
        aws = LocalAws.start();
        aws.endpoint.faults().add(FaultRule.on(service, "*").error(kind).once());

        assertThatThrownBy(call(service)).isInstanceOfSatisfying(type, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.isThrottlingException()).isEqualTo(kind == ErrorKind.THROTTLING);
        });
        assertThat(aws.endpoint.requests().forService(service)).singleElement()
                .satisfies(r -> assertThat(r.errorCode()).isEqualTo(code));
        // once(): the next call is answered normally.
        if (!service.equals("logs")) {
            org.assertj.core.api.Assertions.assertThatCode(call(service)).doesNotThrowAnyException();
        }
    }

    @Test
    void aThrottledStartJobRunIsRetriedByTheSdkAndStartsOnlyOneRun() {
        aws = LocalAws.start(LocalAws.fast().build(), true);
        String job = aws.pythonShellJob("hc-retry", "print(1)\n");
        aws.endpoint.faults().add(FaultRule.on("glue", "StartJobRun").error(ErrorKind.THROTTLING).times(2));

        String runId = aws.startRun(job);

        assertThat(aws.endpoint.requests().forOperation("glue", "StartJobRun"))
                .extracting(RecordedRequest::errorCode).containsExactly("ThrottlingException", "ThrottlingException", null);
        assertThat(aws.endpoint.state().runs(job)).singleElement()
                .satisfies(r -> assertThat(r.id()).isEqualTo(runId));
        assertThat(aws.endpoint.faults().rules()).isEmpty();
    }

    @Test
    void aFaultForOneJobLeavesOtherJobsAlone() {
        aws = LocalAws.start();
        aws.pythonShellJob("hc-target", "print(1)\n");
        aws.pythonShellJob("hc-bystander", "print(1)\n");
        aws.endpoint.faults().add(FaultRule.on("glue", "GetJob").error(ErrorKind.ACCESS_DENIED).forJob("hc-target"));

        aws.glue.getJob(b -> b.jobName("hc-bystander"));
        assertThatThrownBy(() -> aws.glue.getJob(b -> b.jobName("hc-target")))
                .isInstanceOf(software.amazon.awssdk.services.glue.model.AccessDeniedException.class);
        assertThatThrownBy(() -> aws.glue.getJob(b -> b.jobName("hc-target")))
                .as("without times() a rule applies always")
                .isInstanceOf(software.amazon.awssdk.services.glue.model.AccessDeniedException.class);
    }

    @Test
    void aConnectionResetIsAnIoErrorThatTheSdkRetries() {
        aws = LocalAws.start();
        aws.endpoint.faults().add(FaultRule.on("glue", "ListJobs").error(ErrorKind.CONNECTION_RESET).once());

        assertThatThrownBy(() -> aws.glue.listJobs(b -> { }))
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(IOException.class);
        assertThat(aws.endpoint.requests().forOperation("glue", "ListJobs")).singleElement()
                .satisfies(r -> {
                    assertThat(r.httpStatus()).isZero();
                    assertThat(r.errorCode()).isEqualTo("ConnectionReset");
                });

        try (LocalAws retrying = LocalAws.start(LocalAws.fast().build(), true)) {
            retrying.endpoint.faults().add(FaultRule.on("glue", "ListJobs").error(ErrorKind.CONNECTION_RESET).times(2));
            retrying.glue.listJobs(b -> { });
            assertThat(retrying.endpoint.requests().count("glue", "ListJobs")).isEqualTo(3);
        }
    }

    @Test
    void aResetAfterHandlingMakesTheRetryMeetAlreadyExists() {
        aws = LocalAws.start(LocalAws.fast().build(), true);
        aws.endpoint.faults().add(FaultRule.on("glue", "CreateJob").error(ErrorKind.CONNECTION_RESET)
                .afterHandling().once());

        assertThatThrownBy(() -> aws.pythonShellJob("hc-created-anyway", "print(1)\n"))
                .isInstanceOf(AlreadyExistsException.class);
        assertThat(aws.endpoint.state().job("hc-created-anyway")).isPresent();
    }

    @Test
    void aDelayLongerThanTheClientTimeoutIsATimeoutAndShorterOnesJustSlowDown() {
        aws = LocalAws.start(LocalAws.fast().build(), false, c -> c.apiCallAttemptTimeout(Duration.ofMillis(400)));
        aws.endpoint.faults().add(FaultRule.on("sts", "GetCallerIdentity").delay(Duration.ofMillis(1500)).once());
        aws.endpoint.faults().add(FaultRule.on("glue", "ListJobs").delay(Duration.ofMillis(100)).once());

        assertThatThrownBy(() -> aws.sts.getCallerIdentity()).isInstanceOf(ApiCallAttemptTimeoutException.class);
        long started = System.nanoTime();
        aws.glue.listJobs(b -> { });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aPausedEndpointRefusesConnectionsThenComesBackOnTheSamePortWithItsState() {
        aws = LocalAws.start();
        aws.pythonShellJob("hc-survivor", "print(1)\n");
        int port = aws.endpoint.port();

        long started = System.nanoTime();
        aws.endpoint.faults().pause(Duration.ofMillis(800));

        assertThat(aws.endpoint.faults().paused()).isTrue();
        assertThatThrownBy(() -> aws.glue.getJob(b -> b.jobName("hc-survivor")))
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        LocalAws.await("the endpoint to come back", Duration.ofSeconds(5), () -> !aws.endpoint.faults().paused());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
        assertThat(aws.glue.getJob(b -> b.jobName("hc-survivor")).job().name()).isEqualTo("hc-survivor");
        assertThat(aws.endpoint.port()).isEqualTo(port);
    }

    @Test
    void resumeEndsAPauseEarly() {
        aws = LocalAws.start();
        aws.endpoint.faults().pause(Duration.ofMinutes(5));

        aws.endpoint.faults().resume();

        assertThat(aws.endpoint.faults().paused()).isFalse();
        assertThat(aws.sts.getCallerIdentity().account()).isEqualTo("123456789012");
    }

    @Test
    void errorsAServiceCannotSendAreRefusedWhenTheRuleIsMade() {
        assertThatThrownBy(() -> FaultRule.on("s3", "PutObject").error(ErrorKind.CONCURRENT_RUNS_EXCEEDED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("ec2", "*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("glue", "*").error(ErrorKind.DELAY))
                .isInstanceOf(IllegalArgumentException.class);
        aws = LocalAws.start();
        assertThatThrownBy(() -> aws.endpoint.faults().add(FaultRule.on("glue", "*")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
