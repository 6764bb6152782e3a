package io.github.gluehealthcheck.engine.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries a run from STARTING to a final state, on the run's own thread. Python shell scripts really run with the
 * local Python; Spark, Ray and streaming scripts cannot, so they are syntax-checked and said to be so in the log.
 */
final class RunDriver {

    private static final System.Logger LOG = System.getLogger(RunDriver.class.getName());
    private static final Pattern COMPILE_LOCATION = Pattern.compile("File \"[^\"]*\", line (\\d+)");

    /** Where a run's log lines go, following Glue's log group layout for its job type and version. */
    /**
     * Where Glue writes a run's lines, by job type, Glue version, the run's logging arguments and the job's security
     * configuration (taken to encrypt CloudWatch logs, the case in which Glue renames the groups): the Glue developer
     * guide's "Logging for AWS Glue jobs" and continuous-logging pages.
     *
     * @param outputGroups    the groups each stdout line goes to (several: Glue 4.0 continuous logging repeats lines)
     * @param errorGroups     the groups each stderr line goes to
     * @param systemGroup     where Glue's own INFO lines go (Spark 5.x error group), or null
     * @param runLogGroupName what GetJobRun says in LogGroupName
     */
    record LogPlacement(List<String> outputGroups, List<String> errorGroups, String systemGroup, String stream,
            String runLogGroupName) {

        static LogPlacement of(GlueRun run) {
            GlueJob job = run.job;
            Map<String, String> args = GlueJob.overlay(job.defaultArguments, run.arguments);
            String secured = job.securityConfiguration == null ? ""
                    : "/" + job.securityConfiguration + "-role/" + roleName(job.role);
            if (job.isPythonShell()) {
                String base = "/aws-glue/python-jobs" + secured;
                return new LogPlacement(List.of(base + "/output"), List.of(base + "/error"), null, run.id, base);
            }
            if ("glueray".equals(job.commandName)) {
                // Ray writes the script's stdout and stderr to one group and has no error group.
                String group = "/aws-glue/ray/jobs/script-log";
                return new LogPlacement(List.of(group), List.of(group), null, run.id, "/aws-glue/ray/jobs");
            }
            if (GlueJob.majorVersion(job.glueVersion) >= 5) {
                // 5.x: script stdout and stderr in output; system and Spark daemon logs in error.
                String base = args.getOrDefault("--custom-logGroup-prefix", "/aws-glue/jobs") + secured;
                String stream = args.getOrDefault("--custom-logStream-prefix", run.id) + "-driver";
                return new LogPlacement(List.of(base + "/output"), List.of(base + "/output"), base + "/error", stream,
                        base);
            }
            String base = "/aws-glue/jobs" + secured;
            if (!"true".equalsIgnoreCase(args.get("--enable-continuous-cloudwatch-log"))) {
                return new LogPlacement(List.of(base + "/output"), List.of(base + "/error"), null, run.id, base);
            }
            // Continuous logging: the driver's lines stream to logs-v2 and appear again in output and error.
            String continuous = args.getOrDefault("--continuous-log-logGroup",
                    "/aws-glue/jobs/logs-v2" + (job.securityConfiguration == null ? "" : "-" + job.securityConfiguration));
            String stream = args.getOrDefault("--continuous-log-logStreamPrefix", run.id) + "-driver";
            return new LogPlacement(List.of(continuous, base + "/output"), List.of(continuous, base + "/error"), null,
                    stream, base);
        }

        private static String roleName(String role) {
            return role == null ? "" : role.substring(role.lastIndexOf('/') + 1);
        }

        void output(LogStore logs, String line) {
            outputGroups.forEach(g -> logs.append(g, stream, line));
        }

        void error(LogStore logs, String line) {
            errorGroups.forEach(g -> logs.append(g, stream, line));
        }

        /** Glue's own lines around a Spark 5.x run: INFO noise in the error group, as on Glue. */
        void system(LogStore logs, String line) {
            if (systemGroup != null) {
                logs.append(systemGroup, stream, line);
            }
        }
    }

    private final LocalEndpointOptions options;
    private final ObjectStore objects;
    private final LogStore logs;
    private final Path workDir;
    private final Path shimDir;
    private final Path starter;
    private final String scriptAccessKey;
    private final ExecutorService streamThreads;
    private final URI endpointUri;
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();

