package io.github.gluehealthcheck.engine.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Scripted run behaviour for tests: runs of jobs whose name matches follow a {@link RunScript}. A script applies to
 * runs started after it was added; when several match, the one added last wins.
 */
public final class RunScripts {

    private record Entry(Predicate<String> jobName, RunScript script, String description) {
    }

    private final List<Entry> entries = new ArrayList<>();

    RunScripts() {
    }

    /** Runs of jobs whose name passes the test follow the script. */
    public RunScripts forJobsMatching(Predicate<String> jobName, RunScript script) {
        return add(jobName, script, "matching " + jobName);
    }

    /** Runs of jobs whose name contains the text follow the script. */
    public RunScripts forJobsContaining(String text, RunScript script) {
        Objects.requireNonNull(text, "text");
        return add(name -> name.contains(text), script, "containing '" + text + "'");
    }

    /** Runs of the job with exactly this name follow the script. */
    public RunScripts forJob(String jobName, RunScript script) {
        Objects.requireNonNull(jobName, "jobName");
        return add(jobName::equals, script, "named '" + jobName + "'");
    }

    /** Runs of every job follow the script. */
    public RunScripts forAllJobs(RunScript script) {
        return add(name -> true, script, "all jobs");
    }

    /** Removes every script; runs started afterwards behave normally. */
    public synchronized void clear() {
        entries.clear();
    }

    /** How many scripts are registered. */
    public synchronized int size() {
        return entries.size();
    }

    private synchronized RunScripts add(Predicate<String> jobName, RunScript script, String description) {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(script, "script");
        entries.add(new Entry(jobName, script, description));
        return this;
    }

    /** The script for a run of this job, or null to behave normally. */
    synchronized RunScript scriptFor(String jobName) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).jobName().test(jobName)) {
                return entries.get(i).script();
            }
        }
        return null;
    }
}
