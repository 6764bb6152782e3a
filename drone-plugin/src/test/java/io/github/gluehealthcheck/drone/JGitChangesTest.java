package io.github.gluehealthcheck.drone;

import static io.github.gluehealthcheck.engine.changes.GitRepos.commit;
import static io.github.gluehealthcheck.engine.changes.GitRepos.git;
import static io.github.gluehealthcheck.engine.changes.GitRepos.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.changes.Changes;
import io.github.gluehealthcheck.engine.changes.GitChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * JGit's reading of a checkout (what the plugin image, which has no git, uses) held to the git CLI's: every repository
 * here is made by the git CLI, as CI clones make them (Drone's pull-request clone step by step, shallow clones, a
 * worktree, a workspace below the root), and both readers are asked the same question. git is the reference: JGit must
 * give the same files, the same merge base and the same reason when it cannot tell; each case also says what the
 * answer is, so the two cannot agree on a wrong one.
 */
class JGitChangesTest {
    @TempDir
    Path dir;
    Path origin;

    /** A case: made in {@code dir} from {@code origin}, asked about {@code target} in the workspace it returns. */
    interface Scenario {
        Path make(Path dir, Path origin) throws Exception;
    }

    /** main: jobs/a.py, jobs/b.py, lib/common.py, a .gitignore (*.log, build/) and a tracked build/kept.py. */
    @BeforeEach
    void repository() throws Exception {
        origin = Files.createDirectories(dir.resolve("origin"));
        git(origin, "init", "-q", "-b", "main");
        write(origin, "jobs/a.py", "print('a')\n");
        write(origin, "jobs/b.py", "print('b')\n");
        write(origin, "lib/common.py", "X = 1\n");
        write(origin, ".gitignore", "*.log\nbuild/\n");
        write(origin, "build/kept.py", "print('tracked although ignored')\n");
        git(origin, "add", "-A");
        git(origin, "add", "-f", "build/kept.py");
        git(origin, "commit", "-q", "-m", "first");
        git(origin, "checkout", "-q", "-b", "feature");
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                known("the branch's changes, not the target's later commits", (d, o) -> {
                    write(o, "jobs/a.py", "print('a2')\n");
                    commit(o, "a");
                    mainMovesOn(o);
                    return clone(d, o, "feature", null);
                }, "jobs/a.py"),
                known("a rename (both names), a deletion, a name with a space and non-ASCII letters", (d, o) -> {
                    git(o, "mv", "lib/common.py", "lib/shared.py");
                    git(o, "rm", "-q", "jobs/b.py");
                    write(o, "jobs/naïve report.py", "print('n')\n");
                    commit(o, "rename, delete, add");
                    return clone(d, o, "feature", null);
                }, "lib/common.py", "lib/shared.py", "jobs/b.py", "jobs/naïve report.py"),
                known("uncommitted, staged, deleted and untracked files; ignored ones not, a tracked one under an "
                        + "ignored directory yes", (d, o) -> {
                    Path ws = clone(d, o, "feature", null);
                    write(ws, "jobs/a.py", "print('edited')\n");
                    write(ws, "lib/common.py", "X = 'staged'\n");
                    git(ws, "add", "lib/common.py");
                    Files.delete(ws.resolve("jobs/b.py"));
                    write(ws, "jobs/new.py", "print('new')\n");
                    write(ws, "run.log", "ignored\n");
                    write(ws, "build/out/generated.py", "ignored\n");
                    write(ws, "build/kept.py", "print('tracked, edited')\n");
                    return ws;
                }, "jobs/a.py", "lib/common.py", "jobs/b.py", "jobs/new.py", "build/kept.py"),
                known("a file made executable", (d, o) -> {
                    Files.setPosixFilePermissions(o.resolve("jobs/a.py"), PosixFilePermissions.fromString("rwxr-xr-x"));
                    commit(o, "chmod");
                    return clone(d, o, "feature", null);
                }, "jobs/a.py"),
                known("the target as a local branch when there is no origin/<target>", (d, o) -> {
                    write(o, "lib/common.py", "X = 2\n");
                    commit(o, "lib");
                    return o;
                }, "lib/common.py"),
                known("a workspace below the repository root: its own files, relative to itself", (d, o) -> {
                    write(o, "jobs/a.py", "print('a3')\n");
                    write(o, "lib/common.py", "X = 3\n");
                    commit(o, "both");
                    return o.resolve("jobs");
                }, "a.py"),
                known("Drone's pull-request clone: the target fetched and checked out, the pull request merged",
                        (d, o) -> {
                    write(o, "jobs/a.py", "print('pr')\n");
                    commit(o, "pr");
                    git(o, "update-ref", "refs/pull/9/head", "feature");
                    mainMovesOn(o);
                    // drone/drone-git posix/clone-pull-request (39d233b): init, remote add,
                    // fetch +refs/heads/<target>:, checkout <target>, fetch <pr ref>:, merge <sha>.
                    Path ws = Files.createDirectories(d.resolve("drone-src"));
                    git(ws, "init", "-q");
                    git(ws, "remote", "add", "origin", "file://" + o);
                    git(ws, "fetch", "-q", "origin", "+refs/heads/main:");
                    git(ws, "checkout", "-q", "main");
                    git(ws, "fetch", "-q", "origin", "refs/pull/9/head:");
                    git(ws, "merge", "-q", "--no-edit", sha(o, "feature"));
                    return ws;
                }, "jobs/a.py"),
                known("a shallow clone deep enough to hold the merge base", (d, o) -> {
                    for (int i = 0; i < 3; i++) {
                        write(o, "jobs/b.py", "print(" + i + ")\n");
                        commit(o, "b " + i);
                    }
                    mainMovesOn(o);
                    return clone(d, o, "feature", 10);
                }, "jobs/b.py"),
                known("a linked worktree (.git is a file)", (d, o) -> {
                    write(o, "lib/common.py", "X = 4\n");
                    commit(o, "lib");
                    Path clone = clone(d, o, "main", null);
                    Path wt = d.resolve("worktree");
                    git(clone, "worktree", "add", "-q", wt.toString(), "origin/feature");
                    write(wt, "jobs/wt.py", "print('only here')\n");
                    return wt;
                }, "lib/common.py", "jobs/wt.py"),
                unknown("a clone too shallow for the merge base", (d, o) -> {
                    for (int i = 0; i < 3; i++) {
                        write(o, "jobs/a.py", "print(" + i + ")\n");
                        commit(o, "a " + i);
                    }
                    mainMovesOn(o);
                    return clone(d, o, "feature", 1);
                }, "main", "the clone is too shallow to find where HEAD and origin/main part"),
                unknown("a target branch not in the clone", (d, o) -> o, "release/2",
                        "the target branch 'release/2' is not in the clone"),
                unknown("a target that looks like an option", (d, o) -> o, "--output=/tmp/x",
                        "the target branch '--output=/tmp/x' is not in the clone"),
                unknown("a target that is no valid branch name", (d, o) -> o, "main..feature",
                        "the target branch 'main..feature' is not in the clone"),
                unknown("unrelated histories", (d, o) -> {
                    git(o, "checkout", "-q", "--orphan", "other");
                    commit(o, "unrelated");
                    return o;
                }, "main", "HEAD and main have no commit in common"),
                unknown("a directory that is no checkout", (d, o) -> Files.createDirectories(d.resolve("plain")),
                        "main", "the workspace "),
                unknown("a bare repository", (d, o) -> {
                    git(d, "clone", "-q", "--bare", "file://" + o, d.resolve("bare.git").toString());
                    return d.resolve("bare.git");
                }, "main", "the workspace "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void jgitAnswersAsGitDoes(Scenario scenario, String target, Consumer<Changes> expected) throws Exception {
        Path workspace = scenario.make(dir, origin);

        Changes git = new GitChanges(workspace).changedSince(target);
        Changes jgit = new JGitChanges(workspace).changedSince(target);

        expected.accept(git);
        assertThat(withoutReaderDetail(jgit)).as("JGit's answer, against git's %s", git)
                .isEqualTo(withoutReaderDetail(git));
    }

    @Test
    void aRepositoryWithAnExtensionJGitDoesNotKnowIsSaidAndEveryJobChecked() throws Exception {
        Path ws = clone(dir, origin, "feature", null);
        // What a repository of a newer git could carry; git refuses extensions it does not know too.
        git(ws, "config", "core.repositoryformatversion", "1");
        git(ws, "config", "extensions.futureFormat", "true");

        Changes jgit = new JGitChanges(ws).changedSince("main");

        assertThat(jgit.unknown()).isEqualTo("the git checkout uses the repository extension futureFormat = true, "
                + "which the reader used where no git is installed (JGit) does not know; "
                + "use an image or agent with git");
        assertThat(new GitChanges(ws).changedSince("main").unknown()).as("git refuses it as well")
                .contains("unknown repository extension");
        git(ws, "config", "--file", ".git/config", "--unset", "extensions.futureFormat");
        assertThat(new JGitChanges(ws).changedSince("main").isKnown()).as("without it, read").isTrue();
    }

    /**
     * Woodpecker's plugin-git clones with --filter=tree:0 by default (its partial setting): the history's trees are
     * left out, to be fetched by git when needed. JGit cannot fetch them: the merge base's tree is missing.
     */
    @Test
    void aPartialCloneIsSaidWithHowToCloneInsteadAndEveryJobChecked() throws Exception {
        write(origin, "jobs/a.py", "print('a2')\n");
        commit(origin, "a");
        mainMovesOn(origin);
        git(origin, "config", "uploadpack.allowFilter", "true");
        Path ws = dir.resolve("partial");
        git(dir, "clone", "-q", "--no-local", "--filter=tree:0", "-b", "feature", "file://" + origin, ws.toString());
        git(ws, "fetch", "-q", "origin", "+main:refs/remotes/origin/main");

        Changes jgit = new JGitChanges(ws).changedSince("main");

        assertThat(jgit.unknown()).startsWith("the checkout is a partial clone (a promisor remote)")
                .contains("partial: false").doesNotContain("\n");
        assertThat(new GitChanges(ws).changedSince("main").files()).as("git fetches what it needs")
                .containsExactly("jobs/a.py");
    }

    @Test
    void theCliAsksGitWhenThereIsOneAndJGitWhenNot() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path git = Files.writeString(bin.resolve("git"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThat(JGitChanges.forWorkspace(origin, Map.of("PATH", "/nowhere:" + bin))).isInstanceOf(GitChanges.class);
        assertThat(JGitChanges.forWorkspace(origin, Map.of("PATH", "/nowhere:" + dir))).isInstanceOf(JGitChanges.class);
        assertThat(JGitChanges.forWorkspace(origin, Map.of())).isInstanceOf(JGitChanges.class);
        Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(JGitChanges.forWorkspace(origin, Map.of("PATH", bin.toString()))).as("not executable")
                .isInstanceOf(JGitChanges.class);
    }

    @Test
    void readingLeavesTheCheckoutAsItWas() throws Exception {
        Path ws = clone(dir, origin, "feature", null);
        write(ws, "jobs/a.py", "print('edited')\n");
        byte[] index = Files.readAllBytes(ws.resolve(".git/index"));
        List<Path> before;
        try (Stream<Path> files = Files.walk(ws.resolve(".git"))) {
            before = files.sorted().toList();
        }

        assertThat(new JGitChanges(ws).changedSince("main").files()).containsExactly("jobs/a.py");

        try (Stream<Path> files = Files.walk(ws.resolve(".git"))) {
            assertThat(files.sorted().toList()).isEqualTo(before);
        }
        assertThat(Files.readAllBytes(ws.resolve(".git/index"))).isEqualTo(index);
    }

    private static Arguments known(String name, Scenario scenario, String... files) {
        return Arguments.of(Named.of(name, scenario), "main", (Consumer<Changes>) c -> {
            assertThat(c.unknown()).as("git's answer").isNull();
            assertThat(c.files()).as("git's answer").isEqualTo(Set.of(files));
        });
    }

    private static Arguments unknown(String name, Scenario scenario, String target, String start) {
        return Arguments.of(Named.of(name, scenario), target, (Consumer<Changes>) c ->
                assertThat(c.unknown()).as("git's answer").startsWith(start));
    }

    /** The words a reader adds about itself ("(git: fatal: ...)") are its own; the rest must match. */
    private static Changes withoutReaderDetail(Changes c) {
        return c.isKnown() ? c : Changes.unknown(c.unknown().replaceAll(" \\((git|JGit): .*?\\)(?=;|$)", ""));
    }

    private static void mainMovesOn(Path origin) throws Exception {
        git(origin, "checkout", "-q", "main");
        write(origin, "lib/common.py", "X = 'main moved on'\n");
        commit(origin, "main moves on");
        git(origin, "checkout", "-q", "feature");
    }

    /** A clone of {@code branch} ({@code depth} null: full) with origin/main fetched at the same depth. */
    private static Path clone(Path dir, Path origin, String branch, Integer depth) throws Exception {
        Path clone = dir.resolve("clone-" + branch + "-" + depth);
        String[] shallow = depth == null ? new String[0] : new String[] {"--depth", depth.toString()};
        git(dir, Stream.of(new String[] {"clone", "-q", "--no-local", "-b", branch}, shallow,
                new String[] {"file://" + origin, clone.toString()}).flatMap(Stream::of).toArray(String[]::new));
        git(clone, Stream.of(new String[] {"fetch", "-q"}, shallow,
                new String[] {"origin", "+main:refs/remotes/origin/main"}).flatMap(Stream::of).toArray(String[]::new));
        return clone;
    }

    private static String sha(Path repo, String rev) throws Exception {
        Process p = new ProcessBuilder("git", "rev-parse", rev).directory(repo.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        return out;
    }
}
