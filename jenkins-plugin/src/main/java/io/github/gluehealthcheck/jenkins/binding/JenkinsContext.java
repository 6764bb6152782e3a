package io.github.gluehealthcheck.jenkins.binding;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which build a step belongs to, read from the step's environment ({@code EnvVars}): the variables Jenkins, Pipeline
 * multibranch and the Git plugin set. Settings of the context kind ({@code repo}, {@code pullRequest}, ...) given to
 * the step override what is detected here.
 *
 * <ul>
 * <li>repo: {@code GIT_URL} (its path, without {@code .git}), else {@code CHANGE_URL} of a pull request, else the
 *     job's full name ({@code JOB_NAME}; for a multibranch job without its branch segment)</li>
 * <li>branch: {@code CHANGE_BRANCH} (a pull request's source branch), else {@code BRANCH_NAME}, else
 *     {@code GIT_BRANCH} without its remote</li>
 * <li>pull request: {@code CHANGE_ID} when it is a number</li>
 * <li>build number, build URL, commit: {@code BUILD_NUMBER}, {@code BUILD_URL}, {@code GIT_COMMIT}</li>
 * </ul>
 */
public final class JenkinsContext {
    private static final Pattern SCP_LIKE = Pattern.compile("[^@/]+@[^:/]+:(.+)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,12}");
    private static final Pattern PULL_PATH = Pattern.compile("(.+?)/(?:-/)?(?:pull|pulls|merge_requests|pull-requests)/\\d+.*");

    private JenkinsContext() {
    }

    /** The context detected from a step's environment; the builder is completed by the settings reader. */
    public static CiContext.Builder detect(Map<String, String> env) {
        CiContext.Builder b = CiContext.builder().provider("jenkins");
        repo(env).ifPresent(b::repo);
        String branch = first(env.get("CHANGE_BRANCH"), env.get("BRANCH_NAME"), withoutRemote(env.get("GIT_BRANCH")));
        b.branch(branch);
        String change = blankToNull(env.get("CHANGE_ID"));
        if (change != null && NUMBER.matcher(change).matches()) {
            b.pullRequest(change);
        }
        // The branch a change request goes into (branch-api's BranchNameContributor sets CHANGE_TARGET for pull
        // requests); what changedOnly would compare with.
        b.targetBranch(blankToNull(env.get("CHANGE_TARGET")));
        b.buildNumber(blankToNull(env.get("BUILD_NUMBER")));
        b.buildUrl(blankToNull(env.get("BUILD_URL")));
        b.commit(blankToNull(env.get("GIT_COMMIT")));
        return b;
    }

    /** The repository as {@code owner/name} (or {@code group/sub/name}), if any variable tells it. */
    static Optional<String> repo(Map<String, String> env) {
        Optional<String> fromGit = repoFromUrl(env.get("GIT_URL"));
        if (fromGit.isPresent()) {
            return fromGit;
        }
        String changeUrl = blankToNull(env.get("CHANGE_URL"));
        if (changeUrl != null) {
            Optional<String> path = repoFromUrl(changeUrl);
            if (path.isPresent()) {
                Matcher m = PULL_PATH.matcher(path.get());
                if (m.matches()) {
                    return Optional.of(m.group(1));
                }
            }
        }
        String job = blankToNull(env.get("JOB_NAME"));
        if (job == null) {
            return Optional.empty();
        }
        // A multibranch job is <folders>/<project>/<branch>: the branch is not part of the repository.
        if (blankToNull(env.get("BRANCH_NAME")) != null && job.contains("/")) {
            job = job.substring(0, job.lastIndexOf('/'));
        }
        return Optional.of(sanitize(job)).filter(s -> !s.isEmpty());
    }

    /** {@code https://host/owner/name.git}, {@code ssh://git@host:22/owner/name}, {@code git@host:owner/name.git}. */
    static Optional<String> repoFromUrl(String url) {
        String u = blankToNull(url);
        if (u == null) {
            return Optional.empty();
        }
        String path;
        Matcher scp = SCP_LIKE.matcher(u);
        if (!u.contains("://") && scp.matches()) {
            path = scp.group(1);
        } else {
            try {
                path = URI.create(u).getPath();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (path == null) {
            return Optional.empty();
        }
        path = path.replaceAll("^/+|/+$", "").replaceAll("\\.git$", "");
        String clean = sanitize(path);
        return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
    }

    /** Keeps what a repository name may contain; other characters (a job name's spaces) become '-'. */
    private static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9_./-]+", "-").replaceAll("/{2,}", "/").replaceAll("^[/-]+|[/-]+$", "");
    }

    private static String withoutRemote(String gitBranch) {
        String b = blankToNull(gitBranch);
        if (b == null) {
            return null;
        }
        return b.replaceFirst("^refs/remotes/[^/]+/", "").replaceFirst("^refs/heads/", "").replaceFirst("^origin/", "");
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.trim();
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
