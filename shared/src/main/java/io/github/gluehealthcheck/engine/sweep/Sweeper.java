package io.github.gluehealthcheck.engine.sweep;

import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.aws.AwsClients;
import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.aws.Retrying;
import io.github.gluehealthcheck.engine.glue.GlueJobs;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.glue.RunStopper;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.staging.ScriptStager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * Deletes health-check jobs whose expiry has passed: what a killed build (SIGKILL, a lost agent) left behind.
 * A job is touched only when its name has our prefix, its tags carry our marker (and the repository, when the
 * sweep is limited to one) and its expiry tag is in the past. Active runs are stopped first. Its staged script is
 * deleted only when it lies where this configuration stages that repository's scripts.
 */
public final class Sweeper {
    private final AwsClients aws;
    private final EngineOptions options;

    /**
     * The AWS operations a sweep of {@code scope} may call: list, read tags, stop active runs and wait for them to
     * end, delete; and delete the staged script when the scope says so. The janitor's IAM policy is checked
     * against this set, so a new call here without a grant there fails the build.
     */
    public static Set<AwsOperation> operations(Scope scope) {
        Set<AwsOperation> operations = EnumSet.of(AwsOperation.GLUE_LIST_JOBS, AwsOperation.GLUE_GET_TAGS,
                AwsOperation.GLUE_GET_JOB_RUNS, AwsOperation.GLUE_BATCH_STOP_JOB_RUN, AwsOperation.GLUE_GET_JOB_RUN,
                AwsOperation.GLUE_DELETE_JOB);
        if (scope.deleteStagedScripts()) {
            operations.add(AwsOperation.S3_DELETE_OBJECT);
        }
        return operations;
    }

    public Sweeper(AwsClients aws, EngineOptions options) {
        this.aws = aws;
        this.options = options;
    }

    /**
     * What to sweep.
     *
     * @param namePrefix only jobs whose names start with {@code <namePrefix>-}
     * @param repo       only this repository's jobs, or null for all repositories
     * @param dryRun     report what would be deleted, delete nothing
     * @param deleteStagedScripts also delete a swept job's staged script (the janitor Lambda leaves them to the
     *                   bucket's lifecycle rule and has no S3 permission)
     * @param scriptsBuckets where this configuration stages scripts ({@code scripts_bucket}); a staged script is
     *                   deleted only when it lies there, under the swept job's own repository's part of the key.
     *                   None: every staged script is left to the bucket's lifecycle rule
     */
    public record Scope(String namePrefix, String repo, boolean dryRun, boolean deleteStagedScripts,
            List<S3Uri> scriptsBuckets) {
        public Scope {
            scriptsBuckets = scriptsBuckets == null ? List.of() : List.copyOf(scriptsBuckets);
        }

        public Scope(String namePrefix, String repo, boolean dryRun) {
            this(namePrefix, repo, dryRun, true, List.of());
        }

        public Scope(String namePrefix, String repo, boolean dryRun, boolean deleteStagedScripts) {
            this(namePrefix, repo, dryRun, deleteStagedScripts, List.of());
        }

        /** This scope, deleting staged scripts found under these {@code scripts_bucket} locations. */
        public Scope withScriptsBuckets(Collection<S3Uri> buckets) {
            return new Scope(namePrefix, repo, dryRun, deleteStagedScripts,
                    buckets.stream().filter(java.util.Objects::nonNull).distinct().toList());
        }
    }

