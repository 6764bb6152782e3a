package io.github.gluehealthcheck.engine.glue;

/** A job with the name we wanted exists and is not ours: it is never touched. */
public final class ForeignJobException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String jobName;

    public ForeignJobException(String jobName, String why) {
        super("a Glue job named " + jobName + " already exists and " + why + "; it was left untouched", null, false, false);
        this.jobName = jobName;
    }

    public String jobName() {
        return jobName;
    }
}
