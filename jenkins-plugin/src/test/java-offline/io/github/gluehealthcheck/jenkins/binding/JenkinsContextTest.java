package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JenkinsContextTest {

    @Test
    void aBranchBuildOfAGitCheckout() {
        CiContext c = JenkinsContext.detect(Map.of("GIT_URL", "https://github.com/data/etl.git", "GIT_BRANCH", "origin/main",
                "GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567", "BUILD_NUMBER", "17",
                "BUILD_URL", "https://ci.example.com/job/etl/17/", "JOB_NAME", "etl")).build();

        assertThat(c.provider()).isEqualTo("jenkins");
        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.branch()).contains("main");
        assertThat(c.pullRequest()).isEmpty();
        assertThat(c.buildNumber()).contains("17");
        assertThat(c.buildUrl()).contains("https://ci.example.com/job/etl/17/");
        assertThat(c.commit()).contains("0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void aMultibranchPullRequestBuild() {
        CiContext c = JenkinsContext.detect(Map.of("CHANGE_ID", "12", "CHANGE_BRANCH", "fix-orders", "BRANCH_NAME", "PR-12",
                "CHANGE_URL", "https://github.com/data/etl/pull/12", "JOB_NAME", "data/etl/PR-12", "BUILD_NUMBER", "3",
                "CHANGE_TARGET", "main")).build();

        assertThat(c.repo()).isEqualTo("data/etl");
        assertThat(c.pullRequest()).contains("12");
        assertThat(c.branch()).contains("fix-orders");
        assertThat(c.targetBranch()).contains("main");
    }

    @ParameterizedTest
    @CsvSource({
        "https://github.com/data/etl.git, data/etl",
        "https://gitlab.example.com/group/sub/etl.git, group/sub/etl",
        "git@github.com:data/etl.git, data/etl",
        "ssh://git@bitbucket.example.com:7999/data/etl.git, data/etl",
        "https://user@dev.azure.com/org/project/_git/etl, org/project/_git/etl"})
    void theRepositoryIsThePathOfTheGitUrl(String url, String repo) {
        assertThat(JenkinsContext.repoFromUrl(url)).contains(repo);
    }

    @Test
    void withoutGitTheJobNameNamesTheRepositoryWithoutTheBranchOfAMultibranchJob() {
        assertThat(JenkinsContext.repo(Map.of("JOB_NAME", "data team/etl checks"))).contains("data-team/etl-checks");
        assertThat(JenkinsContext.repo(Map.of("JOB_NAME", "data/etl/main", "BRANCH_NAME", "main"))).contains("data/etl");
        assertThat(JenkinsContext.repo(Map.of())).isEmpty();
    }

    @Test
    void aChangeIdThatIsNotANumberIsNoPullRequest() {
        assertThat(JenkinsContext.detect(Map.of("CHANGE_ID", "MR-abc", "JOB_NAME", "etl")).build().pullRequest()).isEmpty();
    }
}
