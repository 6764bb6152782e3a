package io.github.gluehealthcheck.engine.glue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchStopJobRunResponse;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.JobRun;

/**
 * The Glue calls a check makes on its temporary job, with Glue's awkward corners handled: AlreadyExists after a
 * lost answer, per-run errors of BatchStopJobRun, deleting a job that is already gone.
 */
public final class GlueJobs {
    private final GlueClient glue;
    private final String partition;
    private final String region;
    private final String account;

    /**
     * @param account the AWS account id (from GetCallerIdentity), for job ARNs
     */
    public GlueJobs(GlueClient glue, String region, String account) {
        this.glue = glue;
        this.region = region;
        this.account = account;
        // From the SDK's endpoint data, so the isolated partitions (aws-iso, aws-iso-b, ...) get theirs too.
        this.partition = ConsoleLinks.partition(region);
    }

    /** How a create went. */
    public enum Created {
        /** We created it now. */
        CREATED,
        /** It already existed and carries our check id: an earlier attempt of ours succeeded without an answer. */
        ADOPTED
    }

    /**
     * Creates the job. On AlreadyExists, reads the existing job's tags: a job with our check id is ours and is
     * adopted; any other is foreign and left untouched.
     *
     * @throws ForeignJobException when a job with that name exists and is not this check's
     */
    public Created create(CreateJobRequest request, String checkId) {
        try {
            glue.createJob(request);
            return Created.CREATED;
        } catch (AlreadyExistsException e) {
            Map<String, String> tags = tags(request.name());
            if (OwnershipTags.isManaged(tags) && checkId.equals(tags.get(OwnershipTags.CHECK_ID))) {
                return Created.ADOPTED;
            }
            throw new ForeignJobException(request.name(), OwnershipTags.isManaged(tags)
                    ? "it belongs to another health check (" + tags.getOrDefault(OwnershipTags.REPO, "unknown repository")
                    + ", build " + tags.getOrDefault(OwnershipTags.BUILD, "unknown") + ")"
                    : "it is not managed by glue-health-check");
        }
    }

    public String startRun(String jobName, Map<String, String> arguments) {
        return glue.startJobRun(r -> r.jobName(jobName).arguments(arguments)).jobRunId();
    }

    /** The newest run of a job, if it has any: how a start whose answer was lost is recognised. */
    public Optional<JobRun> newestRun(String jobName) {
        List<JobRun> runs = glue.getJobRuns(r -> r.jobName(jobName).maxResults(10)).jobRuns();
        return runs.stream().max(Comparator.comparing(r -> r.startedOn() == null ? java.time.Instant.EPOCH : r.startedOn()));
    }

    public JobRun getRun(String jobName, String runId) {
        return glue.getJobRun(r -> r.jobName(jobName).runId(runId).predecessorsIncluded(false)).jobRun();
    }

    /** Reads a run, giving up (retries included) after {@code timeout}: a status read must not outlast a deadline. */
    public JobRun getRun(String jobName, String runId, java.time.Duration timeout) {
        return glue.getJobRun(r -> r.jobName(jobName).runId(runId).predecessorsIncluded(false)
                .overrideConfiguration(o -> o.apiCallTimeout(timeout))).jobRun();
    }

    /** Active runs of a job (for the sweeper). */
    public List<JobRun> activeRuns(String jobName) {
        return glue.getJobRunsPaginator(r -> r.jobName(jobName)).jobRuns().stream()
                .filter(r -> !JobRunVerdict.isFinal(r.jobRunStateAsString()))
                .toList();
    }

    /**
     * Asks Glue to stop runs. BatchStopJobRun reports problems per run instead of throwing; a run that already
     * ended is not a problem.
     *
     * @return the runs Glue refused to stop, with why (empty when all stop or had already ended)
     */
    public Map<String, String> stop(String jobName, List<String> runIds) {
        BatchStopJobRunResponse response = glue.batchStopJobRun(r -> r.jobName(jobName).jobRunIds(runIds));
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        for (var error : response.errors()) {
            String code = error.errorDetail() == null ? null : error.errorDetail().errorCode();
            String message = error.errorDetail() == null ? null : error.errorDetail().errorMessage();
            if (alreadyEnded(jobName, error.jobRunId())) {
                continue;
            }
            refused.put(error.jobRunId(), (code == null ? "refused" : code) + (message == null ? "" : ": " + message));
        }
        return refused;
    }

    private boolean alreadyEnded(String jobName, String runId) {
        try {
            return JobRunVerdict.isFinal(getRun(jobName, runId).jobRunStateAsString());
        } catch (EntityNotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            // Unknown (e.g. a throttled read): report the refusal; the caller reads the run's state again anyway.
            return false;
        }
    }

    /** Deletes the job; a job that is already gone counts as deleted. */
    public void delete(String jobName) {
        glue.deleteJob(r -> r.jobName(jobName));
    }

    /** The job's tags, or empty when it does not exist. */
    public Map<String, String> tags(String jobName) {
        try {
            return glue.getTags(r -> r.resourceArn(jobArn(jobName))).tags();
        } catch (EntityNotFoundException e) {
            return Map.of();
        }
    }

    public void tag(String jobName, Map<String, String> tags) {
        glue.tagResource(r -> r.resourceArn(jobArn(jobName)).tagsToAdd(tags));
    }

    public String jobArn(String jobName) {
        return "arn:" + partition + ":glue:" + region + ":" + account + ":job/" + jobName;
    }
}
