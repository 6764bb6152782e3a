package io.github.gluehealthcheck.engine.logs;

import io.github.gluehealthcheck.engine.LogCursor;
import io.github.gluehealthcheck.engine.LogLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Reads a run's new log lines from CloudWatch Logs: every stream whose name starts with the run id (or the custom
 * stream prefix), in each of the run's log groups ({@link LogLayout}), one cursor per group. A line is an error when
 * its group holds only errors (a script's stderr) or its text says so; a line already shown from another group is
 * not shown again. A group that does not exist yet simply has no lines yet. While the run
 * goes on, a read takes a few pages; at the end, a drain follows tokens until there is none (an empty page with a
 * token is not the end).
 */
public final class LogTail {
    /** Pages read per group in one read while the run goes on; the rest follows at the next read. */
    static final int PAGES_PER_READ = 5;
    /** Upper bound for a final drain, so a misbehaving endpoint cannot hold the check forever. */
    static final int MAX_DRAIN_PAGES = 2000;

    private final CloudWatchLogsClient logs;

    public LogTail(CloudWatchLogsClient logs) {
        this.logs = logs;
    }

    /**
     * The lines Glue marks as errors wherever they are: a Python traceback and its frames, an exception line, a
     * log line at ERROR level.
     */
    static final java.util.regex.Pattern ERROR_TEXT = java.util.regex.Pattern.compile(
            "^Traceback \\(most recent call last\\)|^\\s+File \".*\", line \\d+|^[A-Za-z_][\\w.]*(Error|Exception)\\b(:|$)"
                    + "|\\bERROR\\b|\\bFATAL\\b");

    /** True for a line Glue marks as an error (see {@link #ERROR_TEXT}). */
    public static boolean looksLikeError(String message) {
        return ERROR_TEXT.matcher(message).find();
    }

    /**
     * Reads new lines of every group and hands them to {@code sink}.
     *
     * @param drain true at the end of a run: read until no token is left
     * @return the cursors to continue from
     */
    public List<LogCursor> read(String runId, List<LogCursor> cursors, boolean drain, Consumer<LogLine> sink) {
        return read(runId, cursors, drain, new SeenLines(), sink);
    }

    /**
     * As {@link #read(String, List, boolean, Consumer)}, showing a line already shown from another group only once.
     *
     * @param seen the lines shown so far; this read records its own in it
     */
    public List<LogCursor> read(String runId, List<LogCursor> cursors, boolean drain, SeenLines seen,
            Consumer<LogLine> sink) {
        List<LogCursor> next = new ArrayList<>(cursors.size());
        for (LogCursor c : cursors) {
            next.add(readGroup(runId, c, drain, seen, sink));
        }
        return next;
    }

    private LogCursor readGroup(String runId, LogCursor cursor, boolean drain, SeenLines shown, Consumer<LogLine> sink) {
        String streamPrefix = cursor.streamPrefix() != null ? cursor.streamPrefix() : runId;
        String token = cursor.nextToken();
        long tokenStart = cursor.tokenStartTime();
        long lastTs = cursor.lastTimestamp();
        Set<String> seen = new LinkedHashSet<>(cursor.idsAtLastTimestamp());
        int limit = drain ? MAX_DRAIN_PAGES : PAGES_PER_READ;
        for (int page = 0; page < limit; page++) {
            long start = token != null ? tokenStart : lastTs;
            FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder()
                    .logGroupName(cursor.group())
                    .logStreamNamePrefix(streamPrefix)
                    .nextToken(token);
            if (start > 0) {
                request.startTime(start);
            }
            FilterLogEventsResponse response;
            try {
                response = logs.filterLogEvents(request.build());
            } catch (ResourceNotFoundException e) {
                // The group is created with the run's first line: no lines yet.
                return new LogCursor(cursor.group(), cursor.errorGroup(), null, 0L, lastTs, List.copyOf(seen),
                        cursor.streamPrefix());
            }
            for (FilteredLogEvent e : response.events()) {
                long ts = e.timestamp() == null ? 0L : e.timestamp();
                String id = e.eventId() == null ? e.logStreamName() + ":" + ts + ":" + e.message() : e.eventId();
                if (ts < lastTs || (ts == lastTs && seen.contains(id))) {
                    continue;
                }
                if (ts > lastTs) {
                    lastTs = ts;
                    seen.clear();
                }
                seen.add(id);
                String message = stripNewline(e.message());
                if (!message.isBlank() && !shown.show(cursor.group(), message)) {
                    continue;
                }
                sink.accept(new LogLine(cursor.group(), e.logStreamName(), Instant.ofEpochMilli(ts), message,
                        cursor.errorGroup() ? !message.isBlank() : looksLikeError(message)));
            }
            tokenStart = start;
            token = response.nextToken();
            if (token == null) {
                break;
            }
        }
        return new LogCursor(cursor.group(), cursor.errorGroup(), token, token == null ? 0L : tokenStart, lastTs,
                List.copyOf(seen), cursor.streamPrefix());
    }

    private static String stripNewline(String s) {
        if (s == null) {
            return "";
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }
}