    RunDriver(LocalEndpointOptions options, ObjectStore objects, LogStore logs, Path workDir,
            ExecutorService streamThreads, URI endpointUri, String scriptAccessKey) throws IOException {
        this.options = options;
        this.objects = objects;
        this.logs = logs;
        this.workDir = workDir;
        this.streamThreads = streamThreads;
        this.endpointUri = endpointUri;
        this.scriptAccessKey = scriptAccessKey;
        this.shimDir = workDir.resolve("python");
        Path awsglue = Files.createDirectories(shimDir.resolve("awsglue"));
        copyResource("awsglue/__init__.py", awsglue.resolve("__init__.py"));
        copyResource("awsglue/utils.py", awsglue.resolve("utils.py"));
        Path starterDir = Files.createDirectories(workDir.resolve("starter"));
        this.starter = starterDir.resolve("glue_health_check_run.py");
        copyResource("glue_health_check_run.py", starter);
        // close() deletes all this; these cover an endpoint nobody closed in a JVM that exits normally
        // (registered parents first: they are deleted last).
        for (Path p : List.of(workDir, shimDir, awsglue, awsglue.resolve("__init__.py"), awsglue.resolve("utils.py"),
                starterDir, starter)) {
            p.toFile().deleteOnExit();
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = RunDriver.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.copy(in, target);
        }
    }

    /** Runs on the run's thread until the run ends (or is left stuck in STOPPING, or the endpoint closes). */
    void drive(GlueRun run) {
        try {
            RunScript script = run.script;
            if (script == null) {
                if (interrupted(run, run.await(options.startingDelay(), () -> false, true))) {
                    return;
                }
                runNormally(run);
            } else if (play(run, script) && script.ending == RunScript.Ending.NORMALLY) {
                runNormally(run);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "run " + run.id + " failed inside the local endpoint", e);
            run.end("ERROR", "The local endpoint failed to run the job: " + e);
        } finally {
            deleteRecursively(workDir.resolve(run.id));
        }
    }

