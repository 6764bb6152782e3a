package io.github.gluehealthcheck.engine.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.glue.model.JobCommand;
import software.amazon.awssdk.services.glue.model.ExecutionClass;

/**
 * Loads, links and runs once the AWS SDK code a health check goes through, meant for a background thread while a
 * short-lived process does its own start-up work (reading settings); see {@link io.github.gluehealthcheck.engine.Warmup}. A CLI spends most of its first second
 * loading and verifying the SDK's classes on one core; on a second core this runs ahead of it, so the check's
 * own calls find the code ready.
 *
 * <p>It builds throwaway clients the way {@link AwsClients} does, with an in-memory HTTP client that answers each
 * call a check makes (GetCallerIdentity, ListJobs, PutObject, CreateJob, StartJobRun, GetJobRun,
 * FilterLogEvents, DeleteJob, DeleteObject) with a canned response: nothing leaves the process and no file is
 * written (the clients read the AWS config files, as the real ones do; their credentials are fixed fake keys). It
 * also builds the real HTTP client once, for its TLS context. Failures are ignored: it only ever saves time.
 */
public final class SdkWarmup {
    private static final URI NOWHERE = URI.create("http://warmup.invalid");

    private SdkWarmup() {
    }

    /** Runs the warm-up on the calling thread; failures are ignored (only time is at stake). */
    public static void runQuietly() {
        try {
            run();
        } catch (RuntimeException | LinkageError e) {
            // The real calls load whatever this did not.
        }
    }

    static void run() {
        // The real HTTP client's class and TLS context (its trust store is loaded only where TLS is used).
        AwsClients.httpClient(Duration.ofSeconds(5)).close();
        AwsConnection connection = AwsConnection.builder().region(AwsClients.LOCAL_DEFAULT_REGION)
                .accessKey(Secret.of("WARMUPACCESSKEY")).secretKey(Secret.of("warmup-not-a-secret")).build();
        try (AwsClients aws = AwsClients.builder(connection).endpointOverride(NOWHERE, true)
                .httpClient(new CannedHttpClient()).build()) {
            aws.sts().getCallerIdentity();
            aws.glue().listJobsPaginator(r -> r.tags(Map.of("k", "v"))).jobNames().forEach(n -> { });
            aws.s3().putObject(r -> r.bucket("warmup").key("w/warmup.py").contentType("text/x-python"),
                    RequestBody.fromBytes("print(1)\n".getBytes(StandardCharsets.UTF_8)));
            aws.glue().createJob(r -> r.name("warmup").role("warmup").glueVersion("3.0").maxCapacity(0.0625)
                    .command(JobCommand.builder().name("pythonshell").scriptLocation("s3://warmup/w/warmup.py")
                            .pythonVersion("3.9").build())
                    .executionClass(ExecutionClass.STANDARD).defaultArguments(Map.of("--a", "b"))
                    .tags(Map.of("k", "v")).timeout(1).maxRetries(0).description("warm-up"));
            aws.glue().startJobRun(r -> r.jobName("warmup").arguments(Map.of("--health_check", "true")));
            aws.glue().getJobRun(r -> r.jobName("warmup").runId("jr_warmup").overrideConfiguration(
                    o -> o.apiCallTimeout(Duration.ofSeconds(5))));
            aws.logs().filterLogEvents(r -> r.logGroupName("/warmup/output").logStreamNamePrefix("jr_warmup")
                    .startTime(Instant.now().toEpochMilli()));
            try {
                aws.logs().filterLogEvents(r -> r.logGroupName("/warmup/missing").logStreamNamePrefix("jr_warmup"));
            } catch (ResourceNotFoundException expected) {
                // the way a missing log group answers
            }
            aws.glue().deleteJob(r -> r.jobName("warmup"));
            aws.s3().deleteObject(r -> r.bucket("warmup").key("w/warmup.py"));
        }
    }

