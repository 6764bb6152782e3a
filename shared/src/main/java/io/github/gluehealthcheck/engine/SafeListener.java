package io.github.gluehealthcheck.engine;

/**
 * Guards the engine from its listeners and its listeners from secrets: every text is masked, and a listener that
 * throws cannot break a check (or its cleanup).
 */
final class SafeListener implements ProgressListener {
    private final ProgressListener delegate;
    private final Redactor redactor;

    private SafeListener(ProgressListener delegate, Redactor redactor) {
        this.delegate = delegate;
        this.redactor = redactor;
    }

    static SafeListener wrap(ProgressListener listener, Redactor redactor) {
        return listener instanceof SafeListener s ? s : new SafeListener(listener, redactor);
    }

    String mask(String text) {
        return redactor.mask(text);
    }

    @Override
    public void phase(String job, Phase phase, String detail) {
        guard(() -> delegate.phase(job, phase, mask(detail)));
    }

    @Override
    public void runState(String job, String state, String detail) {
        guard(() -> delegate.runState(job, state, mask(detail)));
    }

    @Override
    public void logLine(String job, LogLine line) {
        guard(() -> delegate.logLine(job, new LogLine(line.group(), line.stream(), line.timestamp(), mask(line.message()),
                line.error())));
    }

    @Override
    public void verdict(String job, CheckResult result) {
        guard(() -> delegate.verdict(job, result));
    }

    @Override
    public void cleanup(String job, CleanupStep step) {
        guard(() -> delegate.cleanup(job, new CleanupStep(step.action(), step.outcome(), mask(step.detail()))));
    }

    @Override
    public void warning(String job, String message) {
        guard(() -> delegate.warning(job, mask(message)));
    }

    @Override
    public void debug(String job, String message) {
        guard(() -> delegate.debug(job, mask(message)));
    }

    private static void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // A broken listener must not stop a check from finishing and cleaning up.
        }
    }
}
