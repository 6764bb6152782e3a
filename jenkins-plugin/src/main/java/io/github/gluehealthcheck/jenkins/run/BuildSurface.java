package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.jenkins.report.StepReport;
import java.io.IOException;

/** Where a step's outcome shows on the build: the badge, summary and page, and an UNSTABLE mark. */
public interface BuildSurface {

    /** Adds (or, for the same step id, replaces) the step's report on the build, and saves the build. */
    void report(StepReport report) throws IOException;

    /** Marks the build and the step's stage UNSTABLE, with a message saying why. */
    void markUnstable(String message);
}