    /** Answers every call of a check with a canned response, by service and operation. */
    static final class CannedHttpClient implements SdkHttpClient {
        private static final String ACCOUNT = "123456789012";

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    byte[] body = new byte[0];
                    Optional<? extends InputStream> in = request.contentStreamProvider().map(p -> p.newStream());
                    if (in.isPresent()) {
                        try (InputStream s = in.get()) {
                            body = s.readAllBytes();
                        }
                    }
                    return answer(request.httpRequest(), new String(body, StandardCharsets.UTF_8));
                }

                @Override
                public void abort() {
                }
            };
        }

        private static HttpExecuteResponse answer(SdkHttpRequest request, String body) {
            String target = request.firstMatchingHeader("X-Amz-Target").orElse("");
            if (body.contains("Action=GetCallerIdentity")) {
                return respond(200, "text/xml", "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<GetCallerIdentityResult><Arn>arn:aws:iam::" + ACCOUNT + ":user/warmup</Arn><UserId>WARMUP</UserId>"
                        + "<Account>" + ACCOUNT + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>w</RequestId>"
                        + "</ResponseMetadata></GetCallerIdentityResponse>");
            }
            if (target.startsWith("AWSGlue.")) {
                String op = target.substring("AWSGlue.".length());
                return respond(200, "application/x-amz-json-1.1", switch (op) {
                    case "ListJobs" -> "{\"JobNames\":[]}";
                    case "CreateJob" -> "{\"Name\":\"warmup\"}";
                    case "StartJobRun" -> "{\"JobRunId\":\"jr_warmup\"}";
                    case "GetJobRun" -> "{\"JobRun\":{\"Id\":\"jr_warmup\",\"Attempt\":0,\"JobName\":\"warmup\","
                            + "\"StartedOn\":1.7E9,\"LastModifiedOn\":1.7E9,\"CompletedOn\":1.7E9,\"JobRunState\":"
                            + "\"SUCCEEDED\",\"Arguments\":{\"--health_check\":\"true\"},\"ExecutionTime\":1,"
                            + "\"Timeout\":1,\"MaxCapacity\":0.0625,\"GlueVersion\":\"3.0\",\"ExecutionClass\":\"STANDARD\"}}";
                    case "DeleteJob" -> "{\"JobName\":\"warmup\"}";
                    default -> "{}";
                });
            }
            if (target.startsWith("Logs_")) {
                if (body.contains("missing")) {
                    return respond(400, "application/x-amz-json-1.1",
                            "{\"__type\":\"ResourceNotFoundException\",\"message\":\"The specified log group does not exist.\"}");
                }
                return respond(200, "application/x-amz-json-1.1", "{\"events\":[{\"logStreamName\":\"jr_warmup\","
                        + "\"timestamp\":1700000000000,\"message\":\"warm\\n\",\"ingestionTime\":1700000000000,"
                        + "\"eventId\":\"1\"}],\"searchedLogStreams\":[]}");
            }
            // S3: PutObject answers 200 with an ETag, DeleteObject 204.
            return "DELETE".equals(request.method().name()) ? respond(204, null, "") : respond(200, null, "");
        }

        private static HttpExecuteResponse respond(int status, String contentType, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            SdkHttpResponse.Builder r = SdkHttpResponse.builder().statusCode(status)
                    .putHeader("x-amzn-RequestId", "warmup").putHeader("x-amz-request-id", "warmup")
                    .putHeader("Content-Length", String.valueOf(bytes.length));
            if (contentType != null) {
                r.putHeader("Content-Type", contentType);
            }
            if (status == 200 && contentType == null) {
                r.putHeader("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"");
            }
            return HttpExecuteResponse.builder().response(r.build())
                    .responseBody(bytes.length == 0 && status == 204 ? null
                            : AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                    .build();
        }

        @Override
        public String clientName() {
            return "warmup";
        }

        @Override
        public void close() {
        }
    }

    /** The operations the warm-up goes through, for tests. */
    static List<String> operations() {
        return List.of("sts:GetCallerIdentity", "glue:ListJobs", "s3:PutObject", "glue:CreateJob", "glue:StartJobRun",
                "glue:GetJobRun", "logs:FilterLogEvents", "glue:DeleteJob", "s3:DeleteObject");
    }
}
