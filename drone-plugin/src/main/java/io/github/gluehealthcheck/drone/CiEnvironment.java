package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which CI runs us and which build this is, from the environment: Drone ({@code DRONE_*}), Harness CI (Drone's
 * variables plus {@code HARNESS_*}), Woodpecker ({@code CI_*}), or else a terminal, where the git checkout says
 * what it can (and flags such as {@code --pull-request} say the rest). Settings of the context kind override
 * what is detected here; the engine applies them.
 */
final class CiEnvironment {
    private final String provider;
    private final String variables;
    private final String repo;
    private final String branch;
    private final String pullRequest;
    private final String buildNumber;
    private final String buildUrl;
    private final String commit;
    private final boolean pullRequestEvent;
    private final String workspace;
    private final String repoVariable;
    private final String targetBranch;

    private CiEnvironment(String provider, String variables, String repo, String branch, String pullRequest,
            String buildNumber, String buildUrl, String commit, boolean pullRequestEvent, String workspace) {
        this(provider, variables, repo, branch, pullRequest, buildNumber, buildUrl, commit, pullRequestEvent, workspace,
                null, null);
    }

    private CiEnvironment(String provider, String variables, String repo, String branch, String pullRequest,
            String buildNumber, String buildUrl, String commit, boolean pullRequestEvent, String workspace,
            String repoVariable, String targetBranch) {
        this.repoVariable = repoVariable;
        this.targetBranch = targetBranch;
        this.provider = provider;
        this.variables = variables;
        this.repo = repo;
        this.branch = branch;
        this.pullRequest = pullRequest;
        this.buildNumber = buildNumber;
        this.buildUrl = buildUrl;
        this.commit = commit;
        this.pullRequestEvent = pullRequestEvent;
        this.workspace = workspace;
    }

