package io.github.gluehealthcheck.engine.glue;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of temporary jobs: {@code <prefix>-<job>-<repo>-pr<N>-b<build>-<check id>}, sanitized to letters, digits,
 * '-' and '_', at most 255 characters. The check id makes two runs of the same build (a retry, a second step)
 * distinct, so neither can delete the other's job.
 */
public final class JobNames {
    public static final int MAX_LENGTH = 255;
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobNames() {
    }

    /** A fresh check id: 8 hex characters. */
    public static String newCheckId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The temporary job's name. */
    public static String jobName(String prefix, String baseName, CiContext context, String checkId) {
        StringBuilder tail = new StringBuilder();
        context.pullRequest().ifPresent(pr -> tail.append("-pr").append(sanitize(pr)));
        context.buildNumber().ifPresent(b -> tail.append("-b").append(sanitize(b)));
        tail.append('-').append(checkId);
        String job = sanitize(baseName);
        String repo = sanitize(context.repoName());
        // Shorten job and repo parts, never the prefix (IAM policies match it) nor the tail (it makes the name unique).
        int room = MAX_LENGTH - prefix.length() - tail.length() - 2;
        if (job.length() + repo.length() > room) {
            int jobRoom = Math.max(room / 2, room - repo.length());
            job = job.substring(0, Math.min(job.length(), jobRoom));
            repo = repo.substring(0, Math.min(repo.length(), room - job.length()));
        }
        String name = prefix + "-" + job + "-" + repo + tail;
        return name.replaceAll("-{2,}", "-");
    }

    /** Keeps letters, digits, '-' and '_'; anything else becomes '-'. */
    static String sanitize(String text) {
        String s = text.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }
}
