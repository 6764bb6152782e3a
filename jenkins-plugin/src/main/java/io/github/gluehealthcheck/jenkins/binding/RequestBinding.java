package io.github.gluehealthcheck.jenkins.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.engine.settings.ConfigFile;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a step's parameters into the engine's validated request, with no AWS call: brings the config file and the
 * job scripts from the workspace (which may be on an agent) to the controller, applies the administrator's defaults
 * where nothing ranks above them, and reads everything with the engine's {@link SettingsReader}. Every problem is
 * collected and reported together, one line each, in the step's parameter names.
 */
public final class RequestBinding {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBinding() {
    }

    /**
     * A step's request, ready for the engine.
     *
     * @param request         the validated request
     * @param reportDir       where the reports go, relative to the workspace; null without a workspace
     * @param title           what the step checks, for the build page ({@code jobs/orders.py}, {@code .glue-health.yml})
     * @param secretVariables names of environment variables that hold secret job arguments (masked again after a
     *                        controller restart)
     * @param notes           warnings worth printing (unknown settings, secrets that cannot be masked after a restart)
     * @param fromDefaults    camelCase names of settings whose value came from the global defaults
     */
    public record Bound(HealthCheckRequest request, String reportDir, String title, List<String> secretVariables,
            List<String> notes, Set<String> fromDefaults) {
    }

    /**
     * Binds.
     *
     * @param parameters  the step's parameters by camelCase name (unset ones absent)
     * @param environment the step's environment ({@code EnvVars})
     * @param defaults    the administrator's defaults
     * @param workspace   the step's workspace, or null outside a {@code node} block
     * @param scratch     an empty directory to read against when there is no workspace
     * @throws StepSettingsException with one line per problem
     */
    public static Bound bind(Map<String, Object> parameters, Map<String, String> environment, GlobalDefaults defaults,
            WorkspaceAccess workspace, Path scratch) throws StepSettingsException, IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        Map<String, Object> settings = StepParameters.toSettings(parameters);

        String configPath = text(settings.get(Setting.CONFIG.camelCase()));
        List<String> scripts = new ArrayList<>();
        scripts(settings.get(Setting.SCRIPT.camelCase()), scripts);
        jobScripts(settings.get(Setting.JOBS.camelCase()), scripts);

        if (workspace == null) {
            if (configPath != null) {
                lines.add("config: '" + configPath + "' is a workspace file, but the step runs outside a node block; "
                        + "run it inside node { ... }");
            }
            for (String s : scripts) {
                if (!s.startsWith("s3://")) {
                    lines.add("script: '" + s + "' is a workspace file, but the step runs outside a node block; run it "
                            + "inside node { ... } or give an s3:// URI");
                }
            }
        }

        ConfigFile config = null;
        if (workspace != null && configPath != null && WorkspaceAccess.staysInside(configPath)) {
            workspace.fetch(List.of(configPath));
            // Read here only to rank the defaults and find the scripts to fetch; the reader reports its problems.
            config = ConfigFile.read(workspace.localRoot().resolve(configPath).normalize(), configPath, new ArrayList<>());
            if (config != null) {
                config.jobs().forEach(j -> scripts(j.get(Setting.SCRIPT.key()), scripts));
                scripts(config.defaults().get(Setting.SCRIPT.key()), scripts);
            }
        }
        if (workspace != null) {
            workspace.fetch(scripts.stream().filter(s -> !s.startsWith("s3://")).distinct().toList());
        }

        Object endpoint = settings.get(Setting.ENDPOINT.camelCase());
        if (endpoint instanceof String e && e.trim().equalsIgnoreCase("local") && !defaults.allowLocalEndpoint()) {
            lines.add("endpoint: 'local' runs Python shell job scripts with the controller's python3, so an administrator "
                    + "must allow it first (Manage Jenkins > System > Glue health check)");
        }

        GlobalDefaults.Applied applied = defaults.applyTo(settings, environment, config);
        Map<String, Object> toRead = new LinkedHashMap<>(applied.settings());
        Path root = workspace == null ? scratch : workspace.localRoot();
        toRead.put(Setting.WORKSPACE.camelCase(), root.toString());
        HealthCheckRequest request = null;
        try {
            request = SettingsReader.read(toRead, applied.environment(), JenkinsContext.detect(environment));
        } catch (InvalidSettingsException e) {
            for (String line : ProblemLines.of(e, applied.fromDefaults())) {
                if (workspace == null && line.contains("does not exist in the workspace")) {
                    continue; // already said more usefully above: there is no workspace
                }
                lines.add(line);
            }
        }
        if (!lines.isEmpty()) {
            throw new StepSettingsException(lines);
        }

        List<String> notes = new ArrayList<>(request.warnings());
        Set<String> secretVariables = new TreeSet<>();
        Set<String> connectionSecrets = new LinkedHashSet<>(request.connection().secretValues());
        boolean literal = false;
        for (CheckSpec c : request.checks()) {
            for (String value : c.secretValues()) {
                if (connectionSecrets.contains(value)) {
                    continue;
                }
                List<String> names = environment.entrySet().stream().filter(e -> value.equals(e.getValue()))
                        .map(Map.Entry::getKey).toList();
                if (names.isEmpty()) {
                    literal = true;
                }
                secretVariables.addAll(names);
            }
        }
        if (literal) {
            notes.add("a secret argument's value is not from the environment, so it cannot be masked again after a "
                    + "controller restart; bind it with withCredentials and pass env.NAME");
        }
        String reportRelative = workspace == null ? null
                : request.workspace().relativize(request.reportDir()).toString().replace('\\', '/');
        return new Bound(request, reportRelative, title(configPath, settings, request), List.copyOf(secretVariables),
                notes, applied.fromDefaults());
    }

    private static String title(String configPath, Map<String, Object> settings, HealthCheckRequest request) {
        if (request.mode() == HealthCheckRequest.Mode.SWEEP) {
            return "sweep";
        }
        if (configPath != null) {
            return configPath;
        }
        String script = text(settings.get(Setting.SCRIPT.camelCase()));
        if (script != null) {
            return script;
        }
        return String.join(", ", request.checks().stream().map(CheckSpec::jobName).toList());
    }

    private static void scripts(Object value, List<String> into) {
        String s = text(value);
        if (s != null) {
            into.add(s);
        }
    }

    /** Scripts named in a {@code jobs} parameter: a Groovy list of maps, or the same as JSON text. */
    private static void jobScripts(Object jobs, List<String> into) {
        Object list = jobs;
        if (jobs instanceof CharSequence text) {
            try {
                list = JSON.readValue(text.toString(), Object.class);
            } catch (JsonProcessingException e) {
                return; // the reader reports it
            }
        }
        if (list instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (Setting.byName(String.valueOf(e.getKey())).orElse(null) == Setting.SCRIPT) {
                            scripts(e.getValue(), into);
                        }
                    }
                }
            }
        }
    }

    private static String text(Object value) {
        if (value == null || value instanceof Map || value instanceof List) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
