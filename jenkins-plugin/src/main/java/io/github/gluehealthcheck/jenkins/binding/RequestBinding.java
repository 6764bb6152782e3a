package io.github.gluehealthcheck.jenkins.binding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.settings.ConfigFile;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

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
     * @param credentialsId   the Jenkins AWS credential the request's keys came from, or null
     */
    public record Bound(HealthCheckRequest request, String reportDir, String title, List<String> secretVariables,
            List<String> notes, Set<String> fromDefaults, String credentialsId) {
    }

    /** Stands in for a credential's keys while the settings are checked, before the credential is resolved. */
    private static final CredentialKeys NOT_YET_RESOLVED =
            new CredentialKeys("NOTYETRESOLVED", "not-yet-resolved", null);

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
        return bind(parameters, environment, defaults, workspace, scratch, null);
    }

    /**
     * Binds, with the step's Jenkins AWS credential ({@code credentialsId}, else the global default) resolved by
     * {@code credential} once every other setting was found usable.
     *
     * @param credential resolves a credential id to keys; null when credentials cannot be looked up
     */
    public static Bound bind(Map<String, Object> parameters, Map<String, String> environment, GlobalDefaults defaults,
            WorkspaceAccess workspace, Path scratch, AwsCredential credential)
            throws StepSettingsException, IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        Map<String, Object> settings = StepParameters.toSettings(parameters);
        String credentialsId = text(parameters.get(StepParameters.CREDENTIALS_ID));
        if (credentialsId == null && text(environment.get("AWS_ACCESS_KEY_ID")) == null) {
            // The default credential ranks below the keys of a withAWS or withCredentials around the step.
            credentialsId = text(defaults.credentialsId());
        }
        if (AwsConnection.LOCAL.equalsIgnoreCase(String.valueOf(settings.get(Setting.ENDPOINT.camelCase())).trim())) {
            credentialsId = null; // the local endpoint takes no credentials
        }
        String mfaToken = text(parameters.get(StepParameters.MFA_TOKEN));
        if (credentialsId != null && credential == null) {
            lines.add(StepParameters.CREDENTIALS_ID + ": '" + credentialsId + "' cannot be looked up here");
        }
        if (mfaToken != null && credentialsId == null) {
            lines.add(StepParameters.MFA_TOKEN + ": needs credentialsId: the AWS credential whose IAM role requires MFA");
        }

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

        if (configPath != null && windowsStyle(configPath)) {
            lines.add("config: '" + configPath + "' " + WINDOWS_STYLE);
        }
        scripts.stream().filter(RequestBinding::windowsStyle).distinct()
                .forEach(s -> lines.add("script: '" + s + "' " + WINDOWS_STYLE));

        ConfigFile config = null;
        if (workspace != null && configPath != null && WorkspaceAccess.staysInside(configPath)) {
            workspace.fetch(List.of(configPath));
            List<String> big = tooLarge(workspace, configPath, List.of());
            if (!big.isEmpty()) {
                lines.addAll(big);
                throw new StepSettingsException(lines); // not to be read at all, not even to find more problems
            }
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

        lines.addAll(ControllerTrust.endpointProblems(settings.get(Setting.ENDPOINT.camelCase()), defaults));
        if (workspace != null) {
            lines.addAll(tooLarge(workspace, null, scripts));
        }

        ControllerTrust.Environment trusted = ControllerTrust.environment(environment, defaults);
        Map<String, String> env = credentialsId == null ? trusted.variables()
                : ControllerTrust.withKeys(trusted.variables(), NOT_YET_RESOLVED);
        GlobalDefaults.Applied applied = defaults.applyTo(settings, env, config);
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
                if (workspace != null && line.contains("does not exist in the workspace")
                        && Stream.concat(workspace.tooLarge().stream(), workspace.linksOutside().stream())
                                .anyMatch(p -> line.contains("'" + p + "'"))) {
                    continue; // it exists, on the agent; already said above why it was not brought over
                }
                lines.add(line);
            }
        }
        if (request != null) {
            ControllerTrust.credentialProblem(request.connection(), defaults).ifPresent(lines::add);
        }
        if (!lines.isEmpty()) {
            throw new StepSettingsException(lines);
        }
        if (credentialsId != null) {
            CredentialKeys keys = credential.resolve(credentialsId, mfaToken);
            Map<String, String> withKeys = ControllerTrust.withKeys(applied.environment(), keys);
            try {
                request = SettingsReader.read(toRead, withKeys, JenkinsContext.detect(environment));
            } catch (InvalidSettingsException e) {
                throw new StepSettingsException(ProblemLines.of(e, applied.fromDefaults()));
            }
            request = ControllerTrust.withWebIdentity(request, keys, credentialsId);
        }

        List<String> notes = new ArrayList<>(trusted.notes());
        notes.addAll(request.warnings());
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
                notes, applied.fromDefaults(), credentialsId);
    }

    /**
     * Reads the settings kept for a restarted step against its environment, under the same rules as at its start: the
     * controller's files and identity stay out of reach after a restart too; the step's Jenkins credential is
     * resolved again: its keys in place of the environment's, or its web identity token on the connection.
     *
     * @param credentialsId the credential's id, or null
     * @param keys          what it resolved to, or null
     * @throws StepSettingsException with one line per problem
     */
    public static HealthCheckRequest readAgain(Map<String, Object> settings, Map<String, String> environment,
            GlobalDefaults defaults, String credentialsId, CredentialKeys keys) throws StepSettingsException {
        List<String> lines = new ArrayList<>(
                ControllerTrust.endpointProblems(settings.get(Setting.ENDPOINT.camelCase()), defaults));
        Map<String, String> env = ControllerTrust.environment(environment, defaults).variables();
        if (keys != null) {
            env = ControllerTrust.withKeys(env, keys);
        }
        HealthCheckRequest request = null;
        try {
            request = SettingsReader.read(settings, env, JenkinsContext.detect(env));
            if (keys != null) {
                request = ControllerTrust.withWebIdentity(request, keys, credentialsId);
            }
            ControllerTrust.credentialProblem(request.connection(), defaults).ifPresent(lines::add);
        } catch (InvalidSettingsException e) {
            lines.addAll(ProblemLines.of(e, Set.of()));
        }
        if (!lines.isEmpty()) {
            throw new StepSettingsException(lines);
        }
        return request;
    }

    /**
     * One line per named workspace file that is larger than the engine may read into the controller's memory (agent
     * files that large were not even copied: {@link WorkspaceAccess#tooLarge}), or that a link on the agent leads out
     * of the workspace (not read there: {@link WorkspaceAccess#linksOutside}).
     */
    private static List<String> tooLarge(WorkspaceAccess workspace, String configPath, List<String> scripts) {
        Path root = workspace.localRoot();
        List<String> lines = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        if (configPath != null) {
            named.put(configPath, Setting.CONFIG.camelCase());
        }
        scripts.forEach(s -> named.putIfAbsent(s, Setting.SCRIPT.camelCase()));
        named.forEach((path, setting) -> {
            if (path.startsWith("s3://") || !WorkspaceAccess.staysInside(path)) {
                return;
            }
            Path file = root.resolve(path).normalize();
            if (workspace.tooLarge().contains(path)) {
                lines.add(tooLargeLine(setting, path));
                return;
            }
            if (workspace.linksOutside().contains(path)) {
                lines.add(setting + ": '" + path + "' links outside the workspace"); // as the settings reader says
                return;
            }
            try {
                // A link that leads out of the workspace is left to the settings reader, which refuses it: not even
                // its size is looked at.
                Path real = file.toRealPath();
                if (real.startsWith(root.toRealPath()) && Files.isRegularFile(real)
                        && Files.size(real) > WorkspaceAccess.MAX_FILE_BYTES) {
                    lines.add(tooLargeLine(setting, path));
                }
            } catch (IOException e) {
                // The settings reader reports a file it cannot read.
            }
        });
        return lines;
    }

    private static String tooLargeLine(String setting, String path) {
        return setting + ": '" + path + "' is larger than " + WorkspaceAccess.MAX_FILE_BYTES / (1024 * 1024)
                + " MB, the most a job script or config file may be";
    }

    private static final String WINDOWS_STYLE = "must be a workspace path with / between folders, without a drive "
            + "letter or backslash (an agent on Windows would read it as a path outside the workspace)";

    /** A backslash or a colon: harmless on this controller, a separator or a drive on a Windows agent. */
    private static boolean windowsStyle(String path) {
        return !path.startsWith("s3://") && (path.indexOf('\\') >= 0 || path.indexOf(':') >= 0);
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
