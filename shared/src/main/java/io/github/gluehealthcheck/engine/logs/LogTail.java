package io.github.gluehealthcheck.engine.logs;

import io.github.gluehealthcheck.engine.LogCursor;
import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.math.BigDecimal;
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
 * Reads a run's new log lines from CloudWatch Logs: every stream whose name starts with the run id, in each of the
 * run's log groups, one cursor per group. A group that does not exist yet simply has no lines yet. While the run
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

    /** The log groups a job writes to, output first then error, for its type and Glue version. */
    public static List<LogCursor> cursorsFor(String jobType, String glueVersion) {
        JobType type = JobType.parse(jobType).orElse(JobType.GLUEETL);
        return switch (type) {
            case PYTHONSHELL -> List.of(LogCursor.start("/aws-glue/python-jobs/output", false),
                    LogCursor.start("/aws-glue/python-jobs/error", true));
            case GLUERAY -> List.of(LogCursor.start("/aws-glue/ray/jobs/script-log", false));
            case GLUEETL -> new BigDecimal(glueVersion).compareTo(new BigDecimal("5.0")) >= 0
                    ? List.of(LogCursor.start("/aws-glue/jobs/output", false), LogCursor.start("/aws-glue/jobs/error", true))
                    : List.of(LogCursor.start("/aws-glue/jobs/logs-v2", false), LogCursor.start("/aws-glue/jobs/error", true));
        };
    }

    /**
     * Reads new lines of every group and hands them to {@code sink}.
     *
     * @param drain true at the end of a run: read until no token is left
     * @return the cursors to continue from
     */
    public List<LogCursor> read(String runId, List<LogCursor> cursors, boolean drain, Consumer<LogLine> sink) {
        List<LogCursor> next = new ArrayList<>(cursors.size());
        for (LogCursor c : cursors) {
            next.add(readGroup(runId, c, drain, sink));
        }
        return next;
    }

    private LogCursor readGroup(String runId, LogCursor cursor, boolean drain, Consumer<LogLine> sink) {
        String token = cursor.nextToken();
        long tokenStart = cursor.tokenStartTime();
        long lastTs = cursor.lastTimestamp();
        Set<String> seen = new LinkedHashSet<>(cursor.idsAtLastTimestamp());
        int limit = drain ? MAX_DRAIN_PAGES : PAGES_PER_READ;
        for (int page = 0; page < limit; page++) {
            long start = token != null ? tokenStart : lastTs;
            FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder()
                    .logGroupName(cursor.group())
                    .logStreamNamePrefix(runId)
                    .nextToken(token);
            if (start > 0) {
                request.startTime(start);
            }
            FilterLogEventsResponse response;
            try {
                response = logs.filterLogEvents(request.build());
            } catch (ResourceNotFoundException e) {
                // The group is created with the run's first line: no lines yet.
                return new LogCursor(cursor.group(), cursor.errorGroup(), null, 0L, lastTs, List.copyOf(seen));
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
                sink.accept(new LogLine(cursor.group(), e.logStreamName(), Instant.ofEpochMilli(ts),
                        stripNewline(e.message()), cursor.errorGroup()));
            }
            tokenStart = start;
            token = response.nextToken();
            if (token == null) {
                break;
            }
        }
        return new LogCursor(cursor.group(), cursor.errorGroup(), token, token == null ? 0L : tokenStart, lastTs,
                List.copyOf(seen));
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
