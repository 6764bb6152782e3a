package io.github.gluehealthcheck.engine.changes;

import static io.github.gluehealthcheck.engine.changes.GitRepos.commit;
import static io.github.gluehealthcheck.engine.changes.GitRepos.git;
import static io.github.gluehealthcheck.engine.changes.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real git repositories made here with the git CLI (the one the check runs). */
class GitChangesTest {
    @TempDir
    Path dir;
    Path origin;

    /** An "origin" with main: jobs/a.py, jobs/b.py, lib/common.py, then a feature branch off it. */
    @BeforeEach
    void repository() throws Exception {
        origin = dir.resolve("origin");
        Files.createDirectories(origin);
        git(origin, "init", "-q", "-b", "main");
        write(origin, "jobs/a.py", "print('a')\n");
        write(origin, "jobs/b.py", "print('b')\n");
        write(origin, "lib/common.py", "X = 1\n");
        commit(origin, "first");
    }

    @Test
    void filesChangedOnTheBranchSinceTheMergeBaseNotTheTargetsLaterCommits() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        write(origin, "jobs/a.py", "print('a2')\n");
        commit(origin, "change a");
        git(origin, "checkout", "-q", "main");
        write(origin, "jobs/b.py", "print('b on main')\n"); // main moves on after the branch left it
        commit(origin, "main moves");
        Path clone = cloneOf("feature", false);

        Changes changes = new GitChanges(clone).changedSince("main");

        assertThat(changes.isKnown()).isTrue();
        assertThat(changes.files()).containsExactly("jobs/a.py");
        assertThat(changes.base()).contains("merge base").contains("origin/main");
    }

    @Test
    void aRenameCountsBothNamesAndADeletionItsName() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        git(origin, "mv", "lib/common.py", "lib/shared.py");
        git(origin, "rm", "-q", "jobs/b.py");
        commit(origin, "rename and delete");
        Path clone = cloneOf("feature", false);

        Changes changes = new GitChanges(clone).changedSince("main");

        assertThat(changes.files()).containsExactlyInAnyOrder("lib/common.py", "lib/shared.py", "jobs/b.py");
    }

    @Test
    void uncommittedAndUntrackedFilesCountAsChanged() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        Path clone = cloneOf("feature", false);
        write(clone, "jobs/a.py", "print('edited, not committed')\n");
        write(clone, "jobs/new.py", "print('new')\n");

        assertThat(new GitChanges(clone).changedSince("main").files()).containsExactlyInAnyOrder("jobs/a.py", "jobs/new.py");
    }

    @Test
    void theTargetAsALocalBranchWhenThereIsNoRemoteTrackingOne() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        write(origin, "lib/common.py", "X = 2\n");
        commit(origin, "lib");

        Changes changes = new GitChanges(origin).changedSince("main");

        assertThat(changes.files()).containsExactly("lib/common.py");
        assertThat(changes.base()).contains(" of main ");
    }

    @Test
    void aWorkspaceBelowTheRepositoryRootSeesPathsRelativeToItself() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        write(origin, "jobs/a.py", "print('a3')\n");
        write(origin, "lib/common.py", "X = 3\n");
        commit(origin, "both");

        Changes changes = new GitChanges(origin.resolve("jobs")).changedSince("main");

        assertThat(changes.files()).containsExactly("a.py");
    }

    @Test
    void aShallowCloneWithoutTheMergeBaseSaysSoAndHowToFixIt() throws Exception {
        git(origin, "checkout", "-q", "-b", "feature");
        for (int i = 0; i < 3; i++) {
            write(origin, "jobs/a.py", "print(" + i + ")\n");
            commit(origin, "a " + i);
        }
        git(origin, "checkout", "-q", "main");
        write(origin, "jobs/b.py", "print('main moves')\n");
        commit(origin, "main moves");
        Path clone = cloneOf("feature", true);
        // What a CI's depth-1 clone of the target has: its tip, no history either.
        git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");

        Changes changes = new GitChanges(clone).changedSince("main");

        assertThat(changes.isKnown()).isFalse();
        assertThat(changes.unknown()).contains("too shallow").contains("depth").doesNotContain("\n");
    }

    @Test
    void aTargetBranchThatIsNotInTheCloneIsNamedWithTheFetchThatBringsIt() throws Exception {
        Changes changes = new GitChanges(origin).changedSince("release/2");

        assertThat(changes.unknown()).contains("'release/2' is not in the clone").contains("git fetch origin release/2");
    }

    @Test
    void notARepositoryAndNoGitAreSaidPlainly() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(new GitChanges(plain).changedSince("main").unknown()).contains("is not a git checkout");
        assertThat(new GitChanges(origin, "git-that-is-not-installed").changedSince("main").unknown())
                .startsWith("git is not installed where the check runs");
    }

    @Test
    void aBranchNameIsAnArgumentNeverAnOption() throws Exception {
        Changes changes = new GitChanges(origin).changedSince("--output=/tmp/x");

        assertThat(changes.isKnown()).isFalse();
        assertThat(changes.unknown()).contains("is not in the clone");
        assertThat(Path.of("/tmp/x")).doesNotExist();
    }

    private Path cloneOf(String branch, boolean shallow) throws Exception {
        Path clone = dir.resolve("clone");
        List<String> args = new ArrayList<>(List.of("clone", "-q", "--no-local", "-b", branch));
        if (shallow) {
            args.addAll(List.of("--depth", "1"));
        }
        args.addAll(List.of("file://" + origin, clone.toString()));
        git(dir, args.toArray(String[]::new));
        if (!shallow) {
            git(clone, "fetch", "-q", "origin", "main:refs/remotes/origin/main");
        }
        return clone;
    }
}
