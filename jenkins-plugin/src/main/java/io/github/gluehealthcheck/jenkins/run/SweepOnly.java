package io.github.gluehealthcheck.jenkins.run;

import hudson.AbortException;
import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.CheckSetupException;
import io.github.gluehealthcheck.engine.Phase;
import io.github.gluehealthcheck.engine.sweep.SweepResult;
import io.github.gluehealthcheck.jenkins.progress.ConsoleProgress;
import io.github.gluehealthcheck.jenkins.report.ResultObject;
import java.util.ArrayList;
import java.util.List;

/** {@code mode: 'sweep'}: deletes every repository's expired health-check jobs, and says how the step ends. */
public final class SweepOnly {

    private SweepOnly() {
    }

    /** Sweeps with the session (and closes it). */
    public static StepEnding sweep(CheckSession session, ConsoleProgress console) {
        console.note("AWS region " + session.aws().region()
                + (session.aws().endpoint() == null ? "" : ", endpoint " + session.aws().endpoint())
                + "; credentials: " + session.aws().credentialSource());
        List<String> lines = new ArrayList<>();
        SweepResult result;
        try (session) {
            console.phase(null, Phase.SWEEP, "expired health-check jobs of every repository");
            result = session.sweepAll(note -> {
                lines.add(note);
                console.phase(null, Phase.SWEEP, note);
            });
        } catch (CheckSetupException e) {
            return new StepEnding(null, new AbortException("glueHealthCheck sweep: " + e.getMessage()));
        }
        if (result.error() != null) {
            return new StepEnding(null, new AbortException("glueHealthCheck sweep could not complete: " + result.error()));
        }
        console.phase(null, Phase.SWEEP, result.summary(false));
        return new StepEnding(ResultObject.ofSweep("SWEPT", result.deleted(), result.failed(), lines), null);
    }
}
