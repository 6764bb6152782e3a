package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.github.gluehealthcheck.standins.NeedsJenkins;
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
    // Upstream's constructors take types the plugin never uses; private, so that nothing here can make one.
    private Run() {
    }

    public void setResult(@NonNull Result r) {
        NeedsJenkins.unavailable();
    }

    public synchronized void save() throws IOException {
        NeedsJenkins.unavailable();
    }
}