    /**
     * Sweeps. Never throws for AWS failures: they are reported in the result.
     *
     * @param account the AWS account id, for job ARNs
     * @param notes   receives one line per action, for progress output
     */
    public SweepResult sweep(Scope scope, String account, Consumer<String> notes) {
        GlueJobs jobs = new GlueJobs(aws.glue(), aws.region(), account);
        Instant now = options.clock().instant();
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE);
        if (scope.repo() != null) {
            filter.put(OwnershipTags.REPO, OwnershipTags.tagValue(scope.repo()));
        }
        List<String> names = new ArrayList<>();
        try {
            // A listing met by a throttling burst or a 5xx is asked again (from its first page) within the step
            // budget: left to the next sweep, an orphan would wait for another build of the repository.
            names.addAll(new Retrying(options.clock(), options.retryBase(), options.retryCap(), Sweeper::sleep).call(
                    () -> aws.glue().listJobsPaginator(r -> r.tags(filter)).jobNames().stream()
                            .filter(n -> n.startsWith(scope.namePrefix() + "-")).toList(),
                    Retrying::isTransient, now.plus(options.stepRetryBudget()), () -> false,
                    (e, attempt, wait) -> notes.accept("listing the jobs failed (" + AwsFailure.of(e).message()
                            + "); retry " + attempt + " in " + wait.toMillis() + " ms")));
        } catch (RuntimeException e) {
            return new SweepResult(0, List.of(), "could not list jobs: " + AwsFailure.of(e).message());
        }
        List<SweptJob> swept = new ArrayList<>();
        int examined = 0;
        for (String name : names) {
            Map<String, String> tags;
            try {
                tags = jobs.tags(name);
            } catch (RuntimeException e) {
                swept.add(new SweptJob(name, null, null, SweptJob.Outcome.FAILED, "could not read its tags: "
                        + AwsFailure.of(e).message()));
                continue;
            }
            // ListJobs filtered by tag already, but the tags are read again: never trust a filter to protect a job.
            if (!OwnershipTags.isManaged(tags) || (scope.repo() != null && !OwnershipTags.isOwnedBy(tags, scope.repo()))) {
                continue;
            }
            examined++;
            Optional<Instant> expires = OwnershipTags.expiresAt(tags);
            if (expires.isEmpty() || expires.get().isAfter(now)) {
                continue;
            }
            String repo = tags.get(OwnershipTags.REPO);
            if (scope.dryRun()) {
                swept.add(new SweptJob(name, repo, expires.get(), SweptJob.Outcome.WOULD_DELETE, "expired " + expires.get()));
                notes.accept("would delete " + name + " (expired " + expires.get() + ")");
                continue;
            }
            SweptJob result = deleteExpired(jobs, name, repo, expires.get(), scope.deleteStagedScripts() ? tags : Map.of(),
                    scope.scriptsBuckets());
            swept.add(result);
            notes.accept(result.outcome() == SweptJob.Outcome.DELETED ? "deleted " + name + " (" + result.detail() + ")"
                    : "could not delete " + name + ": " + result.detail());
        }
        return new SweepResult(examined, swept, null);
    }

    private SweptJob deleteExpired(GlueJobs jobs, String name, String repo, Instant expires, Map<String, String> tags,
            List<S3Uri> scriptsBuckets) {
        List<String> done = new ArrayList<>();
        done.add("expired " + expires);
        try {
            RunStopper stopper = new RunStopper(jobs, options.clock(), d -> {
                try {
                    Thread.sleep(d.toMillis());
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            });
            for (JobRun run : jobs.activeRuns(name)) {
                RunStopper.Stopped stopped = stopper.stopAndWait(name, run.id(), options.cancelStopWait());
                done.add("stopped run " + run.id() + (stopped.ended() ? "" : " (still " + stopped.lastState() + ")"));
            }
            jobs.delete(name);
        } catch (RuntimeException e) {
            return new SweptJob(name, repo, expires, SweptJob.Outcome.FAILED, AwsFailure.of(e).message());
        }
        String staged = tags.get(OwnershipTags.STAGED_SCRIPT);
        if (staged != null) {
            S3Uri.parse(staged).value().ifPresent(uri -> {
                if (repo == null || scriptsBuckets.stream().noneMatch(b -> ScriptStager.isStagedFor(b, repo, uri))) {
                    done.add("its staged script " + uri + " was left alone: it is not under "
                            + (scriptsBuckets.isEmpty() ? "a configured scripts_bucket"
                                    : "this repository's part of " + scriptsBuckets.stream().map(S3Uri::toString)
                                            .collect(java.util.stream.Collectors.joining(" or "))));
                    return;
                }
                try {
                    aws.s3().deleteObject(r -> r.bucket(uri.bucket()).key(uri.key()));
                    done.add("deleted its staged script");
                } catch (RuntimeException e) {
                    done.add("its staged script was left to the bucket's lifecycle rule (" + AwsFailure.of(e).message() + ")");
                }
            });
        }
        return new SweptJob(name, repo, expires, SweptJob.Outcome.DELETED, String.join("; ", done));
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
