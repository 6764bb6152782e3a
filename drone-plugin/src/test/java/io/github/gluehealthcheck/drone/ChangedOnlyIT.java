package io.github.gluehealthcheck.drone;

import static io.github.gluehealthcheck.engine.changes.GitRepos.commit;
import static io.github.gluehealthcheck.engine.changes.GitRepos.git;
import static io.github.gluehealthcheck.engine.changes.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code changed_only} end to end: a Drone pull-request step, in a workspace cloned with git from a repository of five
 * Python shell jobs, against the local endpoint process; what is checked is what the endpoint was asked to run.
 */
class ChangedOnlyIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path origin;

    /** main: jobs/job1..5.py, lib/common.py (job2 lists lib/** as its paths), a README; and a branch "feature" off it. */
    @BeforeEach
    void repository() throws Exception {
        origin = Files.createDirectories(dir.resolve("origin"));
        git(origin, "init", "-q", "-b", "main");
        StringBuilder config = new StringBuilder("defaults:\n  job_type: pythonshell\njobs:\n");
        for (int i = 1; i <= 5; i++) {
            write(origin, "jobs/job" + i + ".py", "print('job " + i + "')\n");
            config.append("  - script: jobs/job").append(i).append(".py\n");
            if (i == 2) {
                config.append("    paths: [lib/**]\n");
            }
        }
        write(origin, ".glue-health.yml", config.toString());
        write(origin, "lib/common.py", "X = 1\n");
        write(origin, "README.md", "etl\n");
        commit(origin, "jobs");
        git(origin, "checkout", "-q", "-b", "feature");
    }

    private Cli.Run check(Path workspace, StepEnv env) throws Exception {
        return Cli.run(workspace, env.aws(endpoint).set("PLUGIN_CONFIG", ".glue-health.yml")
                .set("PLUGIN_CHANGED_ONLY", "true").set("PLUGIN_SWEEP", "false").map());
    }

    private StepEnv pullRequest(Path workspace) {
        return StepEnv.drone(home, workspace).pullRequest("9");
    }

    private static JsonNode report(Path workspace) throws IOException {
        return new ObjectMapper().readTree(workspace.resolve("glue-health-check/report.json").toFile());
    }

    private static List<String> statuses(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("checks").forEach(c -> out.add(c.get("job").asText() + "=" + c.get("status").asText()));
        return out;
    }

    private long runsStarted() {
        return endpoint.operations().stream().filter(o -> o.equals("glue:StartJobRun")).count();
    }

    /** A pull request that changes job3's script, cloned as Drone's clone step leaves it. */
    private Path pullRequestChangingJob3() throws Exception {
        write(origin, "jobs/job3.py", "print('job 3, changed')\n");
        commit(origin, "job3");
        return cloneFeature(false);
    }

    /** Only job3 was checked: the step said so, one run was started, the report has the others skipped. */
    private JsonNode onlyJob3Checked(Cli.Run run, Path workspace) throws IOException {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("changed_only: 1 file(s) changed since the merge base",
                "of origin/main and HEAD; checking 1 of 5 job(s)", "1 passed, 0 failed, 0 error(s), 4 skipped");
        assertThat(runsStarted()).isEqualTo(1);
        JsonNode report = report(workspace);
        assertThat(statuses(report)).containsExactly("job1=SKIPPED", "job2=SKIPPED", "job3=PASSED", "job4=SKIPPED",
                "job5=SKIPPED");
        return report;
    }

    @Test
    void aPullRequestTouchingOneOfFiveJobsChecksExactlyThatOne() throws Exception {
        Path workspace = pullRequestChangingJob3();

        Cli.Run run = check(workspace, pullRequest(workspace).set("PLUGIN_LOG_LEVEL", "debug"));

        JsonNode report = onlyJob3Checked(run, workspace);
        assertThat(run.output()).contains("debug: changed_only: asking git from PATH");
        assertThat(run.output()).contains("job1: unchanged: jobs/job1.py did not change since the merge base");
        assertThat(report.get("totals").get("skipped").asInt()).isEqualTo(4);
        assertThat(Files.readString(workspace.resolve("glue-health-check/junit.xml"))).contains("skipped=\"4\"")
                .contains("<skipped message=\"SKIPPED: unchanged: neither jobs/job2.py nor its paths (lib/**) changed");
        assertThat(Files.readString(workspace.resolve("glue-health-check/summary.md"))).contains("| job1 | skipped |");
    }

    /**
     * As in the plugin image, which has no git: the CLI reads the checkout with JGit (JGitChangesTest holds its answers
     * to git's) and checks the same one job.
     */
    @Test
    void withoutGitWhereTheCheckRunsTheCheckoutIsStillReadAndOnlyTheChangedJobChecked() throws Exception {
        Path workspace = pullRequestChangingJob3();
        // Every directory of the checkout dated in the past: a file created (or created and deleted) in one, as JGit's
        // timestamp probes would be, changes its time. The report directory, made beforehand, is the only one written.
        Path reports = Files.createDirectories(workspace.resolve("glue-health-check"));
        Map<Path, FileTime> before = new HashMap<>();
        try (Stream<Path> all = Files.walk(workspace)) {
            for (Path d : all.filter(Files::isDirectory).filter(d -> !d.equals(reports)).toList()) {
                Files.setLastModifiedTime(d, FileTime.fromMillis(1_000_000_000_000L));
                before.put(d, Files.getLastModifiedTime(d));
            }
        }
        Path javaHome = Files.createDirectories(dir.resolve("java-user-home"));

        Cli.Run run = check(workspace, pullRequest(workspace).set("PATH", dir.resolve("no-git-here").toString())
                .set("JAVA_TOOL_OPTIONS", "-Duser.home=" + javaHome).set("PLUGIN_LOG_LEVEL", "debug"));

        onlyJob3Checked(run, workspace);
        assertThat(run.output()).contains("debug: changed_only: no git on PATH, so the checkout's .git is read with JGit");
        before.forEach((d, time) -> assertThat(uncheckedTime(d)).as("nothing written in %s", d).isEqualTo(time));
        try (Stream<Path> home = Files.walk(javaHome)) {
            assertThat(home).as("nothing saved in the user's home").containsExactly(javaHome);
        }
    }

    @Test
    void aChangeToAFileOfAJobsPathsChecksThatJob() throws Exception {
        write(origin, "lib/common.py", "X = 2\n");
        commit(origin, "lib");
        Path workspace = cloneFeature(false);

        Cli.Run run = check(workspace, pullRequest(workspace));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(statuses(report(workspace))).containsExactly("job1=SKIPPED", "job2=PASSED", "job3=SKIPPED",
                "job4=SKIPPED", "job5=SKIPPED");
        assertThat(runsStarted()).isEqualTo(1);
    }

    @Test
    void aPullRequestThatChangesNoJobChecksNothingCallsNothingAndExitsZero() throws Exception {
        write(origin, "README.md", "etl, documented\n");
        commit(origin, "docs");
        Path workspace = cloneFeature(false);
        Path card = dir.resolve("card.json");

        Cli.Run run = check(workspace, pullRequest(workspace).set("DRONE_CARD_PATH", card.toString()));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("nothing any job depends on changed, so no job is checked",
                "nothing to check: every job is skipped; no AWS call is made", "Glue health check SKIPPED");
        assertThat(endpoint.operations()).isEmpty();
        assertThat(Files.readString(workspace.resolve("glue-health-check/badge.svg"))).contains("glue health: skipped");
        JsonNode data = new ObjectMapper().readTree(card.toFile()).get("data");
        assertThat(data.get("status").asText()).isEqualTo("SKIPPED");
        assertThat(data.get("summary").asText()).endsWith("5 skipped");
        assertThat(data.get("jobs").get(0).get("reason").asText()).startsWith("unchanged: jobs/job1.py");
    }

    @Test
    void aCloneTooShallowForAMergeBaseSaysHowToFixItAndChecksEveryJob() throws Exception {
        for (int i = 0; i < 3; i++) {
            write(origin, "jobs/job3.py", "print(" + i + ")\n");
            commit(origin, "job3 " + i);
        }
        git(origin, "checkout", "-q", "main");
        write(origin, "README.md", "main moves on\n");
        commit(origin, "main moves");
        git(origin, "checkout", "-q", "feature");
        Path workspace = cloneFeature(true);

        Cli.Run run = check(workspace, pullRequest(workspace));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).filteredOn(l -> l.startsWith("changed_only:")).singleElement().asString()
                .contains("cannot tell what changed: the clone is too shallow", "clone: depth: 0",
                        "all 5 job(s) are checked");
        assertThat(runsStarted()).isEqualTo(5);
        assertThat(statuses(report(workspace))).allMatch(s -> s.endsWith("=PASSED"));
    }

    @Test
    void withoutGitACloneTooShallowIsSaidTheSameWayAndEveryJobChecked() throws Exception {
        write(origin, "jobs/job3.py", "print('job 3, once')\n");
        commit(origin, "job3 once");
        write(origin, "jobs/job3.py", "print('job 3, twice')\n");
        commit(origin, "job3 twice");
        git(origin, "checkout", "-q", "main");
        write(origin, "README.md", "main moves on\n");
        commit(origin, "main moves");
        git(origin, "checkout", "-q", "feature");
        Path workspace = cloneFeature(true);

        Cli.Run run = check(workspace, pullRequest(workspace).set("PATH", dir.resolve("no-git-here").toString()));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.lines()).filteredOn(l -> l.startsWith("changed_only:")).singleElement().asString()
                .contains("cannot tell what changed: the clone is too shallow", "clone: depth: 0",
                        "all 5 job(s) are checked");
        assertThat(runsStarted()).isEqualTo(5);
    }

    @Test
    void aPushBuildChecksEveryJob() throws Exception {
        Path workspace = pullRequestChangingJob3();

        Cli.Run run = check(workspace, StepEnv.drone(home, workspace));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("changed_only: not a pull request build, so all 5 job(s) are checked");
        assertThat(runsStarted()).isEqualTo(5);
    }

    private static FileTime uncheckedTime(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What Drone's pull-request clone leaves: the branch under test checked out, and origin/main. */
    private Path cloneFeature(boolean shallow) throws Exception {
        Path workspace = dir.resolve("workspace");
        List<String> args = new ArrayList<>(List.of("clone", "-q", "--no-local", "-b", "feature"));
        if (shallow) {
            args.addAll(List.of("--depth", "1"));
        }
        args.addAll(List.of("file://" + origin, workspace.toString()));
        git(dir, args.toArray(String[]::new));
        if (shallow) {
            git(workspace, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");
        } else {
            git(workspace, "fetch", "-q", "origin", "main:refs/remotes/origin/main");
        }
        return workspace;
    }
}
