package io.github.gluehealthcheck.engine.changes;

import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.ScriptSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code changed_only}: which jobs a pull request leaves untouched, so they are reported as skipped instead of checked.
 * A job is checked when its script (a workspace file) or a file matching one of its {@code paths} changed since the
 * merge base with the target branch. Whenever that cannot be told, the job is checked: a script in S3 (git does not
 * see it), a build that is not a pull request, an unknown target branch, a history too shallow for a merge base, no
 * git, and a change to the {@code config} file (any job's settings may have changed).
 */
public final class ChangedOnly {

    /**
     * What {@code changed_only} decided.
     *
     * @param skipped jobs not to check, by base name, with the reason
     * @param notes   what to tell the user, one line each, starting with {@code changed_only:}
     */
    public record Selection(Map<String, String> skipped, List<String> notes) {
        public Selection {
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
            notes = List.copyOf(notes);
        }
    }

    private ChangedOnly() {
    }

    /** Decides, asking {@code source} only when the request is a pull request with a known target branch. */
    public static Selection select(HealthCheckRequest request, ChangeSource source) {
        List<String> notes = new ArrayList<>();
        if (!request.changedOnly() || request.mode() != HealthCheckRequest.Mode.CHECK) {
            return new Selection(Map.of(), notes);
        }
        CiContext context = request.context();
        int all = request.checks().size();
        if (context.pullRequest().isEmpty()) {
            notes.add("changed_only: not a pull request build, so all " + all + " job(s) are checked");
            return new Selection(Map.of(), notes);
        }
        if (context.targetBranch().isEmpty()) {
            notes.add("changed_only: the pull request's target branch is unknown (set target_branch; Drone and "
                    + "Harness give DRONE_TARGET_BRANCH, Woodpecker CI_COMMIT_TARGET_BRANCH, Jenkins multibranch "
                    + "CHANGE_TARGET), so all " + all
                    + " job(s) are checked");
            return new Selection(Map.of(), notes);
        }
        Changes changes = source.changedSince(context.targetBranch().get());
        if (!changes.isKnown()) {
            notes.add("changed_only: cannot tell what changed: " + changes.unknown() + "; all " + all
                    + " job(s) are checked");
            return new Selection(Map.of(), notes);
        }
        // The reports of an earlier check in the same workspace are untracked files, not changes of the pull request.
        String reports = reportDirPrefix(request);
        Set<String> files = reports == null ? changes.files() : changes.files().stream()
                .filter(f -> !f.startsWith(reports)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (request.configFile() != null && files.contains(request.configFile())) {
            notes.add("changed_only: " + request.configFile() + " changed since the " + changes.base()
                    + ", so all " + all + " job(s) are checked (their settings may have changed)");
            return new Selection(Map.of(), notes);
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        for (CheckSpec check : request.checks()) {
            String reason = skipReason(check, files, changes.base());
            if (reason != null) {
                skipped.put(check.jobName(), reason);
            } else if (check.script() instanceof ScriptSource.InS3) {
                notes.add("changed_only: " + check.jobName() + " is checked: its script is in S3, where git cannot "
                        + "see changes");
            }
        }
        int checked = all - skipped.size();
        notes.add(0, "changed_only: " + files.size() + " file(s) changed since the " + changes.base() + "; "
                + (checked == 0 ? "nothing any job depends on changed, so no job is checked"
                        : "checking " + checked + " of " + all + " job(s)"));
        return new Selection(skipped, notes);
    }

    private static String reportDirPrefix(HealthCheckRequest request) {
        if (request.reportDir() == null || request.workspace() == null
                || !request.reportDir().startsWith(request.workspace()) || request.reportDir().equals(request.workspace())) {
            return null;
        }
        return request.workspace().relativize(request.reportDir()).toString().replace('\\', '/') + "/";
    }

    /** Why the job need not be checked, or null when it must be. */
    static String skipReason(CheckSpec check, Set<String> changed, String base) {
        if (!(check.script() instanceof ScriptSource.InWorkspace script)) {
            return null;
        }
        String path = script.relativePath().replace('\\', '/');
        if (changed.contains(path)) {
            return null;
        }
        List<PathGlob> globs = check.paths().stream().map(PathGlob::of).toList();
        for (String file : changed) {
            if (globs.stream().anyMatch(g -> g.matches(file))) {
                return null;
            }
        }
        return globs.isEmpty() ? "unchanged: " + path + " did not change since the " + base
                : "unchanged: neither " + path + " nor its paths (" + String.join(", ", check.paths())
                        + ") changed since the " + base;
    }
}
