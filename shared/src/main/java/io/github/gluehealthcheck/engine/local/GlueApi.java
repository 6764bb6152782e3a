package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import io.github.gluehealthcheck.engine.spec.GlueRules;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Glue subset, awsJson 1.1: jobs (create, read, list, delete, tags) and job runs (start, read, list, stop).
 * Jobs live in one namespace whatever the signing region says.
 */
final class GlueApi {

    static final String TARGET_PREFIX = "AWSGlue.";

    private static final Set<String> COMMANDS = Set.of("glueetl", "pythonshell", "glueray", "gluestreaming");
    private static final Pattern JOB_ARN = Pattern.compile("arn:aws[a-z-]*:glue:[^:]*:[^:]*:([a-zA-Z]+)/(.+)");
    private static final GlueRules RULES = GlueRules.current();
    private static final ZoneId GLUE_DATES = ZoneId.of("America/Los_Angeles");

    private final LocalEndpointOptions options;
    private final RunScripts runScripts;
    private final RunDriver driver;
    private final ExecutorService runThreads;
    private final SecureRandom random = new SecureRandom();

    // Guarded by this.
    private final Map<String, GlueJob> jobs = new TreeMap<>();
    private final Map<String, GlueRun> runs = new LinkedHashMap<>();

    GlueApi(LocalEndpointOptions options, RunScripts runScripts, RunDriver driver, ExecutorService runThreads) {
        this.options = options;
        this.runScripts = runScripts;
        this.driver = driver;
        this.runThreads = runThreads;
    }

