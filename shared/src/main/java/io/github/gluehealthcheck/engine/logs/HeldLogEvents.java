package io.github.gluehealthcheck.engine.logs;

import io.github.gluehealthcheck.engine.LogLine;
import io.github.gluehealthcheck.engine.Redactor;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Masks a secret a job printed in two pieces, one per log event (half in one CloudWatch event, the rest in the next
 * of the same stream). Each stream's newest event is held back until the next event of that stream arrives; the two
 * are masked joined by a line break (the {@link Redactor} finds a value with line breaks between its characters),
 * and the held event is passed on with every position a match covered masked. An event is held at most until the
 * end of the read after the one that brought it (one log read interval), or until the run's last read (draining),
 * so a job's line reaches the log one event or one read late at most.
 *
 * <p>Held events live in memory: when a Jenkins controller restarts, the events it held (at most one per stream)
 * are not shown; they stay in CloudWatch.
 */
public final class HeldLogEvents {
    private final Redactor redactor;
    /** Per run, per stream: the event held back, the positions already known to be masked, whether it was held over a whole read already. */
    private final Map<String, Map<String, Held>> held = new HashMap<>();

    private record Held(LogLine line, BitSet masked, boolean heldOverRead) {
    }

    public HeldLogEvents(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Takes a run's next log event; passes on the one it held for that stream, masked, if any. */
    public synchronized void accept(String runId, LogLine line, Consumer<LogLine> out) {
        if (redactor.isEmpty()) {
            out.accept(line);
            return;
        }
        Map<String, Held> streams = held.computeIfAbsent(runId, k -> new LinkedHashMap<>());
        String key = line.group() + '\u0000' + line.stream();
        String text = line.message();
        Held previous = streams.remove(key);
        if (previous == null) {
            streams.put(key, new Held(line, redactor.maskedChars(text), false));
            return;
        }
        String before = previous.line().message();
        BitSet joined = redactor.maskedChars(before + "\n" + text);
        BitSet maskedBefore = (BitSet) previous.masked().clone();
        maskedBefore.or(joined.get(0, before.length()));
        out.accept(masked(previous.line(), maskedBefore));
        streams.put(key, new Held(line, joined.get(before.length() + 1, before.length() + 1 + text.length()), false));
    }

    /**
     * The end of one read of a run's logs: passes on the events held over a whole read already, or all of them when
     * {@code drain} (the run's last read).
     */
    public synchronized void endOfRead(String runId, boolean drain, Consumer<LogLine> out) {
        Map<String, Held> streams = held.get(runId);
        if (streams == null) {
            return;
        }
        for (Iterator<Map.Entry<String, Held>> i = streams.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<String, Held> e = i.next();
            Held h = e.getValue();
            if (drain || h.heldOverRead()) {
                out.accept(masked(h.line(), h.masked()));
                i.remove();
            } else {
                e.setValue(new Held(h.line(), h.masked(), true));
            }
        }
        if (streams.isEmpty()) {
            held.remove(runId);
        }
    }

    private static LogLine masked(LogLine line, BitSet masked) {
        return new LogLine(line.group(), line.stream(), line.timestamp(), Redactor.apply(line.message(), masked),
                line.error());
    }
}
