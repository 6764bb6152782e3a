package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiEnvironmentTest {
    private static final String SHA = "4f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";

    @TempDir
    Path dir;

    @Test
    void droneOnAPullRequestUsesTheSourceBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("DRONE", "true", "DRONE_REPO", "data/etl", "DRONE_BUILD_EVENT",
                "pull_request", "DRONE_PULL_REQUEST", "12", "DRONE_BRANCH", "main", "DRONE_SOURCE_BRANCH", "fix-orders",
                "DRONE_BUILD_NUMBER", "7", "DRONE_BUILD_LINK", "https://drone.example.com/data/etl/7",
                "DRONE_COMMIT_SHA", SHA, "DRONE_WORKSPACE", "/drone/src"), dir);
        CiContext c = ci.context().build();
        assertThat(c.provider()).isEqualTo("drone");
        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.branch()).contains("fix-orders");
        assertThat(c.pullRequest()).contains("12");
        assertThat(c.buildNumber()).contains("7");
        assertThat(c.buildUrl()).contains("https://drone.example.com/data/etl/7");
        assertThat(c.commit()).contains(SHA);
        assertThat(ci.pullRequestBuild()).isTrue();
        assertThat(ci.inCi()).isTrue();
        assertThat(ci.workspace()).contains("/drone/src");
    }

    @Test
    void droneOnAPushUsesTheBranch() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("DRONE_REPO_OWNER", "data", "DRONE_REPO_NAME", "etl",
                "DRONE_BUILD_NUMBER", "8", "DRONE_BUILD_EVENT", "push", "DRONE_BRANCH", "main",
                "DRONE_SOURCE_BRANCH", "main"), dir);
        CiContext c = ci.context().build();
        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.branch()).contains("main");
        assertThat(c.pullRequest()).isEmpty();
        assertThat(ci.pullRequestBuild()).isFalse();
    }

    @Test
    void theTargetBranchOfAPullRequestComesFromDroneOrWoodpeckerAndNotFromAPush() {
        assertThat(CiEnvironment.detect(Map.of("DRONE_REPO", "data/etl", "DRONE_BUILD_EVENT", "pull_request",
                "DRONE_PULL_REQUEST", "12", "DRONE_TARGET_BRANCH", "release/2"), dir).context().build().targetBranch())
                .contains("release/2");
        assertThat(CiEnvironment.detect(Map.of("CI", "woodpecker", "CI_REPO", "data/etl", "CI_PIPELINE_EVENT",
                "pull_request", "CI_COMMIT_PULL_REQUEST", "5", "CI_COMMIT_TARGET_BRANCH", "main"), dir).context().build()
                .targetBranch()).contains("main");
        // Drone sets DRONE_TARGET_BRANCH on pushes too (the pushed branch): no pull request, nothing to diff against.
        assertThat(CiEnvironment.detect(Map.of("DRONE_REPO", "data/etl", "DRONE_BUILD_EVENT", "push",
                "DRONE_BRANCH", "main", "DRONE_TARGET_BRANCH", "main"), dir).context().build().targetBranch()).isEmpty();
    }

    @Test
    void harnessIsDroneVariablesPlusHarnessOnes() {
        // Harness sets DRONE_REPO to <commit author>/<name>; the repository link names the repository itself.
        CiEnvironment ci = CiEnvironment.detect(Map.of("DRONE_REPO", "octocat/etl", "DRONE_BUILD_NUMBER", "3",
                "DRONE_REPO_LINK", "https://github.com/data/etl", "HARNESS_ACCOUNT_ID", "abc",
                "DRONE_OUTPUT", "/tmp/out"), dir);
        assertThat(ci.provider()).isEqualTo("harness");
        assertThat(ci.context().build().provider()).isEqualTo("harness");
        assertThat(ci.context().build().repo()).isEqualTo("data/etl");
        assertThat(ci.repoVariable()).isEqualTo("DRONE_REPO_LINK");
    }

    @Test
    void harnessTakesTheCloneUrlWithoutALinkAndNothingWithoutACodebase() {
        CiEnvironment clone = CiEnvironment.detect(Map.of("DRONE_REPO", "octocat/etl", "DRONE_BUILD_NUMBER", "3",
                "DRONE_GIT_HTTP_URL", "https://gitlab.example.com/data/etl.git", "HARNESS_BUILD_ID", "3"), dir);
        assertThat(clone.repo()).contains("data/etl");
        CiEnvironment none = CiEnvironment.detect(Map.of("DRONE_REPO", "octocat/etl", "DRONE_BUILD_NUMBER", "3",
                "HARNESS_BUILD_ID", "3"), dir);
        assertThat(none.provider()).isEqualTo("harness");
        assertThat(none.repo()).isEmpty();
    }

    @Test
    void woodpeckerUsesItsCiVariables() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("CI", "woodpecker", "CI_REPO", "data/etl",
                "CI_PIPELINE_EVENT", "pull_request", "CI_COMMIT_PULL_REQUEST", "5", "CI_COMMIT_BRANCH", "main",
                "CI_COMMIT_SOURCE_BRANCH", "feature", "CI_PIPELINE_NUMBER", "21",
                "CI_PIPELINE_URL", "https://ci.example.com/repos/1/pipeline/21", "CI_COMMIT_SHA", SHA,
                "CI_WORKSPACE", "/woodpecker/src/etl"), dir);
        CiContext c = ci.context().build();
        assertThat(c.provider()).isEqualTo("woodpecker");
        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.branch()).contains("feature");
        assertThat(c.pullRequest()).contains("5");
        assertThat(c.buildNumber()).contains("21");
        assertThat(c.buildUrl()).contains("https://ci.example.com/repos/1/pipeline/21");
        assertThat(c.commit()).contains(SHA);
        assertThat(ci.workspace()).contains("/woodpecker/src/etl");
        assertThat(ci.pullRequestBuild()).isTrue();
    }

    @Test
    void woodpeckerWinsOverItsOwnDroneCompatibilityVariables() {
        CiEnvironment ci = CiEnvironment.detect(Map.of("CI", "woodpecker", "CI_REPO", "data/etl",
                "CI_PIPELINE_NUMBER", "21", "DRONE_REPO", "other/repo", "DRONE_BUILD_NUMBER", "99"), dir);
        assertThat(ci.context().build().repo()).isEqualTo("data/etl");
        assertThat(ci.context().build().buildNumber()).contains("21");
    }

    @Test
    void aTerminalReadsTheGitCheckout() throws IOException {
        Path git = Files.createDirectories(dir.resolve(".git/refs/heads"));
        Files.writeString(git.resolve("../../HEAD"), "ref: refs/heads/fix-orders\n");
        Files.writeString(git.resolve("fix-orders"), SHA + "\n");
        Files.writeString(dir.resolve(".git/config"), "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://x/up/stream\n"
                + "[remote \"origin\"]\n\turl = git@github.com:data/etl.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n");
        Path sub = Files.createDirectories(dir.resolve("jobs"));
        CiEnvironment ci = CiEnvironment.detect(Map.of("HOME", "/root"), sub);
        CiContext c = ci.context().build();
        assertThat(c.provider()).isEqualTo("local");
        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.branch()).contains("fix-orders");
        assertThat(c.commit()).contains(SHA);
        assertThat(ci.inCi()).isFalse();
        assertThat(ci.detectedFrom()).isEqualTo("the git checkout");
    }

    @Test
    void gitWorktreesAndPackedRefsAreUnderstood() throws IOException {
        Path common = Files.createDirectories(dir.resolve("main/.git"));
        Files.writeString(common.resolve("config"), "[remote \"origin\"]\n\turl = https://github.com/data/etl\n");
        Files.writeString(common.resolve("packed-refs"), "# pack-refs with: peeled\n" + SHA + " refs/heads/drone\n");
        Path gitDir = Files.createDirectories(common.resolve("worktrees/drone"));
        Files.writeString(gitDir.resolve("HEAD"), "ref: refs/heads/drone\n");
        Files.writeString(gitDir.resolve("commondir"), "../..\n");
        Path worktree = Files.createDirectories(dir.resolve("wt"));
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitDir + "\n");
        GitCheckout checkout = GitCheckout.find(worktree).orElseThrow();
        assertThat(checkout).isEqualTo(new GitCheckout("data/etl", "drone", SHA));
    }

    @Test
    void remoteUrlsOfEveryShape() {
        assertThat(GitCheckout.repoFromUrl("git@github.com:data/etl.git")).isEqualTo("data/etl");
        assertThat(GitCheckout.repoFromUrl("https://gitlab.example.com/group/sub/etl.git/")).isEqualTo("sub/etl");
        assertThat(GitCheckout.repoFromUrl("ssh://git@host:2222/data/etl.git")).isEqualTo("data/etl");
        assertThat(GitCheckout.repoFromUrl("/srv/git/data/etl")).isEqualTo("data/etl");
        assertThat(GitCheckout.repoFromUrl("etl")).isNull();
    }

    @Test
    void nothingDetectedOutsideACiAndACheckout() {
        CiEnvironment ci = CiEnvironment.detect(Map.of(), dir);
        assertThat(ci.repo()).isEmpty();
        assertThat(ci.detectedFrom()).isEqualTo("nothing");
        assertThat(ci.context().problems()).extracting(p -> p.setting()).containsExactly("repo");
    }
}
