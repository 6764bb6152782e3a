package io.github.gluehealthcheck.engine;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where reading one log group of a run has got to: a pagination token while a drain is under way, else the
 * last event's time and the ids seen at that time (the next read starts there and skips those).
 * Small and serializable, so a durable caller can persist it.
 */
public final class LogCursor implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String group;
    private final boolean errorGroup;
    private final String nextToken;
    private final long tokenStartTime;
    private final long lastTimestamp;
    private final List<String> idsAtLastTimestamp;
    private final String streamPrefix;

    /**
     * @param tokenStartTime the start time of the query {@code nextToken} continues (a token is only valid with
     *                       the parameters it was issued for)
     */
    public LogCursor(String group, boolean errorGroup, String nextToken, long tokenStartTime, long lastTimestamp,
            List<String> idsAtLastTimestamp) {
        this(group, errorGroup, nextToken, tokenStartTime, lastTimestamp, idsAtLastTimestamp, null);
    }

    /** @param streamPrefix the run's streams start with this; null for the run id */
    public LogCursor(String group, boolean errorGroup, String nextToken, long tokenStartTime, long lastTimestamp,
            List<String> idsAtLastTimestamp, String streamPrefix) {
        this.streamPrefix = streamPrefix;
        this.group = Objects.requireNonNull(group);
        this.errorGroup = errorGroup;
        this.nextToken = nextToken;
        this.tokenStartTime = tokenStartTime;
        this.lastTimestamp = lastTimestamp;
        this.idsAtLastTimestamp = List.copyOf(idsAtLastTimestamp);
    }

    public static LogCursor start(String group, boolean errorGroup) {
        return new LogCursor(group, errorGroup, null, 0L, 0L, List.of());
    }

    /** A fresh cursor for streams named {@code <streamPrefix>...} rather than after the run id. */
    public static LogCursor start(String group, boolean errorGroup, String streamPrefix) {
        return new LogCursor(group, errorGroup, null, 0L, 0L, List.of(), streamPrefix);
    }

    /** The prefix of the run's stream names, or null when they start with the run id. */
    public String streamPrefix() {
        return streamPrefix;
    }

    public String group() {
        return group;
    }

    /** True when every line of the group is an error (a script's stderr); else lines are errors by their text. */
    public boolean errorGroup() {
        return errorGroup;
    }

    public String nextToken() {
        return nextToken;
    }

    public long tokenStartTime() {
        return tokenStartTime;
    }

    public long lastTimestamp() {
        return lastTimestamp;
    }

    public List<String> idsAtLastTimestamp() {
        return idsAtLastTimestamp;
    }

    @Override
    public String toString() {
        return "LogCursor[" + group + " @" + lastTimestamp + (nextToken != null ? " +token" : "") + "]";
    }
}
