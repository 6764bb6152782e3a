package io.github.gluehealthcheck.engine.plan;

import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Several checks run as one: the jobs, the build they belong to, how many run at once, and whether this
 * repository's expired leftovers are swept first.
 *
 * @param checks      the jobs to check, at least one, with distinct names
 * @param context     the build they belong to
 * @param parallelism how many checks run at once (1 to 50)
 * @param sweepFirst  delete this repository's expired health-check jobs before checking
 * @param namePrefix  the jobs' name prefix (for the sweep)
 * @param skipped     jobs of {@code checks} (by base name) that are reported as skipped, with the reason, instead of
 *                    checked ({@code changed_only})
 */
public record HealthCheckPlan(List<CheckSpec> checks, CiContext context, int parallelism, boolean sweepFirst,
        String namePrefix, Map<String, String> skipped) {
    public static final int MAX_PARALLELISM = 50;

    /** A plan that checks every job. */
    public HealthCheckPlan(List<CheckSpec> checks, CiContext context, int parallelism, boolean sweepFirst,
            String namePrefix) {
        this(checks, context, parallelism, sweepFirst, namePrefix, Map.of());
    }

    public HealthCheckPlan {
        checks = List.copyOf(checks);
        skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        List<Problem> problems = new ArrayList<>();
        if (checks.isEmpty()) {
            problems.add(Problem.of(Setting.SCRIPT.key(), "is required: give a script, or list jobs with config or jobs"));
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            problems.add(Problem.of(Setting.PARALLELISM.key(), parallelism + " is out of range; use 1 to " + MAX_PARALLELISM));
        }
        Set<String> names = new HashSet<>();
        for (CheckSpec c : checks) {
            if (!names.add(c.jobName())) {
                problems.add(Problem.of(Setting.JOB_NAME.key(), "'" + c.jobName()
                        + "' is used by two jobs; give each a distinct job_name"));
            }
        }
        for (String name : skipped.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("skipped job " + name + " is not in the plan");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /** Why the job is skipped, or null when it is checked. */
    public String skipReason(CheckSpec check) {
        return skipped.get(check.jobName());
    }

    /** True when no job is to be checked: nothing needs AWS. */
    public boolean nothingToCheck() {
        return skipped.size() == checks.size();
    }
}
