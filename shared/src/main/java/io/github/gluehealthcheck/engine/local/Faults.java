package io.github.gluehealthcheck.engine.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Fault injection: rules that fail or delay matching requests, and {@link #pause(Duration)}, which makes the whole
 * endpoint disappear for a while. Rules are tried in the order added; the first that matches applies.
 */
public final class Faults {

    /** What pausing needs from the endpoint: stop listening now, listen again later on the same port. */
    interface Listener {
        void pause(Duration duration);

        void resume();

        boolean paused();
    }

    private final List<ActiveRule> rules = new ArrayList<>();
    private final Listener listener;

    Faults(Listener listener) {
        this.listener = listener;
    }

    /** Adds a rule; it applies to requests received from now on. */
    public Faults add(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.kind() == null) {
            throw new IllegalArgumentException("say what the fault does: error(kind) or delay(duration): " + rule);
        }
        synchronized (rules) {
            rules.add(new ActiveRule(rule));
        }
        return this;
    }

    /** Removes all rules (a pause in progress is not cut short; see {@link #resume()}). */
    public void clear() {
        synchronized (rules) {
            rules.clear();
        }
    }

    /** The rules still in force, with their remaining counts applied. */
    public List<FaultRule> rules() {
        synchronized (rules) {
            List<FaultRule> current = new ArrayList<>();
            for (ActiveRule r : rules) {
                current.add(r.remaining == FaultRule.ALWAYS ? r.rule : r.rule.times(r.remaining));
            }
            return current;
        }
    }

    /**
     * The endpoint stops listening (new connections are refused, open ones are closed) and comes back on the same
     * port, with all its state, after {@code duration}. Returns at once.
     */
    public void pause(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        listener.pause(duration);
    }

    /** Ends a pause early. */
    public void resume() {
        listener.resume();
    }

    /** Whether the endpoint is paused right now. */
    public boolean paused() {
        return listener.paused();
    }

    /** The first rule matching the request, counting it as used; null when none. */
    FaultRule take(AwsRequest request) {
        synchronized (rules) {
            for (Iterator<ActiveRule> it = rules.iterator(); it.hasNext(); ) {
                ActiveRule r = it.next();
                if (r.rule.matches(request)) {
                    if (r.remaining != FaultRule.ALWAYS && --r.remaining == 0) {
                        it.remove();
                    }
                    return r.rule;
                }
            }
            return null;
        }
    }

    private static final class ActiveRule {
        final FaultRule rule;
        int remaining;

        ActiveRule(FaultRule rule) {
            this.rule = rule;
            this.remaining = rule.times();
        }
    }
}
