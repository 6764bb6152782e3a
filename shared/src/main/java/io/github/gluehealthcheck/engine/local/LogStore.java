package io.github.gluehealthcheck.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CloudWatch Logs side: groups, streams and events, in memory. Groups and streams are created by the first
 * write, so readers see ResourceNotFound until a run has logged something, as with Glue.
 */
final class LogStore {

    /** One log event; {@code sequence} orders events that share a timestamp. */
    record Event(String group, String stream, long timestamp, long ingestionTime, long sequence, String message) {
        String eventId() {
            // CloudWatch event ids are long digit strings; ours only need to be unique and stable.
            return String.format("%020d%016d", timestamp, sequence);
        }
    }

    record StreamInfo(String group, String name, long creationTime, int eventCount, Long firstEventTimestamp,
            Long lastEventTimestamp, Long lastIngestionTime, long storedBytes) {
    }

    private static final class Stream {
        final long creationTime;
        final List<Event> events = new ArrayList<>();
        long storedBytes;

        Stream(long creationTime) {
            this.creationTime = creationTime;
        }
    }

    private static final class Group {
        final long creationTime;
        final Map<String, Stream> streams = new TreeMap<>();

        Group(long creationTime) {
            this.creationTime = creationTime;
        }
    }

    private final Map<String, Group> groups = new TreeMap<>();
    private long sequence;

    /** Appends one event now, creating the group and stream if needed. */
    synchronized Event append(String group, String stream, String message) {
        long now = System.currentTimeMillis();
        Group g = groups.computeIfAbsent(group, k -> new Group(now));
        Stream s = g.streams.computeIfAbsent(stream, k -> new Stream(now));
        Event event = new Event(group, stream, now, now, ++sequence, message);
        s.events.add(event);
        s.storedBytes += message.length();
        return event;
    }

    synchronized boolean groupExists(String group) {
        return groups.containsKey(group);
    }

    synchronized Long groupCreationTime(String group) {
        Group g = groups.get(group);
        return g == null ? null : g.creationTime;
    }

    synchronized List<String> groupNames() {
        return List.copyOf(groups.keySet());
    }

    /** Events of the group's streams accepted by the filter, in (timestamp, sequence) order; null if no group. */
    synchronized List<Event> events(String group, java.util.function.Predicate<String> streamFilter) {
        Group g = groups.get(group);
        if (g == null) {
            return null;
        }
        List<Event> result = new ArrayList<>();
        g.streams.forEach((name, s) -> {
            if (streamFilter.test(name)) {
                result.addAll(s.events);
            }
        });
        result.sort((a, b) -> a.timestamp() != b.timestamp()
                ? Long.compare(a.timestamp(), b.timestamp())
                : Long.compare(a.sequence(), b.sequence()));
        return result;
    }

    /** The events of one stream in order; null when the group or stream is missing. */
    synchronized List<Event> streamEvents(String group, String stream) {
        Group g = groups.get(group);
        Stream s = g == null ? null : g.streams.get(stream);
        return s == null ? null : List.copyOf(s.events);
    }

    /** The group's streams, sorted by name; null when the group is missing. */
    synchronized List<StreamInfo> streams(String group) {
        Group g = groups.get(group);
        if (g == null) {
            return null;
        }
        List<StreamInfo> result = new ArrayList<>();
        g.streams.forEach((name, s) -> {
            Event first = s.events.isEmpty() ? null : s.events.get(0);
            Event last = s.events.isEmpty() ? null : s.events.get(s.events.size() - 1);
            result.add(new StreamInfo(group, name, s.creationTime, s.events.size(),
                    first == null ? null : first.timestamp(), last == null ? null : last.timestamp(),
                    last == null ? null : last.ingestionTime(), s.storedBytes));
        });
        return result;
    }
}
