package io.github.gluehealthcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code changed} scenario: a pull request that changes one of twenty jobs' scripts, checked with
 * {@code changed_only}. A git repository of twenty Python shell jobs (copies of the example job, listed in a
 * {@code .glue-health.yml}) gets a branch that edits one script; a full clone of that branch with {@code origin/main}
 * beside it, as Drone's pull-request clone leaves it, is the workspace. Jobs checked are counted at the endpoint (runs
 * started) and in report.json; the same plan without {@code changed_only} is timed beside it.
 */
final class ChangedOnlyScenario {
    static final int JOBS = 20;
    static final String CHANGED = "jobs/job_07.py";

    /** One run of the CLI on the pull request. */
    record Run(boolean changedOnly, String reader, int exitCode, String status, int checked, int skipped,
            long runsStarted, long awsCalls, double wall, String note) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changedOnly", changedOnly);
            m.put("reader", reader);
            m.put("exitCode", exitCode);
            m.put("status", status);
            m.put("checked", checked);
            m.put("skipped", skipped);
            m.put("runsStarted", runsStarted);
            m.put("awsCalls", awsCalls);
            m.put("wallSeconds", wall);
            m.put("note", note);
            return m;
        }
    }

    private ChangedOnlyScenario() {
    }

    /** Makes the repository and the pull request's clone under {@code dir}; returns the clone (the workspace). */
    static Path pullRequestWorkspace(Path dir, Path exampleJob) throws IOException, InterruptedException {
        Path origin = Files.createDirectories(dir.resolve("origin"));
        git(origin, "init", "-q", "-b", "main");
        String script = Files.readString(exampleJob);
        StringBuilder config = new StringBuilder("defaults:\n  job_type: pythonshell\njobs:\n");
        for (int i = 1; i <= JOBS; i++) {
            String name = String.format(Locale.ROOT, "jobs/job_%02d.py", i);
            Files.createDirectories(origin.resolve("jobs"));
            Files.writeString(origin.resolve(name), script);
            config.append("  - script: ").append(name).append('\n');
        }
        Files.writeString(origin.resolve(".glue-health.yml"), config.toString());
        git(origin, "add", "-A");
        git(origin, "commit", "-q", "-m", "twenty jobs");
        git(origin, "checkout", "-q", "-b", "fix-job-07");
        Files.writeString(origin.resolve(CHANGED), script + "\n# a change in the pull request\n");
        git(origin, "commit", "-q", "-am", "change job 07");
        Path workspace = dir.resolve("workspace");
        git(dir, "clone", "-q", "--no-local", "-b", "fix-job-07", "file://" + origin, workspace.toString());
        git(workspace, "fetch", "-q", "origin", "main:refs/remotes/origin/main");
        return workspace;
    }

    /**
     * A PATH with everything this machine's PATH has but git (links in {@code dir}): the CLI then reads the checkout
     * with JGit, as in the plugin image, while the launcher still finds the commands it uses.
     */
    static String pathWithoutGit(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("path-without-git"));
        for (String entry : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            Path d = Path.of(entry);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (var files = Files.list(d)) {
                for (Path f : files.toList()) {
                    Path link = bin.resolve(f.getFileName().toString());
                    if (!f.getFileName().toString().startsWith("git") && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, f);
                    }
                }
            }
        }
        return bin.toString();
    }

    /** The CLI's flags for the pull request, with or without {@code changed_only}. */
    static List<String> flags(Endpoint endpoint, boolean changedOnly) {
        List<String> f = new ArrayList<>(List.of("--config", ".glue-health.yml", "--parallelism", "4",
                "--endpoint", endpoint.url(), "--region", Bench.REGION, "--access-key", Bench.ACCESS,
                "--secret-key", Bench.ACCESS, "--role", Bench.ROLE, "--scripts-bucket", Bench.BUCKET,
                "--repo", Bench.REPO, "--pull-request", "21", "--target-branch", "main", "--sweep", "false"));
        if (changedOnly) {
            f.add("--changed-only");
        }
        return f;
    }

    /** What a finished run says: from its exit, its report.json and the endpoint's request log. */
    static Run of(boolean changedOnly, String reader, Proc.Result r, Path workspace, List<Endpoint.Request> requests)
            throws IOException {
        var report = Endpoint.JSON.readTree(workspace.resolve("glue-health-check/report.json").toFile());
        int checked = 0;
        int skipped = 0;
        for (var c : report.path("checks")) {
            if (c.path("status").asText().equals("SKIPPED")) {
                skipped++;
            } else {
                checked++;
            }
        }
        long started = requests.stream().filter(q -> q.operation().equals("StartJobRun") && q.errorCode() == null)
                .count();
        String note = r.lines().stream().map(Proc.Line::text).filter(l -> l.startsWith("changed_only:")).findFirst()
                .orElse("");
        return new Run(changedOnly, reader, r.exitCode(), report.path("status").asText(), checked, skipped, started,
                requests.size(), Clock.seconds(r.started(), r.ended()), note);
    }

    /** The scenario's section of results.md, and its target line's measured text. */
    static String section(String way, List<Run> runs, String command) {
        StringBuilder b = new StringBuilder("## A pull request touching 1 of " + JOBS + " jobs, `changed_only`: `"
                + way + "`\n\n");
        b.append("A git repository of ").append(JOBS).append(" Python shell jobs (copies of examples/jobs/"
                + "orders_summary.py, listed in `.glue-health.yml`); a branch changes `").append(CHANGED)
                .append("`; the workspace is a full clone of that branch with `origin/main` fetched beside it. "
                + "`").append(command).append("`; *jobs checked* counts report.json's checks that are not SKIPPED, "
                + "*runs started* the endpoint's accepted StartJobRun calls. *Read by*: git from PATH, or JGit when PATH "
                + "has no git (as in the plugin image). Without `changed_only` the same pull request checks every job "
                + "(rows marked no).\n\n");
        b.append("| run | changed_only | read by | exit | status | jobs checked | skipped | runs started | AWS calls "
                + "| wall s |\n|---|---|---|---|---|---|---|---|---|---|\n");
        int i = 1;
        for (Run r : runs) {
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %s | %d | %d | %d | %d | %.2f |%n", i++,
                    r.changedOnly() ? "yes" : "no", r.reader(), r.exitCode(), r.status(), r.checked(), r.skipped(), r.runsStarted(),
                    r.awsCalls(), r.wall()));
        }
        runs.stream().filter(Run::changedOnly).findFirst()
                .ifPresent(r -> b.append("\nWhat the check said: `").append(r.note()).append("`\n"));
        return b.toString();
    }

    /** git with a fixed identity (the bench runs from its own jar and the runnable one, without the test classes). */
    private static void git(Path where, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=bench", "-c",
                "user.email=bench@example.com", "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}
