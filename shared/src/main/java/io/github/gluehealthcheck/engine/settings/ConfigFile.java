package io.github.gluehealthcheck.engine.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .glue-health.yml}: several jobs with shared defaults, kept in the repository.
 *
 * <pre>
 * parallelism: 2                 # step-wide settings (name_prefix, parallelism, sweep, report_dir)
 * defaults:                      # job settings shared by every job
 *   role: glue-health-check
 *   scripts_bucket: s3://ci-glue-scripts/checks
 * jobs:
 *   - script: jobs/orders.py
 *     number_of_workers: 3       # per-job overrides
 *   - script: jobs/customers.py
 *     job_type: pythonshell
 * </pre>
 *
 * Credentials and build context never belong in a file in the repository and are refused there; so are unknown
 * keys, since a misspelt setting silently ignored would check the wrong thing.
 */
public final class ConfigFile {
    static final Set<Setting> RUN_SETTINGS_ALLOWED = Set.of(Setting.NAME_PREFIX, Setting.PARALLELISM, Setting.SWEEP,
            Setting.REPORT_DIR, Setting.REGION);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A settings file is a page or two; a larger one is a mistake or an attack on the reader. */
    static final int MAX_BYTES = 1024 * 1024;

    private final Map<String, Object> runSettings;
    private final Map<String, Object> defaults;
    private final List<Map<String, Object>> jobs;

    private ConfigFile(Map<String, Object> runSettings, Map<String, Object> defaults, List<Map<String, Object>> jobs) {
        this.runSettings = runSettings;
        this.defaults = defaults;
        this.jobs = jobs;
    }

    /** Step-wide settings given at the top level. */
    public Map<String, Object> runSettings() {
        return runSettings;
    }

    /** Job settings shared by every job. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    public List<Map<String, Object>> jobs() {
        return jobs;
    }

    /**
     * Reads and checks a config file; problems are added to {@code problems} (under the {@code config} setting)
     * and null is returned when the file cannot be used.
     */
    public static ConfigFile read(Path file, String shownPath, List<Problem> problems) {
        return read(null, file, shownPath, problems);
    }

    /**
     * Reads and checks a config file under {@code workspace}, refusing one that a symbolic link leads outside it
     * (without reading it: its keys would be echoed in the problems).
     */
    public static ConfigFile read(Path workspace, Path file, String shownPath, List<Problem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' does not exist in the workspace"));
            return null;
        }
        Object tree;
        try {
            byte[] content = workspace == null ? readBounded(file) : WorkspaceFiles.read(workspace, file, MAX_BYTES);
            tree = YAML.readValue(content, Object.class);
        } catch (WorkspaceFiles.OutsideException e) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' links outside the workspace"));
            return null;
        } catch (WorkspaceFiles.TooLargeException e) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' is larger than 1 MiB; a settings file is"
                    + " much smaller"));
            return null;
        } catch (StreamConstraintsException e) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' is nested too deeply to be a settings file"));
            return null;
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' is not valid YAML ("
                    + (e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": ")
                    + UntrustedText.oneLine(why) + ")"));
            return null;
        } catch (IOException e) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' cannot be read: " + e.getClass().getSimpleName()));
            return null;
        }
        if (!(tree instanceof Map<?, ?> root)) {
            problems.add(Problem.of(Setting.CONFIG.key(), "'" + shownPath + "' must be a YAML map with a jobs list"));
            return null;
        }
        int before = problems.size();
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Map.Entry<?, ?> e : root.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("defaults")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    problems.add(fileProblem(shownPath, "defaults must be a map of job settings"));
                    continue;
                }
                defaults.putAll(jobSettings(m, shownPath, "defaults", problems));
            } else if (key.equals("jobs")) {
                if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                    problems.add(fileProblem(shownPath, "jobs must be a non-empty list of jobs"));
                    continue;
                }
                int i = 0;
                for (Object o : list) {
                    i++;
                    if (!(o instanceof Map<?, ?> m)) {
                        problems.add(fileProblem(shownPath, "jobs entry " + i + " must be a map of job settings"));
                        continue;
                    }
                    jobs.add(jobSettings(m, shownPath, "jobs entry " + i, problems));
                }
            } else {
                Setting s = Setting.byName(key).orElse(null);
                if (s == null) {
                    problems.add(fileProblem(shownPath, unknown(key) + " at the top level"));
                } else if (!RUN_SETTINGS_ALLOWED.contains(s)) {
                    problems.add(fileProblem(shownPath, refusal(s, "at the top level")));
                } else {
                    run.put(s.key(), e.getValue());
                }
            }
        }
        if (!root.containsKey("jobs")) {
            problems.add(fileProblem(shownPath, "has no jobs list"));
        }
        return problems.size() > before ? null : new ConfigFile(run, defaults, jobs);
    }

    private static byte[] readBounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] content = in.readNBytes(MAX_BYTES + 1);
            if (content.length > MAX_BYTES) {
                throw new WorkspaceFiles.TooLargeException(file.getFileName() + " is larger than " + MAX_BYTES + " bytes");
            }
            return content;
        }
    }

    private static Map<String, Object> jobSettings(Map<?, ?> m, String shownPath, String where, List<Problem> problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            Setting s = Setting.byName(key).orElse(null);
            if (s == null) {
                problems.add(fileProblem(shownPath, unknown(key) + " in " + where));
            } else if (s.scope() != Setting.Scope.JOB) {
                problems.add(fileProblem(shownPath, refusal(s, "in " + where)));
            } else {
                out.put(s.key(), e.getValue());
            }
        }
        return out;
    }

    private static String unknown(String key) {
        return "'" + key + "' is not a setting" + Suggestions.closestSetting(key).map(s -> " (did you mean " + s.key() + "?)").orElse("");
    }

    private static String refusal(Setting s, String where) {
        return switch (s.scope()) {
            case CREDENTIAL -> "'" + s.key() + "' " + where + ": credentials never belong in the repository; pass them as CI secrets";
            case CONTEXT -> "'" + s.key() + "' " + where + ": the build context comes from the CI, not from the file";
            default -> "'" + s.key() + "' " + where + ": set it in the pipeline, not in the file (a pull request can"
                    + " change the file)";
        };
    }

    private static Problem fileProblem(String shownPath, String message) {
        return Problem.of(Setting.CONFIG.key(), shownPath + ": " + message);
    }
}
