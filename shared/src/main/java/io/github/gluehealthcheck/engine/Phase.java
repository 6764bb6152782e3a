package io.github.gluehealthcheck.engine;

/** The steps of a health check, in order, as reported to a {@link ProgressListener}. */
public enum Phase {
    PREFLIGHT("preflight"),
    SWEEP("sweep"),
    STAGE("stage"),
    /** {@code reuse_passed}: looking for an earlier pass of the very same check. */
    REUSE("reuse"),
    CREATE("create"),
    START("start"),
    WAIT("wait"),
    VERDICT("verdict"),
    CLEANUP("cleanup");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
