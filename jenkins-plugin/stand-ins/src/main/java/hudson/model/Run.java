package hudson.model;

import java.io.IOException;

/**
 * Compile-only stand-in for {@code hudson.model.Run}, Jenkins core 2.555.3: the type parameters and only the members
 * this plugin uses, with upstream's signatures ({@code setResult} only ever makes a result worse upstream). Never
 * packaged; the bodies throw (they need a running Jenkins).
 *
 * @param <JobT> the job type
 * @param <RunT> the run type
 */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }

    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("compile-only stand-in: needs a running Jenkins");
    }
}
