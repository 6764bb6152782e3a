package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.JobRun;
import software.amazon.awssdk.services.glue.model.JobRunState;
import software.amazon.awssdk.services.sts.model.StsException;

/** The /_local/ control API, used over plain HTTP as another process would. */
class AdminApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalAws aws;
    private HttpClient http;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(aws.endpoint.uri() + path))
                .timeout(Duration.ofSeconds(5));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if ("POST".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> health = send("GET", "/_local/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("ok");
        assertThat(aws.endpoint.requests().count()).as("admin calls are not recorded").isZero();
    }

    @Test
    void requestsListsWhatTheSdkDidAndDeleteClearsIt() throws Exception {
        aws.pythonShellJob("hc-admin", "print(1)\n");

        JsonNode requests = json(send("GET", "/_local/requests", null)).get("requests");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("service").asText()).isEqualTo("s3");
        assertThat(requests.get(0).get("operation").asText()).isEqualTo("PutObject");
        assertThat(requests.get(0).get("detail").get("bucket").asText()).isEqualTo("scripts");
        assertThat(requests.get(1).get("operation").asText()).isEqualTo("CreateJob");
        assertThat(requests.get(1).get("jobName").asText()).isEqualTo("hc-admin");
        assertThat(requests.get(1).get("httpStatus").asInt()).isEqualTo(200);
        assertThat(requests.get(1).get("errorCode").isNull()).isTrue();
        assertThat(requests.get(1).get("at").asText()).endsWith("Z");

        assertThat(send("DELETE", "/_local/requests", null).statusCode()).isEqualTo(204);
        assertThat(aws.endpoint.requests().count()).isZero();
    }

    @Test
    void aFaultPostedAsJsonIsSeenByTheSdkUntilDeleted() throws Exception {
        HttpResponse<String> added = send("POST", "/_local/faults",
                "{\"service\":\"sts\",\"operation\":\"GetCallerIdentity\",\"error\":\"ACCESS_DENIED\",\"times\":2}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(send("GET", "/_local/faults", null)).get("faults")).hasSize(1);

        assertThatThrownBy(() -> aws.sts.getCallerIdentity()).isInstanceOfSatisfying(StsException.class,
                e -> assertThat(e.statusCode()).isEqualTo(403));
        assertThat(send("DELETE", "/_local/faults", null).statusCode()).isEqualTo(204);
        assertThat(aws.sts.getCallerIdentity().account()).isEqualTo("123456789012");
    }

    @Test
    void aDelayFaultAndAJobScopedFaultCanBePosted() throws Exception {
        send("POST", "/_local/faults", "{\"service\":\"glue\",\"operation\":\"*\",\"error\":\"DELAY\","
                + "\"delayMillis\":300,\"job\":\"hc-slow\",\"times\":1}");

        assertThat(aws.endpoint.faults().rules()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ErrorKind.DELAY);
            assertThat(r.delayDuration()).isEqualTo(Duration.ofMillis(300));
            assertThat(r.jobName()).isEqualTo("hc-slow");
            assertThat(r.times()).isEqualTo(1);
        });
    }

    @Test
    void aRunScriptPostedAsJsonShapesTheRunsOfMatchingJobs() throws Exception {
        HttpResponse<String> added = send("POST", "/_local/run-scripts", "{\"jobNameContains\":\"expired\","
                + "\"steps\":[{\"state\":\"STARTING\",\"millis\":50},"
                + "{\"state\":\"WAITING\",\"millis\":100,\"detail\":\"queued\"},{\"output\":[\"hello\"]}],"
                + "\"end\":\"EXPIRED\",\"errorMessage\":\"gave up\"}");
        assertThat(added.statusCode()).isEqualTo(201);
        String expired = aws.pythonShellJob("hc-will-be-expired", "print(1)\n");
        String normal = aws.pythonShellJob("hc-normal", "print(1)\n");

        String runId = aws.startRun(expired);
        JobRun run = aws.awaitFinal(expired, runId);
        assertThat(run.jobRunState()).isEqualTo(JobRunState.EXPIRED);
        assertThat(run.errorMessage()).isEqualTo("gave up");
        assertThat(aws.logMessages("/aws-glue/python-jobs/output", runId)).containsExactly("hello");
        assertThat(aws.awaitFinal(normal, aws.startRun(normal)).jobRunState()).isEqualTo(JobRunState.SUCCEEDED);

        send("POST", "/_local/run-scripts", "{\"jobNameRegex\":\"hc-n.*\",\"end\":\"UNTIL_STOPPED\","
                + "\"stuckInStopping\":true}");
        String stuck = aws.startRun(normal);
        aws.awaitRun(normal, stuck, r -> r.jobRunState() == JobRunState.RUNNING, Duration.ofSeconds(5));
        aws.glue.batchStopJobRun(b -> b.jobName(normal).jobRunIds(stuck));
        LocalAws.sleep(Duration.ofMillis(200));
        assertThat(aws.run(normal, stuck).jobRunState()).isEqualTo(JobRunState.STOPPING);

        assertThat(send("DELETE", "/_local/run-scripts", null).statusCode()).isEqualTo(204);
        assertThat(aws.endpoint.runScripts().size()).isZero();
    }

    @Test
    void stateShowsJobsRunsObjectsAndLogGroups() throws Exception {
        String job = aws.pythonShellJob("hc-state", "print('hi')\n");
        String runId = aws.startRun(job, java.util.Map.of("--health_check", "true"));
        aws.awaitFinal(job, runId);

        JsonNode state = json(send("GET", "/_local/state", null));

        assertThat(state.get("jobs").get(0).get("name").asText()).isEqualTo("hc-state");
        assertThat(state.get("jobs").get(0).get("commandName").asText()).isEqualTo("pythonshell");
        JsonNode run = state.get("runs").get(0);
        assertThat(run.get("id").asText()).isEqualTo(runId);
        assertThat(run.get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(run.get("arguments").get("--health_check").asText()).isEqualTo("true");
        assertThat(run.get("active").asBoolean()).isFalse();
        assertThat(state.get("objects").get(0).get("key").asText()).isEqualTo("hc-state.py");
        assertThat(state.get("logGroups").get(0).get("name").asText()).isEqualTo("/aws-glue/python-jobs/output");
    }

    @Test
    void pausingOverHttpAnswersFirstThenRefusesConnectionsUntilItComesBack() throws Exception {
        HttpResponse<String> paused = send("POST", "/_local/pause?millis=700", null);
        assertThat(paused.statusCode()).isEqualTo(202);

        LocalAws.await("the endpoint to stop listening", Duration.ofSeconds(2), () -> aws.endpoint.faults().paused());
        assertThatThrownBy(() -> send("GET", "/_local/health", null)).isInstanceOf(ConnectException.class);
        LocalAws.await("the endpoint to listen again", Duration.ofSeconds(5), () -> !aws.endpoint.faults().paused());
        assertThat(send("GET", "/_local/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedAdminRequestsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> badJson = send("POST", "/_local/faults", "{not json");
        HttpResponse<String> badKind = send("POST", "/_local/faults",
                "{\"service\":\"glue\",\"operation\":\"*\",\"error\":\"EXPLODE\"}");
        HttpResponse<String> noDuration = send("POST", "/_local/pause", null);
        HttpResponse<String> unknown = send("GET", "/_local/nothing-here", null);
        HttpResponse<String> wrongMethod = send("PUT", "/_local/state", "");

        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(json(badKind).get("error").asText()).contains("EXPLODE");
        assertThat(noDuration.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(aws.endpoint.faults().paused()).isFalse();
    }
}
