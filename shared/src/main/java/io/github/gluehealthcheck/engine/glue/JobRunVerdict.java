package io.github.gluehealthcheck.engine.glue;

import java.util.EnumMap;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.JobRunState;

/**
 * What every Glue job-run state means for a health check, in one table. A state Glue adds later arrives as
 * {@link JobRunState#UNKNOWN_TO_SDK_VERSION} and fails the check rather than passing it or waiting forever.
 */
public final class JobRunVerdict {

    /** What to do on seeing a state. */
    public enum Meaning {
        /** Not final: keep polling. */
        KEEP_WAITING,
        /** Final: the job ran and succeeded. */
        PASS,
        /** Final: the job did not succeed. */
        FAIL,
        /** Final: stopped; a failure unless we stopped it because the check was cancelled. */
        STOPPED
    }

    /** One row of the table: the meaning and how a user reads it. */
    public record Row(Meaning meaning, String explanation) {
    }

    private static final Map<JobRunState, Row> TABLE = new EnumMap<>(JobRunState.class);

    static {
        row(JobRunState.STARTING, Meaning.KEEP_WAITING, "Glue is starting the run");
        row(JobRunState.RUNNING, Meaning.KEEP_WAITING, "the job is running");
        row(JobRunState.STOPPING, Meaning.KEEP_WAITING, "the run is stopping");
        row(JobRunState.WAITING, Meaning.KEEP_WAITING, "the run is queued for resources");
        row(JobRunState.SUCCEEDED, Meaning.PASS, "the job succeeded");
        row(JobRunState.FAILED, Meaning.FAIL, "the job failed");
        row(JobRunState.TIMEOUT, Meaning.FAIL, "Glue stopped the run when it reached its timeout");
        row(JobRunState.ERROR, Meaning.FAIL, "Glue could not run the job (ERROR)");
        row(JobRunState.EXPIRED, Meaning.FAIL, "the run expired before it could run (EXPIRED)");
        row(JobRunState.STOPPED, Meaning.STOPPED, "the run was stopped");
        row(JobRunState.UNKNOWN_TO_SDK_VERSION, Meaning.FAIL,
                "the run reached a state this version does not know, so it cannot count as a pass");
    }

    private JobRunVerdict() {
    }

    private static void row(JobRunState state, Meaning meaning, String explanation) {
        TABLE.put(state, new Row(meaning, explanation));
    }

    /** The row for a state given as Glue's string; strings the SDK does not know map to the unknown row. */
    public static Row of(String state) {
        return of(JobRunState.fromValue(state));
    }

    public static Row of(JobRunState state) {
        Row row = TABLE.get(state == null ? JobRunState.UNKNOWN_TO_SDK_VERSION : state);
        return row != null ? row : TABLE.get(JobRunState.UNKNOWN_TO_SDK_VERSION);
    }

    public static boolean isFinal(String state) {
        return of(state).meaning() != Meaning.KEEP_WAITING;
    }

    /** The whole table, for documentation and tests. */
    public static Map<JobRunState, Row> table() {
        return Map.copyOf(TABLE);
    }
}
