package io.github.gluehealthcheck.engine.spec;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which build a health check belongs to. It names the temporary job, tags it with its owner, and lets a
 * sweeper find what a killed build left behind. Adapters fill it from their CI (Drone, Woodpecker, Harness,
 * Jenkins) or from git and flags. Serializable, so a durable plan keeps the build it belongs to; it holds no secret.
 */
public final class CiContext implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.\\-]+(/[A-Za-z0-9_.\\-]+)*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,12}");
    private static final Pattern BUILD = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
    /** A git branch name as CIs give it (what git check-ref-format allows, less the rare characters). */
    private static final Pattern BRANCH = Pattern.compile("(?!-)(?!.*\\.\\.)(?!.*//)[A-Za-z0-9._/+@\\-]{1,255}(?<![./])");

    private final String provider;
    private final String repo;
    private final String branch;
    private final String pullRequest;
    private final String buildNumber;
    private final String buildUrl;
    private final String commit;
    private final String targetBranch;

    private CiContext(Builder b) {
        this.provider = b.provider == null ? "local" : b.provider;
        this.repo = b.repo;
        this.branch = b.branch;
        this.pullRequest = b.pullRequest;
        this.buildNumber = b.buildNumber;
        this.buildUrl = b.buildUrl;
        this.commit = b.commit;
        this.targetBranch = b.targetBranch;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().provider(provider).repo(repo).branch(branch).pullRequest(pullRequest)
                .buildNumber(buildNumber).buildUrl(buildUrl).commit(commit).targetBranch(targetBranch);
    }

    /** {@code drone}, {@code woodpecker}, {@code harness}, {@code jenkins}, or {@code local}. */
    public String provider() {
        return provider;
    }

    /** {@code owner/name}: the owner of every job this build creates. */
    public String repo() {
        return repo;
    }

    public Optional<String> branch() {
        return Optional.ofNullable(branch);
    }

    /** The pull request number, when the build is for one. */
    public Optional<String> pullRequest() {
        return Optional.ofNullable(pullRequest);
    }

    public Optional<String> buildNumber() {
        return Optional.ofNullable(buildNumber);
    }

    public Optional<String> buildUrl() {
        return Optional.ofNullable(buildUrl);
    }

    public Optional<String> commit() {
        return Optional.ofNullable(commit);
    }

    /** The branch a pull request goes into, when the CI says (or the settings); {@code changed_only} diffs against it. */
    public Optional<String> targetBranch() {
        return Optional.ofNullable(targetBranch);
    }

    /** The repository's name without its owner, e.g. {@code etl} for {@code data/etl}. */
    public String repoName() {
        return repo.substring(repo.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return provider + " " + repo + pullRequest().map(p -> " PR " + p).orElse("")
                + buildNumber().map(b -> " build " + b).orElse("");
    }

    /** Builds a context; blank values count as absent. */
    public static final class Builder {
        private String provider;
        private String repo;
        private String branch;
        private String pullRequest;
        private String buildNumber;
        private String buildUrl;
        private String commit;
        private String targetBranch;

        private Builder() {
        }

        public Builder provider(String provider) {
            this.provider = blankToNull(provider);
            return this;
        }

        public Builder repo(String repo) {
            this.repo = blankToNull(repo);
            return this;
        }

        public Builder branch(String branch) {
            this.branch = blankToNull(branch);
            return this;
        }

        public Builder pullRequest(String pullRequest) {
            this.pullRequest = blankToNull(pullRequest);
            return this;
        }

        public Builder buildNumber(String buildNumber) {
            this.buildNumber = blankToNull(buildNumber);
            return this;
        }

        public Builder buildUrl(String buildUrl) {
            this.buildUrl = blankToNull(buildUrl);
            return this;
        }

        public Builder commit(String commit) {
            this.commit = blankToNull(commit);
            return this;
        }

        public Builder targetBranch(String targetBranch) {
            this.targetBranch = blankToNull(targetBranch);
            return this;
        }

        public List<Problem> problems() {
            List<Problem> problems = new ArrayList<>();
            if (repo == null) {
                problems.add(Problem.of(Setting.REPO.key(), "is unknown: set repo (owner/name), or run in a CI or a git checkout"));
            } else if (repo.length() > 200 || !REPO.matcher(repo).matches()) {
                problems.add(Problem.of(Setting.REPO.key(), "'" + repo + "' is not a repository name like owner/name"));
            }
            if (pullRequest != null && !NUMBER.matcher(pullRequest).matches()) {
                problems.add(Problem.of(Setting.PULL_REQUEST.key(), "'" + pullRequest + "' is not a pull request number"));
            }
            if (buildNumber != null && !BUILD.matcher(buildNumber).matches()) {
                problems.add(Problem.of(Setting.BUILD_NUMBER.key(), "'" + buildNumber
                        + "' is not a build number (1-64 letters, digits, '.', '_' or '-')"));
            }
            if (commit != null && !COMMIT.matcher(commit).matches()) {
                problems.add(Problem.of(Setting.COMMIT.key(), "'" + commit + "' is not a commit SHA"));
            }
            if (targetBranch != null && !BRANCH.matcher(targetBranch).matches()) {
                problems.add(Problem.of(Setting.TARGET_BRANCH.key(), "'" + targetBranch
                        + "' is not a branch name (letters, digits, '.', '_', '-', '/', '+', '@'; not starting with '-')"));
            }
            if (buildUrl != null && !(buildUrl.startsWith("http://") || buildUrl.startsWith("https://"))) {
                problems.add(Problem.of(Setting.BUILD_URL.key(), "'" + buildUrl + "' is not an http(s) URL"));
            }
            return problems;
        }

        public CiContext build() {
            List<Problem> problems = problems();
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            return new CiContext(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
