package io.github.gluehealthcheck.drone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a git checkout says about the build when no CI does: the repository (from the {@code origin} remote), the
 * branch and the commit. Read from the files under {@code .git}, because the plugin image has no git; worktrees
 * and packed refs are understood.
 *
 * @param repo   {@code owner/name}, or null without a remote
 * @param branch the checked-out branch, or null when detached
 * @param commit the HEAD commit, or null in a repository without commits
 */
record GitCheckout(String repo, String branch, String commit) {
    private static final Pattern REMOTE = Pattern.compile("\\[remote \"([^\"]+)\"\\]");
    private static final Pattern URL = Pattern.compile("\\s*url\\s*=\\s*(\\S+)\\s*");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /** The checkout {@code dir} is in, if any. */
    static Optional<GitCheckout> find(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return Optional.of(read(dotGit));
                }
                if (Files.isRegularFile(dotGit)) {
                    String pointer = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (pointer.startsWith("gitdir:")) {
                        return Optional.of(read(d.resolve(pointer.substring("gitdir:".length()).trim()).normalize()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable checkout tells us nothing; the settings can still name the build.
        }
        return Optional.empty();
    }

    private static GitCheckout read(Path gitDir) throws IOException {
        Path commonDir = gitDir;
        Path common = gitDir.resolve("commondir");
        if (Files.isRegularFile(common)) {
            commonDir = gitDir.resolve(Files.readString(common, StandardCharsets.UTF_8).trim()).normalize();
        }
        String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).trim();
        String branch = null;
        String commit = null;
        if (head.startsWith("ref:")) {
            String ref = head.substring(4).trim();
            branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : null;
            commit = resolve(ref, gitDir, commonDir);
        } else if (SHA.matcher(head).matches()) {
            commit = head;
        }
        return new GitCheckout(repoOf(commonDir.resolve("config")), branch, commit);
    }

    private static String resolve(String ref, Path gitDir, Path commonDir) throws IOException {
        for (Path base : List.of(gitDir, commonDir)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String sha = Files.readString(loose, StandardCharsets.UTF_8).trim();
                return SHA.matcher(sha).matches() ? sha : null;
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                if (parts.length == 2 && parts[1].equals(ref) && SHA.matcher(parts[0]).matches()) {
                    return parts[0];
                }
            }
        }
        return null;
    }

    /** The {@code origin} remote's repository (else the first remote's), as {@code owner/name}. */
    private static String repoOf(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        String remote = null;
        String firstUrl = null;
        String originUrl = null;
        for (String line : Files.readAllLines(config, StandardCharsets.UTF_8)) {
            Matcher section = REMOTE.matcher(line.trim());
            if (section.matches()) {
                remote = section.group(1);
                continue;
            }
            if (line.trim().startsWith("[")) {
                remote = null;
                continue;
            }
            Matcher url = URL.matcher(line);
            if (remote != null && url.matches()) {
                firstUrl = firstUrl == null ? url.group(1) : firstUrl;
                originUrl = remote.equals("origin") ? url.group(1) : originUrl;
            }
        }
        return repoFromUrl(originUrl != null ? originUrl : firstUrl);
    }

    /**
     * {@code owner/name} from a remote URL: {@code git@host:owner/name.git}, {@code https://host/owner/name},
     * {@code ssh://git@host:22/owner/name.git} or a path.
     */
    static String repoFromUrl(String url) {
        if (url == null) {
            return null;
        }
        String path = url.replaceFirst("^[a-z+]+://[^/]+", "").replaceFirst("^[^/:@]+@[^:]+:", "");
        path = path.replaceAll("/+$", "").replaceFirst("\\.git$", "");
        String[] parts = path.split("[/:]");
        if (parts.length < 2 || parts[parts.length - 1].isEmpty() || parts[parts.length - 2].isEmpty()) {
            return null;
        }
        return parts[parts.length - 2] + "/" + parts[parts.length - 1];
    }
}
