package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.Cancellation;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.CheckSetupException;
import io.github.gluehealthcheck.engine.DryRun;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.ShutdownGuard;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.AwsSetupException;
import io.github.gluehealthcheck.engine.changes.ChangeSource;
import io.github.gluehealthcheck.engine.changes.ChangedOnly;
import io.github.gluehealthcheck.engine.glue.BaseJobs;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpointMain;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Reports;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of the program: settings in ({@code PLUGIN_*} variables, flags, the CI's context), the engine's health
 * check, results out (step log, reports, Drone card, Harness outputs, exit code). The behaviour is the engine's;
 * this class only translates between it and the CI.
 */
final class HealthCheckCommand {
    /** How long SIGTERM/SIGINT may take to stop the run and clean up: under the ~20 s CIs give. */
    static final Duration GRACE = Duration.ofSeconds(18);

    private final Map<String, String> env;
    private final Path workingDirectory;
    private final PrintStream stdout;
    private final BuildInfo build;
    private volatile ShutdownGuard guard;
    private volatile HealthCheckCommand training;

    HealthCheckCommand(Map<String, String> env, Path workingDirectory, PrintStream stdout, BuildInfo build) {
        this.env = env;
        this.workingDirectory = workingDirectory;
        this.stdout = stdout;
        this.build = build;
    }

    /** Runs the command line and returns the exit code. */
    int run(String... args) {
        CommandLine commandLine = CommandLine.parse(args);
        return switch (commandLine.command()) {
            case HELP -> {
                stdout.print(HelpText.render(build));
                stdout.flush();
                yield ExitCode.PASSED.code();
            }
            case VERSION -> {
                stdout.println("glue-health-check " + build.version());
                stdout.flush();
                yield ExitCode.PASSED.code();
            }
            case LOCAL_ENDPOINT -> LocalAwsEndpointMain.run(commandLine.rest().toArray(String[]::new), stdout);
            case TRAIN -> train(commandLine).code();
            case CHECK -> check(commandLine).code();
        };
    }

    /** True once the JVM is stopping on a signal: then the caller must return instead of calling System.exit. */
    boolean shuttingDown() {
        ShutdownGuard g = guard;
        HealthCheckCommand t = training;
        return g != null && g.shuttingDown() || t != null && t.shuttingDown();
    }

    /**
     * {@code train}: a check of a one-line Python shell job on the embedded local endpoint, in a temporary directory
     * that is deleted after, with no setting from the environment or the working directory (no credentials, no AWS
     * call), so that the JVM loads and runs what a check does. The launcher, the build and Dockerfile.archive run it
     * to make a class-data archive or a class list (docs/cli.md). Its verdict does not matter: without python3 the
     * job fails and the classes are the same. It prints one line; exit 0 once the check has come to a verdict.
     */
    private ExitCode train(CommandLine commandLine) {
        if (!commandLine.problems().isEmpty()) {
            commandLine.problems().forEach(p -> stdout.println("error: " + p));
            stdout.flush();
            return ExitCode.BAD_SETTINGS;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("glue-health-check-train");
            Files.writeString(work.resolve("train.py"), "print(\"glue-health-check: training run\")\n");
            HealthCheckCommand check = new HealthCheckCommand(Map.of(), work,
                    new PrintStream(OutputStream.nullOutputStream()), build);
            training = check;
            int code = check.run("--workspace", work.toString(), "--script", "train.py", "--job-type", "pythonshell",
                    "--endpoint", "local");
            stdout.println("training run: a check of a one-line Python shell job on the embedded local endpoint,"
                    + " exit " + code);
            return code == ExitCode.PASSED.code() || code == ExitCode.FAILED.code() ? ExitCode.PASSED
                    : ExitCode.NOT_CARRIED_OUT;
        } catch (IOException e) {
            stdout.println("error: train: cannot use a temporary directory: " + e.getMessage());
            return ExitCode.NOT_CARRIED_OUT;
        } finally {
            stdout.flush();
            if (work != null) {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory: the system's clean-up takes what is left
        }
    }

    private ExitCode check(CommandLine commandLine) {
        String workspaceGiven = commandLine.flags().getOrDefault(Setting.WORKSPACE, env.get(Setting.WORKSPACE.envName()));
        Path where = workspaceGiven == null || workspaceGiven.isBlank() ? workingDirectory
                : workingDirectory.resolve(workspaceGiven);
        CiEnvironment ci = CiEnvironment.detect(env, where);
        StepSettings settings = withLocalRepo(StepSettings.read(env, commandLine.flags(), ci.inCi())
                .withDetected(Setting.WORKSPACE, ci.workspace().orElse(null), ci.workspaceVariable()), ci, where);
        List<String> secrets = givenSecrets(settings);
        ConsoleOutput early = new ConsoleOutput(stdout, Style.detect(env, ci.inCi()), Redactor.of(secrets), false, false);
        HealthCheckRequest request = null;
        List<String> problems = new ArrayList<>(commandLine.problems());
        problems.addAll(settings.problems());
        boolean harnessWithoutRepo = ci.provider().equals("harness") && ci.repo().isEmpty() && !settings.given(Setting.REPO);
        if (harnessWithoutRepo) {
            problems.add(settings.name(Setting.REPO) + ": Harness names no repository for this step (neither "
                    + "DRONE_REPO_LINK nor DRONE_GIT_HTTP_URL: the pipeline has no codebase); set repo: owner/name");
        }
        try {
            request = SettingsReader.read(settings.asMap(), env, ci.context());
        } catch (InvalidSettingsException e) {
            e.problems().stream().filter(p -> !(harnessWithoutRepo && p.setting().equals(Setting.REPO.key())))
                    .forEach(p -> problems.add(settings.describe(p)));
        }
        if (!problems.isEmpty() || request == null) {
            settings.warnings().forEach(early::warn);
            problems.forEach(early::error);
            early.line("Nothing was called. " + (settings.pluginStyle() ? "Settings reference: docs/drone.md" : "See --help")
                    + (build.source().isEmpty() ? "" : " (" + build.source() + ")"));
            return ExitCode.BAD_SETTINGS;
        }
        Redactor redactor = request.redactor().with(secrets);
        ConsoleOutput out = early.with(redactor, request.debug(), request.checks().size() > 1);
        out.line("glue-health-check " + build.version() + ": " + request.context() + describeJobs(request));
        settings.warnings().forEach(out::warn);
        request.warnings().forEach(out::warn);
        if (request.debug()) {
            // Only when asked: describing every setting costs a cold JVM time for lines nobody sees.
            debugDetails(out, ci, settings, request);
        }
        if (request.changedOnly()) {
            ChangeSource changes = JGitChanges.forWorkspace(request.workspace(), env);
            out.debugLine("changed_only: " + (changes instanceof JGitChanges
                    ? "no git on PATH, so the checkout's .git is read with JGit" : "asking git from PATH"));
            ChangedOnly.Selection selection = ChangedOnly.select(request, changes);
            selection.notes().forEach(out::line);
            request = request.withSkipped(selection.skipped());
        }
        if (request.dryRun()) {
            DryRun.describe(request).forEach(out::line);
            return ExitCode.PASSED;
        }
        Cancellation cancellation = new Cancellation();
        try (ShutdownGuard g = ShutdownGuard.install(cancellation, GRACE)) {
            guard = g;
            return carryOut(request, ci, out, redactor, cancellation,
                    settings.cardTemplate().orElse(build.cardTemplate()));
        } catch (RuntimeException e) {
            // A bug, not a verdict: say what it was, never with a secret.
            out.error("internal error " + e.getClass().getName() + ": " + e.getMessage());
            return ExitCode.NOT_CARRIED_OUT;
        }
    }

    private ExitCode carryOut(HealthCheckRequest request, CiEnvironment ci, ConsoleOutput out, Redactor redactor,
            Cancellation cancellation, String cardTemplate) {
        CheckSession session;
        try {
            session = CheckSession.open(request);
        } catch (AwsSetupException | UncheckedIOException e) {
            out.error(e.getMessage());
            credentialsHint(request, ci, out);
            return ExitCode.NOT_CARRIED_OUT;
        }
        try (session) {
            if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
                return sweep(session, request, ci, out);
            }
            try {
                session.resolveBaseJobs();
            } catch (InvalidSettingsException e) {
                e.problems().forEach(p -> out.error(p.toString()));
                out.line("Nothing was created.");
                return ExitCode.BAD_SETTINGS;
            } catch (BaseJobs.UnreadableException e) {
                out.error(e.getMessage());
                credentialsHint(request, ci, out);
                return ExitCode.NOT_CARRIED_OUT;
            }
            PlanResult result = session.check(out, cancellation);
            List<Path> reports = List.of();
            boolean reportsWritten = true;
            try {
                reports = session.writeReports(result);
            } catch (IOException | UncheckedIOException e) {
                reportsWritten = false;
                out.error("could not write the reports to " + request.reportDir() + ": " + e);
            }
            out.summary(result, request.reportDir(), reports);
            if (result.setupError() != null) {
                credentialsHint(request, ci, out);
            }
            ciSurfaces(result, request, out, redactor, reportsWritten, cardTemplate);
            ExitCode code = ExitCode.of(result.status());
            return code == ExitCode.PASSED && !reportsWritten ? ExitCode.NOT_CARRIED_OUT : code;
        }
    }

    private ExitCode sweep(CheckSession session, HealthCheckRequest request, CiEnvironment ci, ConsoleOutput out) {
        out.line("[sweep] deleting expired health-check jobs named " + request.namePrefix() + "-* of every repository");
        SweepResult result;
        try {
            result = session.sweepAll(note -> out.line("[sweep] " + note));
        } catch (CheckSetupException e) {
            out.error(e.getMessage());
            credentialsHint(request, ci, out);
            return ExitCode.NOT_CARRIED_OUT;
        }
        out.line("[sweep] " + result.summary(false));
        if (result.error() != null) {
            out.error("the sweep did not complete: " + result.error());
        }
        return result.error() != null || result.failed() > 0 ? ExitCode.NOT_CARRIED_OUT : ExitCode.PASSED;
    }

    /** The Drone card and the Harness step outputs, when the CI asks for them. */
    private void ciSurfaces(PlanResult result, HealthCheckRequest request, ConsoleOutput out, Redactor redactor,
            boolean reportsWritten, String cardTemplate) {
        String cardPath = env.get("DRONE_CARD_PATH");
        if (cardPath != null && !cardPath.isBlank()) {
            try {
                DroneCard.write(cardPath.trim(), DroneCard.payload(result, cardTemplate, redactor), stdout);
            } catch (IOException | RuntimeException e) {
                out.warn("could not write the Drone card to " + cardPath + ": " + e);
            }
        }
        String outputFile = outputFile();
        if (outputFile != null) {
            try {
                HarnessOutput.append(Path.of(outputFile.trim()), result,
                        reportsWritten ? request.reportDir().resolve(Reports.JSON) : null);
            } catch (IOException | RuntimeException e) {
                out.warn("could not write the step outputs to " + outputFile + ": " + e);
            }
        }
    }

    /**
     * Drone (and Woodpecker) do not hand secrets to pull-request builds by default: when such a build has no
     * credentials, that is the likely reason, and the step log should say so.
     */
    private static void credentialsHint(HealthCheckRequest request, CiEnvironment ci, ConsoleOutput out) {
        AwsConnection c = request.connection();
        boolean noCredentials = !c.isLocal() && !c.hasStaticKeys() && c.assumeRole().isEmpty()
                && c.webIdentityTokenFile().isEmpty() && c.profile().isEmpty();
        boolean pullRequest = ci.pullRequestBuild() || request.context().pullRequest().isPresent();
        if (!noCredentials || !pullRequest) {
            return;
        }
        String why = switch (ci.provider()) {
            case "woodpecker" -> "Woodpecker gives a secret to pull_request pipelines only when the secret lists the "
                    + "pull_request event.";
            case "harness" -> "check that the secrets behind access_key and secret_key are available to this pipeline.";
            default -> "Drone does not expose secrets to pull request builds by default: enable \"Allow Pull Requests\" "
                    + "on the secrets in the repository settings (only if you trust pull requests from forks).";
        };
        out.line(out.style().yellow("hint: ") + "this is a pull request build and no AWS credentials were given; " + why
                + " Or give the runner's host an IAM role, or run the check on push only.");
    }

    private void debugDetails(ConsoleOutput out, CiEnvironment ci, StepSettings settings, HealthCheckRequest request) {
        out.debugLine("context from " + ci.detectedFrom() + ": provider " + request.context().provider() + ", repo "
                + request.context().repo() + ", branch " + request.context().branch().orElse("-") + ", pull request "
                + request.context().pullRequest().orElse("-") + ", build " + request.context().buildNumber().orElse("-")
                + ", commit " + request.context().commit().orElse("-"));
        settings.describeValues().forEach((name, value) -> out.debugLine("setting " + name + " = " + value));
        out.debugLine("workspace " + request.workspace() + ", reports to " + request.reportDir());
        out.debugLine("AWS: region " + request.connection().region().orElse("from the AWS chain") + ", endpoint "
                + request.connection().endpoint().orElse("AWS") + ", credentials: " + request.connection().credentialSource());
        out.debugLine("Drone card: " + nonBlank(env.get("DRONE_CARD_PATH"), "not asked for") + "; step outputs: "
                + nonBlank(outputFile(), "not asked for"));
    }

    private static String describeJobs(HealthCheckRequest request) {
        if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
            return ", sweep only";
        }
        List<String> names = request.checks().stream().map(c -> c.jobName()).toList();
        return ", " + names.size() + (names.size() == 1 ? " job: " : " jobs: ") + String.join(", ", names);
    }

    /** Every secret value given, in settings or the AWS variables, whatever the outcome of reading them. */
    private List<String> givenSecrets(StepSettings settings) {
        List<String> secrets = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (s.isSecret() && settings.given(s)) {
                secrets.add(settings.value(s).trim());
            }
        }
        for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                secrets.add(v.trim());
            }
        }
        return secrets;
    }

    /**
     * On the local endpoint nothing belongs to anyone, so a checkout without a remote (or no checkout) still gets a
     * repository name: {@code local/<directory>}.
     */
    private static StepSettings withLocalRepo(StepSettings settings, CiEnvironment ci, Path where) {
        String endpoint = settings.value(Setting.ENDPOINT);
        if (ci.repo().isPresent() || endpoint == null || !endpoint.trim().equalsIgnoreCase(AwsConnection.LOCAL)) {
            return settings;
        }
        Path dir = where.toAbsolutePath().normalize().getFileName();
        return settings.withDetected(Setting.REPO, "local/" + (dir == null ? "workspace"
                : dir.toString().replaceAll("[^A-Za-z0-9_.-]", "-")), "the local endpoint's workspace");
    }

    /**
     * The step-output file: {@code DRONE_OUTPUT}, else {@code HARNESS_OUTPUT_FILE}, which is what some Harness
     * lite-engine versions set alone (current ones set both to the same file: harness/lite-engine
     * pipeline/runtime/run.go).
     */
    private String outputFile() {
        for (String name : List.of("DRONE_OUTPUT", "HARNESS_OUTPUT_FILE")) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static String nonBlank(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s;
    }
}
