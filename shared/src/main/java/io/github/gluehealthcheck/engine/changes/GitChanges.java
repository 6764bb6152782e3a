package io.github.gluehealthcheck.engine.changes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks git, in the workspace, what a pull request changed: the merge base of the target branch and HEAD, then the
 * files that differ between it and the working tree (committed, uncommitted and untracked, so a script not committed
 * yet still counts as changed). git runs as a process with its arguments as a list: no shell, nothing interpreted.
 *
 * <p>The target branch is looked up as {@code refs/remotes/origin/<branch>} first, then {@code refs/heads/<branch>}:
 * Drone's pull-request clone fetches the target branch, checks it out under its own name and merges the pull request
 * into it (drone/drone-git {@code posix/clone-pull-request}), so there only the remote-tracking branch still points at
 * the target's tip; Jenkins' multibranch and Woodpecker's clones have {@code origin/<branch>} when they fetch it.
 */
public final class GitChanges implements ChangeSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path workspace;
    private final String git;

    /** Runs {@code git} from the PATH in {@code workspace}. */
    public GitChanges(Path workspace) {
        this(workspace, "git");
    }

    /** Runs the given git executable (a test gives one that does not exist). */
    public GitChanges(Path workspace, String git) {
        this.workspace = workspace;
        this.git = git;
    }

    @Override
    public Changes changedSince(String targetBranch) {
        try {
            return compare(targetBranch);
        } catch (GitMissing e) {
            return Changes.unknown("git is not installed where the check runs (" + e.getMessage() + "); "
                    + "use an image or agent with git");
        } catch (GitTimeout e) {
            return Changes.unknown("git did not answer within " + TIMEOUT.toSeconds() + " s (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            return Changes.unknown("git could not be run: " + e.getCause().getMessage());
        }
    }

    private Changes compare(String target) {
        Result inside = run("rev-parse", "--is-inside-work-tree");
        if (inside.exit() != 0 || !inside.text().equals("true")) {
            return notACheckout(workspace, inside.errorLine().map(l -> "git: " + l).orElse(null));
        }
        String ref = null;
        String sha = null;
        for (String candidate : targetRefs(target)) {
            Result r = run("rev-parse", "--verify", "--quiet", candidate + "^{commit}");
            if (r.exit() == 0 && !r.text().isEmpty()) {
                ref = shortName(candidate);
                sha = r.text();
                break;
            }
        }
        if (sha == null) {
            return targetNotInClone(target);
        }
        Result base = run("merge-base", sha, "HEAD");
        if (base.exit() != 0 || base.text().isEmpty()) {
            return noMergeBase(ref, run("rev-parse", "--is-shallow-repository").text().equals("true"));
        }
        String mergeBase = base.text();
        Set<String> files = new LinkedHashSet<>();
        // Against the working tree, renames as a deletion and an addition: both names count as changed.
        Result diff = run("diff", "--name-only", "--no-renames", "-z", "--relative", mergeBase);
        Result untracked = run("ls-files", "--others", "--exclude-standard", "-z");
        if (diff.exit() != 0 || untracked.exit() != 0) {
            return Changes.unknown("git diff failed" + diff.errorLine().or(untracked::errorLine)
                    .map(l -> " (git: " + l + ")").orElse(""));
        }
        files.addAll(split(diff.output()));
        files.addAll(split(untracked.output()));
        return Changes.known(files, comparedWith(mergeBase, ref));
    }

    /** The candidate refs of the target branch, the first that exists naming it: origin's, then a local branch. */
    public static List<String> targetRefs(String target) {
        return List.of("refs/remotes/origin/" + target, "refs/heads/" + target);
    }

    /** A candidate of {@link #targetRefs} as the messages name it: {@code origin/main} or {@code main}. */
    public static String shortName(String ref) {
        return ref.replaceFirst("^refs/(remotes|heads)/", "");
    }

    /** What the workspace was compared with, in words: "merge base 1a2b3c4d5e6f of origin/main and HEAD". */
    public static String comparedWith(String mergeBase, String ref) {
        return "merge base " + mergeBase.substring(0, Math.min(12, mergeBase.length())) + " of " + ref + " and HEAD";
    }

    /** The workspace is in no git checkout ({@code detail}: what the reader said, or null). */
    public static Changes notACheckout(Path workspace, String detail) {
        return Changes.unknown("the workspace " + workspace + " is not a git checkout"
                + (detail == null ? "" : " (" + detail + ")") + "; clone the repository into it");
    }

    /** Neither candidate ref of {@code target} is in the clone, with the fetch that brings it. */
    public static Changes targetNotInClone(String target) {
        return Changes.unknown("the target branch '" + target + "' is not in the clone (neither origin/" + target
                + " nor " + target + "); fetch it, e.g. git fetch origin " + target + ":refs/remotes/origin/" + target);
    }

    /** HEAD and {@code ref} have no merge base: in a shallow clone, too little history, said with the fix. */
    public static Changes noMergeBase(String ref, boolean shallow) {
        return Changes.unknown(shallow
                ? "the clone is too shallow to find where HEAD and " + ref + " part (no merge base in its history); "
                        + "clone with more history (Drone: clone: depth: 0, or a depth larger than the pull "
                        + "request's commits; git fetch --unshallow)"
                : "HEAD and " + ref + " have no commit in common (no merge base)");
    }

    private static List<String> split(String zeroSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : zeroSeparated.split("\0")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(git);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workspace.toFile());
        // Never ask for credentials or a pager, and take no lock a concurrent git in the workspace would trip on.
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
        pb.environment().put("GIT_PAGER", "cat");
        pb.environment().put("LC_ALL", "C");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new GitMissing(git + ": " + e.getMessage().replaceFirst("^Cannot run program \"[^\"]*\"[^:]*: ", ""));
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GitTimeout("git " + args[0]);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitTimeout("interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private record Result(int exit, String output, String error) {
        String text() {
            return output.trim();
        }

        java.util.Optional<String> errorLine() {
            return error.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
                    .map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l);
        }
    }

    private static final class GitMissing extends RuntimeException {
        GitMissing(String message) {
            super(message, null, false, false);
        }
    }

    private static final class GitTimeout extends RuntimeException {
        GitTimeout(String message) {
            super(message, null, false, false);
        }
    }
}
