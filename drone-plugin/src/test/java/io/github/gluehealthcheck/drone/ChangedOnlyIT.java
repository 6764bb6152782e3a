package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aPullRequestTouchingOneOfFiveJobsChecksExactlyThatOne() throws Exception {
        write(origin, "jobs/job3.py", "print('job 3, changed')\n");
        commit(origin, "job3");
        Path workspace = cloneFeature(false);

        Cli.Run run = check(workspace, pullRequest(workspace));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("changed_only: 1 file(s) changed since the merge base",
                "of origin/main and HEAD; checking 1 of 5 job(s)", "1 passed, 0 failed, 0 error(s), 4 skipped",
                "job1: unchanged: jobs/job1.py did not change since the merge base");
        assertThat(runsStarted()).isEqualTo(1);
        JsonNode report = report(workspace);
        assertThat(statuses(report)).containsExactly("job1=SKIPPED", "job2=SKIPPED", "job3=PASSED", "job4=SKIPPED",
                "job5=SKIPPED");
        assertThat(report.get("totals").get("skipped").asInt()).isEqualTo(4);
        assertThat(Files.readString(workspace.resolve("glue-health-check/junit.xml"))).contains("skipped=\"4\"")
                .contains("<skipped message=\"SKIPPED: unchanged: neither jobs/job2.py nor its paths (lib/**) changed");
        assertThat(Files.readString(workspace.resolve("glue-health-check/summary.md"))).contains("| job1 | skipped |");
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
    void aPushBuildChecksEveryJob() throws Exception {
        write(origin, "jobs/job3.py", "print('job 3, changed')\n");
        commit(origin, "job3");
        Path workspace = cloneFeature(false);

        Cli.Run run = check(workspace, StepEnv.drone(home, workspace));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("changed_only: not a pull request build, so all 5 job(s) are checked");
        assertThat(runsStarted()).isEqualTo(5);
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

    private static void write(Path repo, String file, String text) throws IOException {
        Path f = repo.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private static void commit(Path repo, String message) throws Exception {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
    }

    static void git(Path where, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }
}
