package io.github.gluehealthcheck.jenkins;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.model.Result;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A StepContext without Jenkins: gives the step a console (captured), its environment, the services of a simulated
 * controller, and records how the step ended. Serializable the way Pipeline's is: only a key goes into the stream; a context read back after a simulated
 * restart finds the state registered for the resumed step ({@link #resumeAs}).
 */
final class FakeStepContext extends StepContext implements StepServices.Carrier {
    private static final long serialVersionUID = 1L;
    private static final Map<String, State> RESUMED = new ConcurrentHashMap<>();

    private final String key;
    private final transient State local;

    /** What one controller's step sees and records. */
    static final class State {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final EnvVars env;
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        final AtomicInteger saves = new AtomicInteger();
        final AtomicInteger completions = new AtomicInteger();
        /** The simulated controller this step runs in. */
        final StepServices services;

        State(Map<String, String> env, StepServices services) {
            this.env = new EnvVars(env);
            this.services = services;
        }

        String log() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** The value the step returned; fails the test if the step failed or did not end in time. */
        Object result(Duration within) throws Exception {
            try {
                return outcome.get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the step failed: " + e.getCause() + "\n--- console ---\n" + log(), e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the step did not end within " + within + "\n--- console ---\n" + log());
            }
        }

        /** Why the step failed; fails the test if it succeeded or did not end in time. */
        Throwable failure(Duration within) throws Exception {
            try {
                Object r = outcome.get(within.toMillis(), TimeUnit.MILLISECONDS);
                throw new AssertionError("the step succeeded with " + r + "\n--- console ---\n" + log());
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("the step did not end within " + within + "\n--- console ---\n" + log());
            }
        }
    }

    FakeStepContext(String key, Map<String, String> env, StepServices services) {
        this.key = key;
        this.local = new State(env, services);
    }

    /**
     * The state a context read back from a persisted step uses: a new console, the same kind of environment, and the
     * services of the controller it resumes in.
     */
    static State resumeAs(String key, Map<String, String> env, StepServices services) {
        State s = new State(env, services);
        RESUMED.put(key, s);
        return s;
    }

    State state() {
        return local != null ? local : RESUMED.get(key);
    }

    @Override
    public <T> T get(Class<T> type) {
        State s = state();
        if (type == TaskListener.class) {
            return type.cast(new Listener(s.out));
        }
        if (type == EnvVars.class) {
            return type.cast(new EnvVars(s.env));
        }
        return null;
    }

    @Override
    public StepServices services() {
        return state().services;
    }

    @Override
    public void onSuccess(Object result) {
        State s = state();
        s.completions.incrementAndGet();
        s.outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        State s = state();
        s.completions.incrementAndGet();
        s.outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        state().saves.incrementAndGet();
        return Futures.immediateVoidFuture();
    }

    @Override
    public void setResult(Result r) {
        throw new UnsupportedOperationException("deprecated; the step must not call it");
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("glueHealthCheck takes no body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeStepContext c && c.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    /** A console; not meant to be serialized (Pipeline pickles its own). */
    private record Listener(PrintStream out) implements TaskListener {
        @Override
        public PrintStream getLogger() {
            return out;
        }
    }
}
