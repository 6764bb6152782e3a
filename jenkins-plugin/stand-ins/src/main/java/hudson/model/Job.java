package hudson.model;

/**
 * Compile-only stand-in for {@code hudson.model.Job}, Jenkins core 2.555.3: only the type, with upstream's type
 * parameters, because {@link Run} names it. The plugin uses no member of it. Never packaged.
 *
 * @param <JobT>  the job type
 * @param <RunT>  the run type
 */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    // Upstream's constructors take types the plugin never uses; private, so that nothing here can make one.
    private Job() {
    }
}