    /** Plays the scripted steps; true when the run should go on with the script's NORMALLY ending. */
    private boolean play(GlueRun run, RunScript script) {
        LogPlacement placement = LogPlacement.of(run);
        placement.system(logs, "INFO GlueContext: local endpoint run " + run.id + " of " + run.job.name + " started");
        for (RunScript.Step step : script.steps) {
            if (step instanceof RunScript.StateStep s) {
                run.enter(s.state(), s.stateDetail());
                if (interrupted(run, run.await(s.duration(), () -> false, true))) {
                    return false;
                }
            } else if (step instanceof RunScript.LogStep l) {
                for (String line : l.lines()) {
                    if (l.error()) {
                        placement.error(logs, line);
                    } else {
                        placement.output(logs, line);
                    }
                }
            }
        }
        switch (script.ending) {
            case END -> {
                run.end(script.endState, script.errorMessage);
                return false;
            }
            case UNTIL_STOPPED -> {
                if (!run.hasRun() && script.steps.stream().noneMatch(s -> s instanceof RunScript.StateStep)) {
                    run.enter("RUNNING", null);
                }
                interrupted(run, run.await(null, () -> false, true));
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    /**
     * Handles a wait that ended early: a stop, the Timeout, or the endpoint closing. True when the run is over
     * for this driver.
     */
    private boolean interrupted(GlueRun run, GlueRun.Wake wake) {
        switch (wake) {
            case STOP -> {
                stopped(run);
                return true;
            }
            case TIMEOUT -> {
                run.end("TIMEOUT", "Job run timed out after " + run.timeoutMinutes + " minute"
                        + (run.timeoutMinutes == 1 ? "" : "s") + " (Timeout)");
                return true;
            }
            case SHUTDOWN -> {
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** The run was stopped (its process is already gone): STOPPED now, later, or never, as scripted. */
    private void stopped(GlueRun run) {
        RunScript script = run.script;
        if (script != null && script.stuckInStopping) {
            return;
        }
        if (script != null && !script.stoppingTakes.isZero()) {
            if (run.await(script.stoppingTakes, () -> false, false) == GlueRun.Wake.SHUTDOWN) {
                return;
            }
        }
        run.end("STOPPED", null);
    }

    private void runNormally(GlueRun run) {
        run.enter("RUNNING", null);
        LogPlacement placement = LogPlacement.of(run);
        Path scriptFile;
        try {
            scriptFile = fetchScript(run);
        } catch (ServiceError e) {
            run.end("FAILED", "Could not read the job script " + run.job.scriptLocation + ": " + e.code + " ("
                    + e.getMessage() + ")");
            return;
        }
        if (run.job.isPythonShell()) {
            execute(run, scriptFile, placement);
        } else {
            checkSyntax(run, scriptFile, placement);
        }
    }

    private Path fetchScript(GlueRun run) {
        String location = run.job.scriptLocation;
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new ServiceError("InvalidScriptLocation", 400, "not an s3://bucket/key location");
        }
        String bucket = rest.substring(0, slash);
        String key = rest.substring(slash + 1);
        if (!objects.bucketExists(bucket)) {
            throw ObjectStore.noSuchBucket(bucket);
        }
        ObjectStore.StoredObject object = objects.get(bucket, key);
        if (object == null) {
            throw new ServiceError("NoSuchKey", 404, "The specified key does not exist.");
        }
        String fileName = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        if (fileName.isEmpty() || fileName.startsWith(".")) {
            fileName = "script" + fileName + ".py";
        }
        try {
            // The run's private directory: its working directory, HOME and TMPDIR, readable by this user only.
            Path dir = privateDirectory(workDir.resolve(run.id));
            privateDirectory(dir.resolve("tmp"));
            Path file = dir.resolve(fileName);
            Files.write(file, object.data());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    /**
     * Python shell: run the script; stdout and stderr lines become log events as they come. The script and its
     * arguments reach Python on stdin, through a small starter that sets sys.argv: a command line can be read by
     * every user of the machine.
     */
    private void execute(GlueRun run, Path scriptFile, LogPlacement placement) {
        List<String> command = List.of(options.pythonExecutable(), "-u", starter.toString());
        ObjectNode request = Json.MAPPER.createObjectNode().put("script", scriptFile.toString());
        run.scriptArguments.forEach(request.putArray("arguments")::add);
        byte[] stdin = request.toString().getBytes(StandardCharsets.UTF_8);
        AtomicReference<String> lastErrorLine = new AtomicReference<>();
        List<String> errorLines = java.util.Collections.synchronizedList(new ArrayList<>());
        ProcessOutcome outcome = runProcess(run, command, stdin, scriptFile.getParent(),
                line -> placement.output(logs, line),
                line -> {
                    if (!line.isBlank()) {
                        lastErrorLine.set(line.strip());
                        if (line.contains("No module named")) {
                            errorLines.add(line);
                        }
                    }
                    placement.error(logs, line);
                });
        if (outcome == null) {
            return;
        }
        // A library Glue would provide but this Python lacks: the job cannot be judged here (ERROR, not FAILED).
        String notChecked = outcome.exitCode == 0 ? null
                : PythonShellLibraries.notCheckedReason(run.job, run.arguments, List.copyOf(errorLines));
        if (outcome.exitCode == 0) {
            run.end("SUCCEEDED", null);
        } else if (notChecked != null) {
            run.end("ERROR", notChecked);
        } else {
            String last = lastErrorLine.get();
            run.end("FAILED", last != null ? last : "Python exited with code " + outcome.exitCode);
        }
    }

    /** Spark, Ray, streaming: compile only, say so in the output log, stay RUNNING a while, then end. */
    private void checkSyntax(GlueRun run, Path scriptFile, LogPlacement placement) {
        List<String> errorLines = new ArrayList<>();
        ProcessOutcome outcome = runProcess(run,
                List.of(options.pythonExecutable(), "-m", "py_compile", scriptFile.toString()), new byte[0],
                scriptFile.getParent(), errorLines::add, errorLines::add);
        if (outcome == null) {
            return;
        }
        placement.system(logs, "INFO GlueContext: local endpoint run " + run.id + " of " + run.job.name + " started");
        placement.output(logs, "glue-health-check local endpoint: "
                + run.job.scriptLocation + " was syntax-checked only (python -m py_compile), not run: "
                + run.job.commandName + " jobs cannot run outside AWS Glue.");
        if (outcome.exitCode != 0) {
            for (String line : errorLines) {
                placement.error(logs, line.replace(scriptFile.toString(), run.job.scriptLocation));
            }
            run.end("FAILED", compileError(errorLines, run.job.scriptLocation, outcome.exitCode));
            return;
        }
        if (interrupted(run, run.await(options.checkedOnlyRunDuration(), () -> false, true))) {
            return;
        }
        run.end("SUCCEEDED", null);
    }

    /** "SyntaxError: invalid syntax (s3://bucket/job.py, line 2)" from py_compile's report. */
    static String compileError(List<String> lines, String scriptLocation, int exitCode) {
        String last = null;
        String lineNumber = null;
        for (String line : lines) {
            Matcher m = COMPILE_LOCATION.matcher(line);
            if (m.find()) {
                lineNumber = m.group(1);
            }
            if (!line.isBlank()) {
                last = line.strip();
            }
        }
        if (last == null) {
            return "Syntax check of " + scriptLocation + " failed with exit code " + exitCode;
        }
        return last + " (" + scriptLocation + (lineNumber == null ? "" : ", line " + lineNumber) + ")";
    }

    private record ProcessOutcome(int exitCode) {
    }

    /**
     * Runs a Python process until it exits, the run is stopped or times out, or the endpoint closes. Returns the
     * exit code, or null when the run was already ended here (stopped, timed out, could not start, closing).
     */
    private ProcessOutcome runProcess(GlueRun run, List<String> command, byte[] stdin, Path dir,
            Consumer<String> stdout, Consumer<String> stderr) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        environment(builder.environment(), dir);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            run.end("ERROR", PythonShellLibraries.noPython(options.pythonExecutable(), e.getMessage()));
            return null;
        }
        processes.add(process);
        try {
            Future<?> out = streamThreads.submit(() -> pump(process.getInputStream(), stdout));
            Future<?> err = streamThreads.submit(() -> pump(process.getErrorStream(), stderr));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // Python ended before reading it; its exit code and stderr say why.
            }
            process.onExit().thenRun(run::wake);
            GlueRun.Wake wake = run.await(null, () -> !process.isAlive(), true);
            if (wake != GlueRun.Wake.DONE) {
                kill(process);
            }
            drain(process, out, err);
            if (wake == GlueRun.Wake.DONE) {
                return new ProcessOutcome(process.exitValue());
            }
            interrupted(run, wake);
            return null;
        } catch (RuntimeException e) {
            kill(process);
            throw e;
        } finally {
            processes.remove(process);
        }
    }

    /**
     * The job's environment, built from nothing: what a Glue Python shell job can count on, this endpoint for its
     * AWS calls (with a key that reaches the AWS APIs only, not the admin API), and no variable of the process
     * that started the endpoint, whose environment holds CI secrets and credentials.
     */
    private void environment(Map<String, String> env, Path runDir) {
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        env.put("PATH", searchPath(inherited));
        for (String windows : List.of("SYSTEMROOT", "SystemRoot", "WINDIR")) {
            // Python does not start on Windows without these; they name directories, not secrets.
            if (inherited.containsKey(windows)) {
                env.put(windows, inherited.get(windows));
            }
        }
        env.put("HOME", runDir.toString());
        env.put("TMPDIR", runDir.resolve("tmp").toString());
        env.put("LANG", "C.UTF-8");
        env.put("PYTHONPATH", shimDir.toString());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("AWS_ENDPOINT_URL", endpointUri.toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", scriptAccessKey);
        env.put("AWS_SECRET_ACCESS_KEY", "local-endpoint-not-a-secret");
        // Credentials above stop the SDKs' chains before the instance metadata service; this stops region and
        // other lookups there too. It does not stop a script from opening a socket to it.
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", runDir.resolve("aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", runDir.resolve("aws-credentials").toString());
    }

    /** Python's own directory (it may be a virtual environment's) and the system's, not the caller's PATH. */
    private String searchPath(Map<String, String> inherited) {
        List<String> dirs = new ArrayList<>();
        Path python = Path.of(options.pythonExecutable());
        if (python.getParent() == null) {
            String path = inherited.getOrDefault("PATH", "");
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir).resolve(python))) {
                    python = Path.of(dir).resolve(python);
                    break;
                }
            }
        }
        if (python.isAbsolute() && python.getParent() != null) {
            dirs.add(python.getParent().toString());
        }
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            if (!dirs.contains(dir)) {
                dirs.add(dir);
            }
        }
        return String.join(java.io.File.pathSeparator, dirs);
    }

    /** Waits for the output pumps; if an orphaned grandchild holds the pipes open, kill it so they end. */
    private static void drain(Process process, Future<?> out, Future<?> err) {
        for (Future<?> pump : List.of(out, err)) {
            try {
                pump.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                kill(process);
                pump.cancel(true);
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.DEBUG, "log pump failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pump(InputStream in, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        } catch (IOException e) {
            // The process was killed; the lines read so far are kept.
        }
    }

    /** Kills the process and everything it started, and reaps it (no zombie left behind). */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills every Python process still running (the endpoint is closing). */
    void killAll() {
        for (Process p : List.copyOf(processes)) {
            kill(p);
        }
    }

    /** Processes still running, for tests of the cleanup. */
    List<ProcessHandle> liveProcesses() {
        return processes.stream().filter(Process::isAlive).map(Process::toHandle).toList();
    }

    static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot delete " + p, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + path, e);
        }
    }
}
