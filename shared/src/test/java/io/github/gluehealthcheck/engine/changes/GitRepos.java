package io.github.gluehealthcheck.engine.changes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real git repositories for tests, made with the git CLI: an identity, no signing, main as the first branch and file://
 * clones allowed, whatever this machine's git configuration says. Shared by the engine's, the CLI's and the Jenkins
 * step's changed_only tests (the engine's test jar).
 */
public final class GitRepos {
    private GitRepos() {
    }

    /** Runs git with {@code args} in {@code where}; fails with git's output when git does. */
    public static void git(Path where, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + out);
        }
    }

    /** Writes {@code text} to {@code file} under {@code repo}, creating its directories. */
    public static void write(Path repo, String file, String text) throws IOException {
        Path f = repo.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    /** Adds everything and commits it. */
    public static void commit(Path repo, String message) throws IOException, InterruptedException {
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", message);
    }
}