    /**
     * Detects the CI and the build.
     *
     * @param env       the process environment
     * @param directory where to look for a git checkout when no CI is detected
     */
    static CiEnvironment detect(Map<String, String> env, Path directory) {
        boolean woodpecker = "woodpecker".equalsIgnoreCase(get(env, "CI")) || "woodpecker".equalsIgnoreCase(get(env, "CI_SYSTEM_NAME"));
        boolean harness = !woodpecker && env.keySet().stream().anyMatch(k -> k.startsWith("HARNESS_"));
        boolean drone = !woodpecker && (harness || get(env, "DRONE_REPO") != null
                || get(env, "DRONE_BUILD_NUMBER") != null || "true".equals(get(env, "DRONE")));
        if (drone) {
            String event = get(env, "DRONE_BUILD_EVENT");
            String pr = get(env, "DRONE_PULL_REQUEST");
            boolean prEvent = "pull_request".equals(event) || pr != null;
            String repo;
            String repoVariable;
            if (harness) {
                // Harness's DRONE_REPO can be <commit author>/<name>, and is unset without a codebase; the codebase's
                // URLs name the repository itself (developer-hub docs/continuous-integration/troubleshoot-ci/ci-env-var.md).
                repoVariable = get(env, "DRONE_REPO_LINK") != null ? "DRONE_REPO_LINK"
                        : get(env, "DRONE_GIT_HTTP_URL") != null ? "DRONE_GIT_HTTP_URL" : null;
                repo = repoVariable == null ? null : GitCheckout.repoFromUrl(get(env, repoVariable));
            } else {
                repo = first(get(env, "DRONE_REPO"), ownerName(get(env, "DRONE_REPO_OWNER"), get(env, "DRONE_REPO_NAME")));
                repoVariable = "DRONE_REPO";
            }
            // The branch a pull request goes into (Drone's environment reference, and Harness's ci-env-var page, list
            // DRONE_TARGET_BRANCH); what changed_only diffs against.
            return new CiEnvironment(harness ? "harness" : "drone", "DRONE_*", repo,
                    prEvent ? first(get(env, "DRONE_SOURCE_BRANCH"), get(env, "DRONE_BRANCH")) : get(env, "DRONE_BRANCH"),
                    pr, get(env, "DRONE_BUILD_NUMBER"), get(env, "DRONE_BUILD_LINK"),
                    first(get(env, "DRONE_COMMIT_SHA"), get(env, "DRONE_COMMIT")), prEvent,
                    get(env, "DRONE_WORKSPACE"), repoVariable, prEvent ? get(env, "DRONE_TARGET_BRANCH") : null);
        }
        if (woodpecker || get(env, "CI_REPO") != null) {
            String event = first(get(env, "CI_PIPELINE_EVENT"), get(env, "CI_BUILD_EVENT"));
            String pr = get(env, "CI_COMMIT_PULL_REQUEST");
            boolean prEvent = "pull_request".equals(event) || pr != null;
            return new CiEnvironment("woodpecker", "CI_*",
                    first(get(env, "CI_REPO"), ownerName(get(env, "CI_REPO_OWNER"), get(env, "CI_REPO_NAME"))),
                    prEvent ? first(get(env, "CI_COMMIT_SOURCE_BRANCH"), get(env, "CI_COMMIT_BRANCH")) : get(env, "CI_COMMIT_BRANCH"),
                    pr, first(get(env, "CI_PIPELINE_NUMBER"), get(env, "CI_BUILD_NUMBER")),
                    first(get(env, "CI_PIPELINE_URL"), get(env, "CI_BUILD_LINK")), get(env, "CI_COMMIT_SHA"), prEvent,
                    get(env, "CI_WORKSPACE"), null,
                    // Set on pull_request events only (woodpecker-ci.org/docs/usage/environment).
                    prEvent ? get(env, "CI_COMMIT_TARGET_BRANCH") : null);
        }
        GitCheckout git = GitCheckout.find(directory).orElse(null);
        if (git == null) {
            return new CiEnvironment("local", "nothing", null, null, null, null, null, null, false, null);
        }
        return new CiEnvironment("local", "the git checkout", git.repo(), git.branch(), null, null, null, git.commit(),
                false, null);
    }

    /** A fresh context builder with what was detected (the engine adds the settings to it). */
    CiContext.Builder context() {
        return CiContext.builder().provider(provider).repo(repo).branch(branch).pullRequest(pullRequest)
                .buildNumber(buildNumber).buildUrl(buildUrl).commit(commit).targetBranch(targetBranch);
    }

    /** {@code drone}, {@code harness}, {@code woodpecker} or {@code local}. */
    String provider() {
        return provider;
    }

    /** True when a CI runs us (not a terminal). */
    boolean inCi() {
        return !provider.equals("local");
    }

    /** Where the context came from, in words: {@code DRONE_*}, {@code CI_*}, the git checkout, nothing. */
    String detectedFrom() {
        return variables;
    }

    /** True when the build is for a pull request: CIs hide secrets from those by default. */
    boolean pullRequestBuild() {
        return pullRequestEvent;
    }

    /** The repository detected, if any. */
    Optional<String> repo() {
        return Optional.ofNullable(repo);
    }

    /** The variable the workspace came from: {@code DRONE_WORKSPACE} or {@code CI_WORKSPACE}. */
    String workspaceVariable() {
        return provider.equals("woodpecker") ? "CI_WORKSPACE" : "DRONE_WORKSPACE";
    }

    /** The variable the repository came from ({@code DRONE_REPO_LINK} on Harness, ...), or null. */
    String repoVariable() {
        return repoVariable;
    }

    /** The workspace the CI names ({@code DRONE_WORKSPACE}, {@code CI_WORKSPACE}), if any. */
    Optional<String> workspace() {
        return Optional.ofNullable(workspace);
    }

    private static String get(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static String ownerName(String owner, String name) {
        return owner != null && name != null ? owner + "/" + name : null;
    }
}