    /**
     * Creates a job that exists from the start (a "deployed" job), through CreateJob's own validation.
     *
     * @throws IllegalArgumentException when the definition is not valid JSON or CreateJob would refuse it
     */
    void seed(String createJobJson) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(createJobJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a deployed job is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("a deployed job must be a JSON object (a CreateJob request)");
        }
        try {
            // Jobs live in one namespace whatever the region; seeding checks them as a us-east-1 CreateJob would.
            createJob((ObjectNode) body, "us-east-1");
        } catch (ServiceError e) {
            throw new IllegalArgumentException("deployed job " + Json.text(body, "Name") + " is refused: "
                    + e.getMessage());
        }
    }

    /** Names the operation and the job, before faults are matched. */
    static void classify(AwsRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            request.operation = target.substring(TARGET_PREFIX.length());
        }
        JsonNode body = request.json();
        String job = Json.text(body, "JobName");
        if (job == null && "CreateJob".equals(request.operation)) {
            job = Json.text(body, "Name");
        }
        if (job == null && Json.text(body, "ResourceArn") != null) {
            Matcher m = JOB_ARN.matcher(Json.text(body, "ResourceArn"));
            if (m.matches() && m.group(1).equals("job")) {
                job = m.group(2);
            }
        }
        request.jobName = job;
    }

    AwsResponse handle(AwsRequest request) {
        JsonNode body = request.json();
        if (!body.isObject()) {
            throw ServiceError.badRequest("SerializationException", "Request body is not a JSON object");
        }
        ObjectNode in = (ObjectNode) body;
        ObjectNode out = switch (request.operation) {
            case "CreateJob" -> createJob(in, request.region);
            case "GetJob" -> getJob(in);
            case "GetJobs" -> getJobs(in);
            case "ListJobs" -> listJobs(in);
            case "DeleteJob" -> deleteJob(in);
            case "StartJobRun" -> startJobRun(in, request);
            case "GetJobRun" -> getJobRun(in);
            case "GetJobRuns" -> getJobRuns(in);
            case "BatchStopJobRun" -> batchStopJobRun(in, request);
            case "TagResource" -> tagResource(in);
            case "UntagResource" -> untagResource(in);
            case "GetTags" -> getTags(in);
            default -> throw ServiceError.badRequest("UnknownOperationException",
                    "The local endpoint does not implement Glue operation " + request.operation);
        };
        return AwsResponse.awsJson(out);
    }

    /** Glue's awsJson error form. */
    static AwsResponse error(ServiceError e) {
        ObjectNode body = Json.object();
        body.put("__type", e.code);
        body.put("Message", e.getMessage());
        return AwsResponse.json(e.status, body, AwsResponse.AWS_JSON).header("x-amzn-ErrorType", e.code)
                .errorCode(e.code);
    }

    // ---------------------------------------------------------------- jobs

    private ObjectNode createJob(ObjectNode in, String region) {
        String name = Json.text(in, "Name");
        requireName(name, "name");
        String role = Json.text(in, "Role");
        if (role == null || role.isBlank()) {
            throw invalid("1 validation error detected: Value null at 'role' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        JsonNode command = in.get("Command");
        if (command == null || !command.isObject()) {
            throw invalid("1 validation error detected: Value null at 'command' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        String commandName = Json.text(command, "Name");
        if (commandName == null || !COMMANDS.contains(commandName)) {
            throw invalid("Command name must be one of glueetl, pythonshell, glueray, gluestreaming; was "
                    + commandName);
        }
        String script = Json.text(command, "ScriptLocation");
        if (script == null || !script.startsWith("s3://") || script.length() <= "s3://".length()) {
            throw invalid("Command.ScriptLocation must be an s3:// location; was " + script);
        }
        validateCapacity(in, commandName);
        validateVersion(in, command, commandName, region);
        validateTimeout(in);
        validateArguments(Json.stringMap(in, "DefaultArguments"), "DefaultArguments");
        Integer concurrent = Json.integer(in.path("ExecutionProperty"), "MaxConcurrentRuns");
        if (concurrent != null && concurrent < 1) {
            throw invalid("ExecutionProperty.MaxConcurrentRuns must be at least 1");
        }
        if (Json.stringMap(in, "Tags").size() > RULES.maxTags()) {
            throw tooManyTags();
        }
        synchronized (this) {
            if (jobs.containsKey(name)) {
                throw ServiceError.badRequest("AlreadyExistsException", "Job with name " + name + " already exists");
            }
            jobs.put(name, new GlueJob(in, Instant.now()));
        }
        ObjectNode out = Json.object();
        out.put("Name", name);
        return out;
    }

    private static void validateCapacity(JsonNode in, String commandName) {
        Double maxCapacity = Json.decimal(in, "MaxCapacity");
        String workerType = Json.text(in, "WorkerType");
        Integer workers = Json.integer(in, "NumberOfWorkers");
        if (maxCapacity != null && (workerType != null || workers != null)) {
            throw invalid("Please set either MaxCapacity or WorkerType with NumberOfWorkers, not both");
        }
        if ((workerType == null) != (workers == null)) {
            throw invalid("WorkerType and NumberOfWorkers must be set together");
        }
        if (workers != null && workers < 1) {
            throw invalid("NumberOfWorkers must be at least 1");
        }
        if (GlueJob.PYTHON_SHELL.equals(commandName)) {
            if (workerType != null) {
                throw invalid("WorkerType is not supported for pythonshell jobs; set MaxCapacity 0.0625 or 1");
            }
            if (maxCapacity != null && !RULES.jobType(commandName).orElseThrow().maxCapacities().contains(maxCapacity)) {
                throw invalid("MaxCapacity of a pythonshell job must be 0.0625 or 1; was " + maxCapacity);
            }
        }
        if (workerType != null) {
            GlueRules.WorkerType known = RULES.workerType(workerType).orElseThrow(() -> invalid(
                    "1 validation error detected: Value '" + workerType + "' at 'workerType' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: " + RULES.workerTypesFor(commandName)));
            if (commandName != null && !known.jobTypes().contains(commandName)) {
                throw invalid("Worker type " + workerType + " is not supported for " + commandName + " jobs");
            }
        }
        String executionClass = Json.text(in, "ExecutionClass");
        if (executionClass != null && !Set.of("FLEX", "STANDARD").contains(executionClass)) {
            throw invalid("ExecutionClass must be FLEX or STANDARD; was " + executionClass);
        }
        if ("FLEX".equals(executionClass) && commandName != null && !"glueetl".equals(commandName)) {
            throw invalid("The FLEX execution class is supported only for glueetl jobs");
        }
        if ("FLEX".equals(executionClass) && workerType != null && !RULES.workerType(workerType).map(GlueRules.WorkerType::flex).orElse(false)) {
            throw invalid("The FLEX execution class supports only " + String.join(" and ", RULES.flexWorkerTypes())
                    + " workers, not " + workerType);
        }
    }

    /** The Glue version and command the table allows: not past end of life, for this job type, Ray in its regions. */
    private static void validateVersion(JsonNode in, JsonNode command, String commandName, String region) {
        GlueRules.JobTypeRules rules = RULES.jobType(commandName).orElse(null);
        if (rules == null) {
            return; // gluestreaming: not in the table, the engine does not create streaming jobs
        }
        if (!rules.regions().isEmpty() && !rules.regions().contains(region)) {
            throw invalid(commandName + " jobs are not supported in region " + region);
        }
        String version = Json.text(in, "GlueVersion");
        if (version == null) {
            return; // Glue picks its default version, which it accepts
        }
        String given = version;
        GlueRules.Version known = RULES.version(version).orElseThrow(() -> invalid(
                "Glue version " + given + " is not supported"));
        if (known.endedBy(LocalDate.now(GLUE_DATES))) {
            throw invalid("Glue version " + version + " reached end of life on " + known.endOfLife()
                    + "; new jobs cannot be created on it");
        }
        if (!known.jobTypes().contains(commandName)) {
            throw invalid("Glue version " + version + " is not supported for " + commandName + " jobs");
        }
        String python = Json.text(command, "PythonVersion");
        if (python != null && !rules.pythonVersions().contains(python) && !"glueetl".equals(commandName)) {
            throw invalid("PythonVersion " + python + " is not supported for " + commandName + " jobs on Glue " + version);
        }
        String runtime = Json.text(command, "Runtime");
        if ("glueray".equals(commandName) && (runtime == null || !rules.runtimes().contains(runtime))) {
            throw invalid("Command.Runtime must be one of " + rules.runtimes() + " for glueray jobs; was " + runtime);
        }
        Integer workers = Json.integer(in, "NumberOfWorkers");
        if (workers != null && rules.minWorkers() > 0 && (workers < rules.minWorkers() || workers > rules.maxWorkers())) {
            throw invalid("NumberOfWorkers of a " + commandName + " job must be between " + rules.minWorkers()
                    + " and " + rules.maxWorkers());
        }
        String workerType = Json.text(in, "WorkerType");
        String minVersion = workerType == null ? null
                : RULES.workerType(workerType).map(GlueRules.WorkerType::minVersion).orElse(null);
        if (minVersion != null && GlueRules.before(version, minVersion)) {
            throw invalid("Worker type " + workerType + " needs Glue " + minVersion + " or later");
        }
        if ("FLEX".equals(Json.text(in, "ExecutionClass")) && rules.flexMinVersion() != null
                && GlueRules.before(version, rules.flexMinVersion())) {
            throw invalid("The FLEX execution class needs Glue " + rules.flexMinVersion() + " or later");
        }
    }

    private static void validateTimeout(JsonNode in) {
        Integer timeout = Json.integer(in, "Timeout");
        if (timeout != null && (timeout < RULES.minTimeoutMinutes() || timeout > RULES.maxTimeoutMinutes())) {
            throw invalid("Timeout must be between " + RULES.minTimeoutMinutes() + " and " + RULES.maxTimeoutMinutes()
                    + " minutes; was " + timeout);
        }
    }

    private static void validateArguments(Map<String, String> arguments, String member) {
        long bytes = 0;
        for (Map.Entry<String, String> e : arguments.entrySet()) {
            if (RULES.reservedArguments().contains(e.getKey())) {
                throw invalid(member + " must not set " + e.getKey() + ", which is internal to Glue");
            }
            bytes += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > RULES.maxArgumentsBytes()) {
            throw invalid(member + " exceed the limit of " + RULES.maxArgumentsBytes() / 1024 + " KB");
        }
    }

    private static ServiceError tooManyTags() {
        return ServiceError.badRequest("ResourceNumberLimitExceededException",
                "A resource can have at most " + RULES.maxTags() + " tags");
    }

    private ObjectNode getJob(ObjectNode in) {
        String name = requireJobName(in);
        synchronized (this) {
            ObjectNode out = Json.object();
            out.set("Job", existingJob(name).toJson());
            return out;
        }
    }

    private ObjectNode getJobs(ObjectNode in) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("Jobs");
        synchronized (this) {
            Page page = page(List.copyOf(jobs.keySet()), true, in, 100, 1000);
            page.items().forEach(n -> list.add(jobs.get(n).toJson()));
            page.nextToken(out);
        }
        return out;
    }

    private ObjectNode listJobs(ObjectNode in) {
        Map<String, String> filter = Json.stringMap(in, "Tags");
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("JobNames");
        synchronized (this) {
            List<String> names = jobs.values().stream()
                    .filter(j -> j.tags.entrySet().containsAll(filter.entrySet()))
                    .map(j -> j.name)
                    .toList();
            Page page = page(names, true, in, 100, 1000);
            page.items().forEach(list::add);
            page.nextToken(out);
        }
        return out;
    }

    private ObjectNode deleteJob(ObjectNode in) {
        String name = requireJobName(in);
        synchronized (this) {
            GlueJob job = jobs.remove(name);
            if (job != null) {
                runs.values().stream().filter(r -> r.job == job).forEach(GlueRun::requestStop);
            }
        }
        ObjectNode out = Json.object();
        out.put("JobName", name);
        return out;
    }

    // ---------------------------------------------------------------- runs

    private ObjectNode startJobRun(ObjectNode in, AwsRequest request) {
        String name = requireJobName(in);
        Map<String, String> arguments = Json.stringMap(in, "Arguments");
        Integer timeout = Json.integer(in, "Timeout");
        validateTimeout(in);
        validateArguments(arguments, "Arguments");
        GlueRun run;
        synchronized (this) {
            GlueJob job = existingJob(name);
            validateCapacity(in, job.commandName);
            long accountActive = runs.values().stream().filter(GlueRun::isActive).count();
            if (options.maxConcurrentRunsPerAccount() > 0
                    && accountActive >= options.maxConcurrentRunsPerAccount()) {
                throw ServiceError.badRequest("ResourceNumberLimitExceededException",
                        "The account has reached its limit of " + options.maxConcurrentRunsPerAccount()
                                + " concurrent job runs");
            }
            long jobActive = runs.values().stream().filter(r -> r.job == job && r.isActive()).count();
            if (jobActive >= job.maxConcurrentRuns) {
                throw ServiceError.badRequest("ConcurrentRunsExceededException",
                        "Concurrent runs exceeded for " + name);
            }
            String id = newRunId();
            Map<String, String> resolved = GlueJob.overlay(job.defaultArguments, arguments);
            resolved.remove("--JOB_NAME");
            resolved.remove("--JOB_RUN_ID");
            List<String> argv = new ArrayList<>();
            resolved.forEach((k, v) -> {
                argv.add(k);
                argv.add(v);
            });
            argv.addAll(List.of("--JOB_NAME", name, "--JOB_RUN_ID", id));
            String workerType = Json.text(in, "WorkerType");
            Integer workers = Json.integer(in, "NumberOfWorkers");
            Double maxCapacity = Json.decimal(in, "MaxCapacity");
            if (workerType == null && maxCapacity == null) {
                workerType = job.workerType;
                workers = job.numberOfWorkers;
                maxCapacity = job.maxCapacity;
            } else if (maxCapacity == null) {
                maxCapacity = GlueJob.capacityOf(workerType, workers);
            }
            String executionClass = Json.text(in, "ExecutionClass");
            run = new GlueRun(id, job, arguments, argv, timeout != null ? timeout : job.timeoutMinutes, maxCapacity,
                    workerType, workers, executionClass != null ? executionClass : job.executionClass,
                    runScripts.scriptFor(name), options.minuteLength());
            runs.put(id, run);
        }
        request.detail.put("runId", run.id);
        try {
            runThreads.execute(() -> driver.drive(run));
        } catch (RejectedExecutionException e) {
            run.end("ERROR", "The local endpoint is shutting down");
        }
        ObjectNode out = Json.object();
        out.put("JobRunId", run.id);
        return out;
    }

    private String newRunId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "jr_" + HexFormat.of().formatHex(bytes);
    }

    private ObjectNode getJobRun(ObjectNode in) {
        String name = requireJobName(in);
        String runId = Json.text(in, "RunId");
        if (runId == null) {
            throw invalid("1 validation error detected: Value null at 'runId' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        GlueRun run;
        synchronized (this) {
            GlueJob job = existingJob(name);
            run = runs.get(runId);
            if (run == null || run.job != job) {
                throw ServiceError.badRequest("EntityNotFoundException", "Job run " + runId + " not found");
            }
        }
        ObjectNode out = Json.object();
        out.set("JobRun", run.toJson(RunDriver.LogPlacement.of(run).runLogGroupName()));
        return out;
    }

    private ObjectNode getJobRuns(ObjectNode in) {
        String name = requireJobName(in);
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("JobRuns");
        List<GlueRun> newestFirst = new ArrayList<>();
        synchronized (this) {
            GlueJob job = existingJob(name);
            runs.values().stream().filter(r -> r.job == job).forEach(r -> newestFirst.add(0, r));
        }
        Map<String, GlueRun> byId = new LinkedHashMap<>();
        newestFirst.forEach(r -> byId.put(r.id, r));
        Page page = page(List.copyOf(byId.keySet()), false, in, 100, 200);
        page.items().forEach(id -> {
            GlueRun r = byId.get(id);
            list.add(r.toJson(RunDriver.LogPlacement.of(r).runLogGroupName()));
        });
        page.nextToken(out);
        return out;
    }

    private ObjectNode batchStopJobRun(ObjectNode in, AwsRequest request) {
        String name = requireJobName(in);
        JsonNode ids = in.get("JobRunIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 25) {
            throw invalid("1 validation error detected: Value at 'jobRunIds' failed to satisfy constraint: "
                    + "Member must have length between 1 and 25");
        }
        ObjectNode out = Json.object();
        ArrayNode stopped = out.putArray("SuccessfulSubmissions");
        ArrayNode errors = out.putArray("Errors");
        List<String> submitted = new ArrayList<>();
        synchronized (this) {
            GlueJob job = jobs.get(name);
            for (JsonNode idNode : ids) {
                String id = idNode.asText();
                GlueRun run = runs.get(id);
                if (job == null || run == null || run.job != job) {
                    addError(errors, name, id, "EntityNotFoundException", "Job run " + id + " not found");
                } else if (run.requestStop()) {
                    ObjectNode ok = stopped.addObject();
                    ok.put("JobName", name);
                    ok.put("JobRunId", id);
                    submitted.add(id);
                } else {
                    addError(errors, name, id, "InvalidInputException",
                            "Job run " + id + " cannot be stopped in state " + run.state());
                }
            }
        }
        request.detail.put("runIds", String.join(",", submitted));
        return out;
    }

    private static void addError(ArrayNode errors, String job, String runId, String code, String message) {
        ObjectNode e = errors.addObject();
        e.put("JobName", job);
        e.put("JobRunId", runId);
        ObjectNode detail = e.putObject("ErrorDetail");
        detail.put("ErrorCode", code);
        detail.put("ErrorMessage", message);
    }

    // ---------------------------------------------------------------- tags

    private ObjectNode tagResource(ObjectNode in) {
        Map<String, String> add = Json.stringMap(in, "TagsToAdd");
        if (in.get("TagsToAdd") == null) {
            throw invalid("1 validation error detected: Value null at 'tagsToAdd' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        synchronized (this) {
            GlueJob job = jobOfArn(in);
            Map<String, String> merged = GlueJob.overlay(job.tags, add);
            if (merged.size() > RULES.maxTags()) {
                throw tooManyTags();
            }
            job.tags.putAll(add);
        }
        return Json.object();
    }

    private ObjectNode untagResource(ObjectNode in) {
        JsonNode keys = in.get("TagsToRemove");
        if (keys == null || !keys.isArray()) {
            throw invalid("1 validation error detected: Value null at 'tagsToRemove' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        synchronized (this) {
            GlueJob job = jobOfArn(in);
            keys.forEach(k -> job.tags.remove(k.asText()));
        }
        return Json.object();
    }

    private ObjectNode getTags(ObjectNode in) {
        ObjectNode out = Json.object();
        synchronized (this) {
            out.set("Tags", Json.toObject(jobOfArn(in).tags));
        }
        return out;
    }

    private GlueJob jobOfArn(ObjectNode in) {
        String arn = Json.text(in, "ResourceArn");
        if (arn == null) {
            throw invalid("1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        Matcher m = JOB_ARN.matcher(arn);
        if (!m.matches()) {
            throw invalid("Invalid ResourceArn: " + arn);
        }
        GlueJob job = m.group(1).equals("job") ? jobs.get(m.group(2)) : null;
        if (job == null) {
            throw ServiceError.badRequest("EntityNotFoundException", "Resource " + arn + " not found");
        }
        return job;
    }

    // ---------------------------------------------------------------- shared

    private GlueJob existingJob(String name) {
        GlueJob job = jobs.get(name);
        if (job == null) {
            throw ServiceError.badRequest("EntityNotFoundException", "Job " + name + " not found");
        }
        return job;
    }

    private static String requireJobName(JsonNode in) {
        String name = Json.text(in, "JobName");
        requireName(name, "jobName");
        return name;
    }

    private static void requireName(String name, String member) {
        if (name == null) {
            throw invalid("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (name.isEmpty() || name.length() > 255) {
            throw invalid("1 validation error detected: Value at '" + member
                    + "' failed to satisfy constraint: Member must have length between 1 and 255");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 && c != '\t') {
                throw invalid("1 validation error detected: Value at '" + member
                        + "' failed to satisfy constraint: Member must be a single line of printable characters");
            }
        }
    }

    private static ServiceError invalid(String message) {
        return ServiceError.badRequest("InvalidInputException", message);
    }

    /** One page of a sorted list, and the token for the next. Tokens name the last item returned. */
    private record Page(List<String> items, String next) {
        void nextToken(ObjectNode out) {
            if (next != null) {
                out.put("NextToken", next);
            }
        }
    }

    /** {@code sorted}: whether {@code all} is sorted by name, so a token naming a deleted item still places. */
    private static Page page(List<String> all, boolean sorted, JsonNode in, int defaultSize, int maxSize) {
        Integer max = Json.integer(in, "MaxResults");
        if (max != null && (max < 1 || max > maxSize)) {
            throw invalid("MaxResults must be between 1 and " + maxSize);
        }
        int size = max == null ? defaultSize : max;
        int from = 0;
        String token = Json.text(in, "NextToken");
        if (token != null && !token.isEmpty()) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid("Invalid pagination token");
            }
            if (!after.startsWith("after:")) {
                throw invalid("Invalid pagination token");
            }
            String last = after.substring("after:".length());
            int at = all.indexOf(last);
            if (at < 0 && !sorted) {
                throw invalid("Invalid pagination token");
            }
            // A job may have been deleted since: continue after where its name would sort.
            from = at >= 0 ? at + 1 : firstAfter(all, last);
        }
        int to = Math.min(all.size(), from + size);
        List<String> items = all.subList(Math.min(from, all.size()), to);
        String next = to < all.size() && !items.isEmpty()
                ? Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("after:" + items.get(items.size() - 1)).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Page(items, next);
    }

    private static int firstAfter(List<String> sorted, String value) {
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).compareTo(value) > 0) {
                return i;
            }
        }
        return sorted.size();
    }

    // ---------------------------------------------------------------- state for LocalState and close()

    synchronized List<LocalState.Job> jobSnapshots() {
        List<LocalState.Job> result = new ArrayList<>();
        for (GlueJob j : jobs.values()) {
            result.add(new LocalState.Job(j.name, j.role, j.commandName, j.scriptLocation, j.glueVersion,
                    j.defaultArguments, Map.copyOf(j.tags), j.timeoutMinutes, j.maxRetries, j.maxConcurrentRuns,
                    j.maxCapacity, j.workerType, j.numberOfWorkers, j.executionClass, j.createdOn,
                    j.toJson().toString()));
        }
        return result;
    }

    synchronized List<GlueRun> allRuns() {
        return List.copyOf(runs.values());
    }
}
