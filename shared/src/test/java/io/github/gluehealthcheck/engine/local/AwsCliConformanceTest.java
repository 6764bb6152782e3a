package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.reliability.MatrixSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The standalone local endpoint ({@code local-endpoint}, {@link LocalAwsEndpointMain}) against a client nobody here
 * wrote: Debian's AWS CLI v2, whose botocore parsers read every answer. Every operation the engine calls
 * ({@link AwsOperation}), the tagging keep_job uses and the log reads, with the parsed answers asserted: run states,
 * timestamps read as dates, tags, the log events of a real Python shell run, S3 listings. The Java SDK and botocore
 * were written apart from each other and from this endpoint, so an answer both read alike is the wire protocol, not
 * a habit of one client. Fails (never skips) without the CLI: {@code .ci/run} installs Debian's {@code awscli}.
 */
@Tag("reliability")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsCliConformanceTest {
    static final String ACCOUNT = "123456789012";
    static final String BUCKET = "ci-scripts";
    static final String JOB = "glue-health-check-cli-etl-pr1-b1-0000c11a";
    static final String SLOW_JOB = "glue-health-check-cli-slow-pr1-b1-0000c11b";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/glue-ci";
    static final MatrixSummary SUMMARY = new MatrixSummary("aws-cli-conformance",
            "The local endpoint read by an independent client: the AWS CLI v2 (item 5)",
            "operation", "CLI command", "asserted", "result");

    Path dir;
    Process endpoint;
    URI uri;
    /** The access token the endpoint printed (the AWS access key id of its clients), or null when it needs none. */
    String token;
    AwsCli cli;
    String runId;
    String slowRunId;
    final Map<String, String> checked = new java.util.TreeMap<>();

    @BeforeAll
    void startTheStandaloneEndpoint() throws Exception {
        dir = Files.createTempDirectory("aws-cli-conformance");
        cli = AwsCli.locate(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        endpoint = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LocalAwsEndpointMain.class.getName(), "--port", "0", "--starting-delay-ms", "100",
                "--account-id", ACCOUNT)
                .redirectError(dir.resolve("endpoint-stderr.txt").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(endpoint.getInputStream(), StandardCharsets.UTF_8));
        // It prints its access token, then where it listens.
        List<String> banner = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.contains("listening on http")) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the process ended: the assertions below say what it printed
            }
            return lines;
        }).get(60, TimeUnit.SECONDS);
        String listening = banner.stream().filter(l -> l.contains("listening on http")).findFirst().orElse(null);
        assertThat(listening).as("the endpoint's banner " + banner).isNotNull();
        uri = URI.create(listening.substring(listening.indexOf("http")));
        token = banner.stream().filter(l -> l.startsWith("local AWS endpoint token: "))
                .map(l -> l.substring("local AWS endpoint token: ".length()).split(" ")[0]).findFirst().orElse(null);
        cli = cli.against(uri, token);
    }

    @AfterAll
    void stopTheEndpoint() throws Exception {
        if (endpoint != null) {
            endpoint.toHandle().destroy();
            if (!endpoint.waitFor(20, TimeUnit.SECONDS)) {
                endpoint.descendants().forEach(ProcessHandle::destroyForcibly);
                endpoint.destroyForcibly();
            }
        }
        SUMMARY.note("Client: " + (cli == null ? "none" : cli.version) + ". Operations of the engine read by it: "
                + engineOperations().stream().filter(checked::containsKey).count() + " of " + engineOperations().size()
                + " (every AwsOperation but iam:PassRole, a permission, plus glue:TagResource for keep_job), and "
                + (checked.size() - engineOperations().stream().filter(checked::containsKey).count())
                + " more the endpoint serves (log reads, S3 listing and bucket); "
                + checked.size() + " operations in all.");
        SUMMARY.write();
    }

    /** The operations the engine makes, as {@code service:Operation}: what this suite must cover. */
    static Set<String> engineOperations() {
        Set<String> ops = Arrays.stream(AwsOperation.values()).filter(o -> !o.service().equals("iam"))
                .map(o -> o.service() + ":" + o.operation()).collect(Collectors.toCollection(TreeSet::new));
        ops.add("glue:TagResource");
        return ops;
    }

    private void record(String operation, String command, String asserted) {
        checked.put(operation, command);
        SUMMARY.row(operation, operation, "aws " + command, asserted, "ok");
    }

    /** A date botocore parsed and the CLI printed as ISO-8601 (it prints a date it could not parse as it came). */
    static Instant date(JsonNode node, String what) {
        assertThat(node).as(what).isNotNull();
        assertThat(node.isTextual()).as(what + " is a date, not " + node).isTrue();
        Instant at = OffsetDateTime.parse(node.asText()).toInstant();
        assertThat(Duration.between(at, Instant.now()).abs()).as(what + " " + at + " is now").isLessThan(Duration.ofMinutes(10));
        return at;
    }

    @Test
    @Order(1)
    void stsGetCallerIdentity() {
        JsonNode id = cli.json("sts", "get-caller-identity");
        assertThat(id.get("Account").asText()).isEqualTo(ACCOUNT);
        assertThat(id.get("Arn").asText()).startsWith("arn:aws:");
        record("sts:GetCallerIdentity", "sts get-caller-identity", "Account, Arn");
    }

    @Test
    @Order(2)
    void s3PutHeadAndListObjects() throws IOException {
        cli.json("s3api", "create-bucket", "--bucket", BUCKET);
        record("s3:CreateBucket", "s3api create-bucket", "answered");
        Path script = Files.writeString(dir.resolve("job.py"), "import sys\nprint('rows processed: 10')\n"
                + "print('WARN a line on stderr', file=sys.stderr)\n");
        Path slow = Files.writeString(dir.resolve("slow.py"), "import time\ntime.sleep(120)\n");
        JsonNode put = cli.json("s3api", "put-object", "--bucket", BUCKET, "--key", "checks/job.py", "--body", script.toString());
        assertThat(put.get("ETag").asText()).matches("\"[0-9a-f]{32}\"");
        cli.json("s3api", "put-object", "--bucket", BUCKET, "--key", "checks/slow.py", "--body", slow.toString());
        record("s3:PutObject", "s3api put-object", "ETag (MD5 of the body)");

        JsonNode head = cli.json("s3api", "head-object", "--bucket", BUCKET, "--key", "checks/job.py");
        assertThat(head.get("ContentLength").asLong()).isEqualTo(Files.size(script));
        date(head.get("LastModified"), "HeadObject's Last-Modified");
        record("s3:HeadObject", "s3api head-object", "ContentLength; Last-Modified read as a date");

        // reuse_passed reads its pass records with GetObject.
        Path fetched = dir.resolve("fetched.py");
        JsonNode get = cli.json("s3api", "get-object", "--bucket", BUCKET, "--key", "checks/job.py", fetched.toString());
        assertThat(Files.readString(fetched)).isEqualTo(Files.readString(script));
        assertThat(get.get("ETag").asText()).isEqualTo(put.get("ETag").asText());
        date(get.get("LastModified"), "GetObject's Last-Modified");
        record("s3:GetObject", "s3api get-object", "the body as put; ETag; Last-Modified read as a date");

        JsonNode list = cli.json("s3api", "list-objects-v2", "--bucket", BUCKET, "--prefix", "checks/");
        assertThat(list.get("Contents")).extracting(c -> c.get("Key").asText())
                .containsExactlyInAnyOrder("checks/job.py", "checks/slow.py");
        list.get("Contents").forEach(c -> date(c.get("LastModified"), "a listed object's LastModified"));
        record("s3:ListObjectsV2", "s3api list-objects-v2", "keys; LastModified read as dates");
    }

    @Test
    @Order(3)
    void glueCreateJobWithTagsAndReadThem() {
        for (String[] job : List.of(new String[] {JOB, "checks/job.py"}, new String[] {SLOW_JOB, "checks/slow.py"})) {
            JsonNode created = cli.json("glue", "create-job", "--name", job[0], "--role", ROLE,
                    "--command", "Name=pythonshell,ScriptLocation=s3://" + BUCKET + "/" + job[1] + ",PythonVersion=3.9",
                    "--max-capacity", "0.0625", "--timeout", "5",
                    "--tags", "glue-health-check=true,glue-health-check:repo=data/etl");
            assertThat(created.get("Name").asText()).isEqualTo(job[0]);
        }
        record("glue:CreateJob", "glue create-job --tags", "Name");

        // What base_job reads of a deployed job: its definition, dates included.
        JsonNode job = cli.json("glue", "get-job", "--job-name", JOB).get("Job");
        assertThat(job.get("Name").asText()).isEqualTo(JOB);
        assertThat(job.get("Role").asText()).isEqualTo(ROLE);
        assertThat(job.get("Command").get("Name").asText()).isEqualTo("pythonshell");
        assertThat(job.get("Command").get("ScriptLocation").asText()).isEqualTo("s3://" + BUCKET + "/checks/job.py");
        assertThat(job.get("Command").get("PythonVersion").asText()).isEqualTo("3.9");
        assertThat(job.get("MaxCapacity").asDouble()).isEqualTo(0.0625);
        assertThat(job.get("Timeout").asInt()).isEqualTo(5);
        date(job.get("CreatedOn"), "GetJob's CreatedOn");
        record("glue:GetJob", "glue get-job", "Name, Role, Command, MaxCapacity, Timeout; CreatedOn read as a date");

        JsonNode tags = cli.json("glue", "get-tags", "--resource-arn", jobArn(JOB));
        assertThat(tags.get("Tags").get("glue-health-check").asText()).isEqualTo("true");
        assertThat(tags.get("Tags").get("glue-health-check:repo").asText()).isEqualTo("data/etl");
        record("glue:GetTags", "glue get-tags", "the tags given at creation");

        cli.json("glue", "tag-resource", "--resource-arn", jobArn(JOB), "--tags-to-add", "glue-health-check:expires-at=2030-01-01T00:00:00Z");
        assertThat(cli.json("glue", "get-tags", "--resource-arn", jobArn(JOB)).get("Tags")
                .get("glue-health-check:expires-at").asText()).isEqualTo("2030-01-01T00:00:00Z");
        record("glue:TagResource", "glue tag-resource", "the added tag read back");

        JsonNode listed = cli.json("glue", "list-jobs", "--tags", "glue-health-check=true");
        List<String> names = new ArrayList<>();
        listed.get("JobNames").forEach(n -> names.add(n.asText()));
        assertThat(names).containsExactlyInAnyOrder(JOB, SLOW_JOB);
        record("glue:ListJobs", "glue list-jobs --tags", "the job names filtered by tag");
    }

    @Test
    @Order(4)
    void aPythonShellRunSucceedsWithDatesAndItsLogEvents() {
        runId = cli.json("glue", "start-job-run", "--job-name", JOB, "--arguments", "{\"--health_check\":\"true\"}")
                .get("JobRunId").asText();
        assertThat(runId).startsWith("jr_");
        record("glue:StartJobRun", "glue start-job-run --arguments", "JobRunId");

        JsonNode run = awaitState(JOB, runId, "SUCCEEDED");
        Instant started = date(run.get("StartedOn"), "StartedOn");
        Instant completed = date(run.get("CompletedOn"), "CompletedOn");
        date(run.get("LastModifiedOn"), "LastModifiedOn");
        assertThat(completed).isAfterOrEqualTo(started);
        assertThat(run.get("Arguments").get("--health_check").asText()).isEqualTo("true");
        record("glue:GetJobRun", "glue get-job-run", "JobRunState STARTING, RUNNING ... SUCCEEDED; StartedOn, "
                + "CompletedOn, LastModifiedOn read as dates; Arguments");

        JsonNode runs = cli.json("glue", "get-job-runs", "--job-name", JOB);
        assertThat(runs.get("JobRuns")).hasSize(1);
        assertThat(runs.get("JobRuns").get(0).get("Id").asText()).isEqualTo(runId);
        date(runs.get("JobRuns").get(0).get("StartedOn"), "GetJobRuns' StartedOn");
        record("glue:GetJobRuns", "glue get-job-runs", "the run, its state and dates");

        JsonNode out = cli.json("logs", "filter-log-events", "--log-group-name", "/aws-glue/python-jobs/output",
                "--log-stream-names", runId);
        assertThat(out.get("events")).extracting(e -> e.get("message").asText().strip()).contains("rows processed: 10");
        out.get("events").forEach(e -> assertThat(Duration.between(Instant.ofEpochMilli(e.get("timestamp").asLong()),
                Instant.now()).abs()).isLessThan(Duration.ofMinutes(10)));
        JsonNode err = cli.json("logs", "filter-log-events", "--log-group-name", "/aws-glue/python-jobs/error",
                "--log-stream-names", runId);
        assertThat(err.get("events")).extracting(e -> e.get("message").asText().strip()).contains("WARN a line on stderr");
        record("logs:FilterLogEvents", "logs filter-log-events", "the run's stdout and stderr lines; event "
                + "timestamps in epoch milliseconds");

        JsonNode events = cli.json("logs", "get-log-events", "--log-group-name", "/aws-glue/python-jobs/output",
                "--log-stream-name", runId, "--start-from-head");
        assertThat(events.get("events")).extracting(e -> e.get("message").asText().strip()).contains("rows processed: 10");
        record("logs:GetLogEvents", "logs get-log-events", "the run's stdout lines");
        JsonNode streams = cli.json("logs", "describe-log-streams", "--log-group-name", "/aws-glue/python-jobs/output",
                "--log-stream-name-prefix", runId);
        assertThat(streams.get("logStreams")).extracting(s -> s.get("logStreamName").asText()).contains(runId);
        record("logs:DescribeLogStreams", "logs describe-log-streams", "the run's stream");
    }

    @Test
    @Order(5)
    void aRunningRunIsStopped() {
        slowRunId = cli.json("glue", "start-job-run", "--job-name", SLOW_JOB).get("JobRunId").asText();
        awaitState(SLOW_JOB, slowRunId, "RUNNING");
        JsonNode stopped = cli.json("glue", "batch-stop-job-run", "--job-name", SLOW_JOB, "--job-run-ids", slowRunId);
        assertThat(stopped.get("SuccessfulSubmissions")).hasSize(1);
        assertThat(stopped.get("SuccessfulSubmissions").get(0).get("JobRunId").asText()).isEqualTo(slowRunId);
        assertThat(stopped.get("Errors")).isEmpty();
        JsonNode run = awaitState(SLOW_JOB, slowRunId, "STOPPED");
        date(run.get("CompletedOn"), "a stopped run's CompletedOn");
        record("glue:BatchStopJobRun", "glue batch-stop-job-run", "SuccessfulSubmissions; the run then STOPPED");
    }

    /**
     * The fault injection's spoiled answers, read by botocore. A truncated body and an HTML page carry no run for it
     * either; but where the Java SDK fails, botocore reads a 2xx body that is no JSON as {@code {"message": body}}
     * (awscli/botocore/parsers.py, {@code BaseJSONParser._parse_body_as_json}) and the CLI prints nothing and exits
     * 0. ISO-8601 strings where Glue's protocol has epoch seconds: botocore's timestamp parser takes ISO-8601, RFC 822
     * and epoch alike (botocore/utils.py, {@code parse_timestamp}), the Java SDK only epoch seconds. A client as
     * lenient as botocore is how an endpoint sending such answers goes unnoticed; a denial fails both.
     */
    @Test
    @Order(6)
    void theSpoiledAnswersOfTheFaultInjectionAsBotocoreReadsThem() throws Exception {
        for (String kind : List.of("TRUNCATED_BODY", "WRONG_CONTENT_TYPE")) {
            fault("{\"service\":\"glue\",\"operation\":\"GetJobRun\",\"error\":\"" + kind + "\",\"times\":1}");
            String[] answer = cli.run("glue", "get-job-run", "--job-name", JOB, "--run-id", runId);
            assertThat(answer[1]).as(kind + ": no run read from the answer (exit " + answer[0] + ", " + answer[2] + ")")
                    .doesNotContain("JobRunState");
        }
        fault("{\"deny\":\"glue:GetJobRun\",\"times\":1}");
        assertThat(cli.failure("glue", "get-job-run", "--job-name", JOB, "--run-id", runId))
                .contains("AccessDeniedException", "not authorized to perform: glue:GetJobRun");
        fault("{\"service\":\"glue\",\"operation\":\"GetJobRun\",\"error\":\"UNREADABLE_TIMESTAMP\",\"times\":1}");
        JsonNode lenient = cli.json("glue", "get-job-run", "--job-name", JOB, "--run-id", runId).get("JobRun");
        date(lenient.get("StartedOn"), "an ISO StartedOn read by botocore");
        record("(faults)", "glue get-job-run, faulted", "truncated and HTML answers: no run read (botocore exits 0 "
                + "with nothing); denied: AccessDeniedException naming glue:GetJobRun; ISO timestamps: read as dates");
        checked.remove("(faults)");
    }

    private void fault(String json) throws Exception {
        HttpResponse<String> added = HttpClient.newHttpClient().send(admin("/_local/faults")
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isBetween(200, 299);
    }

    /** A request to the endpoint's admin API, with its token. */
    private HttpRequest.Builder admin(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.resolve(path));
        return token == null ? b : b.header("X-Local-Endpoint-Token", token);
    }

    @Test
    @Order(7)
    void everythingIsDeleted() {
        for (String job : List.of(JOB, SLOW_JOB)) {
            assertThat(cli.json("glue", "delete-job", "--job-name", job).get("JobName").asText()).isEqualTo(job);
        }
        assertThat(cli.json("glue", "list-jobs").get("JobNames")).isEmpty();
        record("glue:DeleteJob", "glue delete-job", "JobName; list-jobs then empty");
        for (String key : List.of("checks/job.py", "checks/slow.py")) {
            cli.json("s3api", "delete-object", "--bucket", BUCKET, "--key", key);
        }
        // One page as S3 sent it (the CLI's own pagination merges pages and leaves KeyCount out).
        JsonNode list = cli.json("s3api", "list-objects-v2", "--bucket", BUCKET, "--no-paginate");
        assertThat(list.get("Contents")).as("objects left").isNull();
        assertThat(list.get("KeyCount").asInt()).isZero();
        record("s3:DeleteObject", "s3api delete-object", "the listing then empty");
    }

    @Test
    @Order(8)
    void everyOperationOfTheEngineWasReadByTheCli() throws Exception {
        assertThat(checked.keySet()).containsAll(engineOperations());
        // And the endpoint saw them from the CLI: botocore's own requests, routed to the operation each names.
        HttpResponse<String> requests = HttpClient.newHttpClient().send(admin("/_local/requests").build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode log = Json.MAPPER.readTree(requests.body());
        Set<String> seen = new LinkedHashSet<>();
        log.get("requests").forEach(r -> seen.add(r.get("service").asText() + ":" + r.get("operation").asText()));
        assertThat(seen).containsAll(checked.keySet());
    }

    private JsonNode awaitState(String job, String id, String state) {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode run;
        do {
            run = cli.json("glue", "get-job-run", "--job-name", job, "--run-id", id).get("JobRun");
            String now = run.get("JobRunState").asText();
            if (now.equals(state)) {
                return run;
            }
            assertThat(now).as("the run's state").isIn("STARTING", "RUNNING", "STOPPING", "WAITING", state);
        } while (Instant.now().isBefore(until));
        return fail("the run " + id + " was still " + run.get("JobRunState") + " after 60 s, not " + state);
    }

    private static String jobArn(String job) {
        return "arn:aws:glue:us-east-1:" + ACCOUNT + ":job/" + job;
    }

    /**
     * The one place that builds the CLI's command line and environment: the CLI found, an empty configuration of its
     * own (no profile, region or credentials of the machine's user), the endpoint's token as the access key id,
     * path-style S3, JSON output.
     */
    static final class AwsCli {
        final String executable;
        final String version;
        final Path config;
        final URI endpoint;

        private AwsCli(String executable, String version, Path config, URI endpoint) {
            this.executable = executable;
            this.version = version;
            this.config = config;
            this.endpoint = endpoint;
        }

        /** The AWS CLI v2 on PATH, else Debian's {@code /usr/bin/aws}; fails the test when there is none. */
        static AwsCli locate(Path dir) throws IOException {
            Path config = dir.resolve("aws-config");
            Files.writeString(config, "[default]\nregion = us-east-1\noutput = json\ns3 =\n    addressing_style = path\n");
            List<String> found = new ArrayList<>();
            for (String candidate : List.of("aws", "/usr/bin/aws")) {
                String version = versionOf(candidate, dir);
                if (version == null) {
                    continue;
                }
                found.add(candidate + ": " + version);
                if (version.startsWith("aws-cli/2.")) {
                    return new AwsCli(candidate, version.split(" ")[0], config, null);
                }
            }
            return fail("the AWS CLI v2 is needed to check the local endpoint with a client of its own (Debian's "
                    + "package awscli; .ci/run installs it), found " + (found.isEmpty() ? "none" : found));
        }

        private static String versionOf(String executable, Path dir) {
            try {
                Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true)
                        .redirectOutput(dir.resolve("version.txt").toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    return null;
                }
                return Files.readString(dir.resolve("version.txt")).strip();
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** The CLI against an endpoint; the endpoint's token, if it has one, is the access key id it signs with. */
        AwsCli against(URI endpoint, String token) throws IOException {
            Files.writeString(config.resolveSibling("aws-credentials"), "[default]\naws_access_key_id = "
                    + (token == null ? "AKIDLOCALCONFORMANCE" : token) + "\naws_secret_access_key = any\n");
            return new AwsCli(executable, version, config, endpoint);
        }

        /** Runs {@code aws <args>} and parses its JSON output ({@code {}} when it printed none); fails if the CLI does. */
        JsonNode json(String... args) {
            String[] result = run(args);
            if (!result[0].equals("0")) {
                return fail("aws " + String.join(" ", args) + " exited " + result[0] + ": " + result[2]);
            }
            try {
                return result[1].isBlank() ? Json.object() : Json.MAPPER.readTree(result[1]);
            } catch (IOException e) {
                return fail("aws " + String.join(" ", args) + " printed no JSON: " + result[1]);
            }
        }

        /** Runs {@code aws <args>}, which must fail; returns what it printed on stderr. */
        String failure(String... args) {
            String[] result = run(args);
            assertThat(result[0]).as("exit code of aws " + String.join(" ", args) + " (stdout: " + result[1] + ")")
                    .isNotEqualTo("0");
            return result[2];
        }

        /** Exit code, stdout and stderr of {@code aws <args>} against the endpoint. */
        String[] run(String... args) {
            List<String> command = new ArrayList<>(List.of(executable));
            command.addAll(List.of(args));
            command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json", "--no-cli-pager"));
            ProcessBuilder pb = new ProcessBuilder(command);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("AWS_CONFIG_FILE", config.toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", config.resolveSibling("aws-credentials").toString());
            env.put("AWS_PAGER", "");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            try {
                Path stdout = Files.createTempFile(config.getParent(), "out", ".json");
                Path stderr = Files.createTempFile(config.getParent(), "err", ".txt");
                Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return fail("aws " + String.join(" ", args) + " did not end within 60 s");
                }
                return new String[] {String.valueOf(p.exitValue()), Files.readString(stdout),
                    Files.readString(stderr).strip()};
            } catch (IOException e) {
                return fail("could not run aws " + String.join(" ", args) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }
}
