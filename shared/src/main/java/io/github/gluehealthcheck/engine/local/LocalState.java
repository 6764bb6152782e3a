package io.github.gluehealthcheck.engine.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only snapshots of what the endpoint holds: Glue jobs and runs, S3 objects, log events. Every call takes a
 * fresh snapshot; nothing returned changes afterwards.
 */
public final class LocalState {

    /**
     * A Glue job as stored.
     *
     * @param definitionJson GetJob's {@code Job} JSON, with every field the client sent
     */
    public record Job(
            String name,
            String role,
            String commandName,
            String scriptLocation,
            String glueVersion,
            Map<String, String> defaultArguments,
            Map<String, String> tags,
            int timeoutMinutes,
            int maxRetries,
            int maxConcurrentRuns,
            Double maxCapacity,
            String workerType,
            Integer numberOfWorkers,
            String executionClass,
            Instant createdOn,
            String definitionJson) {

        public Job {
            defaultArguments = Map.copyOf(defaultArguments);
            tags = Map.copyOf(tags);
        }
    }

    /**
     * A job run.
     *
     * @param arguments the run's own Arguments (as StartJobRun sent them)
     * @param scriptArguments the argv the script got: defaults overlaid with arguments, then --JOB_NAME and
     *     --JOB_RUN_ID
     * @param active whether the run has not reached its end (a run stuck in STOPPING is still active)
     */
    public record Run(
            String id,
            String jobName,
            String state,
            String stateDetail,
            Instant startedOn,
            Instant lastModifiedOn,
            Instant completedOn,
            String errorMessage,
            Map<String, String> arguments,
            List<String> scriptArguments,
            int timeoutMinutes,
            long executionTimeSeconds,
            boolean active) {

        public Run {
            arguments = Map.copyOf(arguments);
            scriptArguments = List.copyOf(scriptArguments);
        }
    }

    /** An S3 object. */
    public record StoredObject(String bucket, String key, long size, String etag, Instant lastModified,
            String contentType) {
    }

    /** A CloudWatch Logs event. */
    public record LogEvent(String group, String stream, Instant timestamp, String message) {
    }

    private final GlueApi glue;
    private final ObjectStore objects;
    private final LogStore logs;

    LocalState(GlueApi glue, ObjectStore objects, LogStore logs) {
        this.glue = glue;
        this.objects = objects;
        this.logs = logs;
    }

    /** Jobs that exist now, by name. */
    public List<Job> jobs() {
        return glue.jobSnapshots();
    }

    public Optional<Job> job(String name) {
        return jobs().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    /** Every run started, oldest first (runs of deleted jobs included). */
    public List<Run> runs() {
        return glue.allRuns().stream().map(GlueRun::snapshot).toList();
    }

    /** Runs of jobs with this name, oldest first. */
    public List<Run> runs(String jobName) {
        return runs().stream().filter(r -> r.jobName().equals(jobName)).toList();
    }

    public Optional<Run> run(String runId) {
        return glue.allRuns().stream().filter(r -> r.id.equals(runId)).map(GlueRun::snapshot).findFirst();
    }

    /** Runs not yet ended. */
    public List<Run> activeRuns() {
        return runs().stream().filter(Run::active).toList();
    }

    public List<String> buckets() {
        return objects.bucketNames();
    }

    /** Every object in every bucket, by bucket then key. */
    public List<StoredObject> objects() {
        List<StoredObject> result = new ArrayList<>();
        for (ObjectStore.Listed l : objects.all()) {
            result.add(new StoredObject(l.bucket(), l.key(), l.object().data().length, l.object().etag(),
                    l.object().lastModified(), l.object().contentType()));
        }
        return result;
    }

    /** An object's bytes. */
    public Optional<byte[]> objectContent(String bucket, String key) {
        ObjectStore.StoredObject o = objects.get(bucket, key);
        return o == null ? Optional.empty() : Optional.of(o.data().clone());
    }

    public List<String> logGroups() {
        return logs.groupNames();
    }

    /** Events of a group, in time order; empty when the group does not exist. */
    public List<LogEvent> logEvents(String group) {
        return logEvents(group, "");
    }

    /** Events of a group's streams whose names start with the prefix (e.g. a run id), in time order. */
    public List<LogEvent> logEvents(String group, String streamPrefix) {
        List<LogStore.Event> events = logs.events(group, name -> name.startsWith(streamPrefix));
        if (events == null) {
            return List.of();
        }
        return events.stream()
                .map(e -> new LogEvent(e.group(), e.stream(), Instant.ofEpochMilli(e.timestamp()), e.message()))
                .toList();
    }

    /** The messages of a group's streams with this prefix, in order; handy for asserting on a run's output. */
    public List<String> logMessages(String group, String streamPrefix) {
        return logEvents(group, streamPrefix).stream().map(LogEvent::message).toList();
    }
}
