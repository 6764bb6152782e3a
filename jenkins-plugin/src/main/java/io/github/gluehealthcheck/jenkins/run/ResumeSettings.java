package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.CheckSession;
import io.github.gluehealthcheck.engine.EngineOptions;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.jenkins.binding.AwsCredential;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.RequestBinding;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The non-secret settings a step needs to reach AWS again after a controller restart: region, endpoint, role to
 * assume, session name, the id of its Jenkins credential, repository and name prefix; plus how to report. Keys, tokens
 * and external ids are never here: after a restart they come again from that credential, from the step's environment
 * ({@code withAWS} and {@code withCredentials} restore theirs), or, where an administrator allows it, from the
 * controller's default chain; the controller's trust rules apply again.
 *
 * <p>Secret job arguments are not here either. What is kept instead is the names of the environment variables that
 * held their values (typically bound by {@code withCredentials}), so the values can be masked again after a restart.
 */
public final class ResumeSettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String region;
    private final String endpoint;
    private final String assumeRole;
    private final String roleSessionName;
    private final String credentialsId;
    private final String repo;
    private final String namePrefix;
    private final boolean debug;
    private final boolean unstableOnFailure;
    private final String reportDir;
    private final String title;
    private final ArrayList<String> secretVariables;

    private ResumeSettings(HealthCheckRequest request, String region, boolean unstableOnFailure, String reportDir,
            String title, List<String> secretVariables, String credentialsId) {
        AwsConnection c = request.connection();
        this.region = region;
        this.endpoint = c.endpoint().orElse(null);
        this.assumeRole = c.assumeRole().orElse(null);
        this.roleSessionName = c.roleSessionName().orElse(null);
        this.credentialsId = credentialsId;
        this.repo = request.context().repo();
        this.namePrefix = request.namePrefix();
        this.debug = request.debug();
        this.unstableOnFailure = unstableOnFailure;
        this.reportDir = reportDir;
        this.title = title;
        this.secretVariables = new ArrayList<>(secretVariables);
    }

    /**
     * The resume settings of a request.
     *
     * @param region            the region the clients were built for (resolved, so a restart uses the same one)
     * @param reportDir         where reports go, relative to the workspace, or null for none
     * @param title             what the step checks, for the report
     * @param secretVariables   names of environment variables whose values are secret job arguments
     */
    public static ResumeSettings of(HealthCheckRequest request, String region, boolean unstableOnFailure,
            String reportDir, String title, List<String> secretVariables) {
        return new ResumeSettings(request, region, unstableOnFailure, reportDir, title, secretVariables, null);
    }

    /** The same resume settings, remembering the id of the Jenkins credential the step used (not its keys). */
    public ResumeSettings withCredentialsId(String id) {
        return new ResumeSettings(this, id);
    }

    private ResumeSettings(ResumeSettings o, String credentialsId) {
        this.region = o.region;
        this.endpoint = o.endpoint;
        this.assumeRole = o.assumeRole;
        this.roleSessionName = o.roleSessionName;
        this.credentialsId = credentialsId;
        this.repo = o.repo;
        this.namePrefix = o.namePrefix;
        this.debug = o.debug;
        this.unstableOnFailure = o.unstableOnFailure;
        this.reportDir = o.reportDir;
        this.title = o.title;
        this.secretVariables = new ArrayList<>(o.secretVariables);
    }

    /** The id of the Jenkins AWS credential to resolve again after a restart, or null. */
    public String credentialsId() {
        return credentialsId;
    }

    /**
     * Settings that read back (in {@code sweep} mode, which needs no job list and no workspace file) to the same
     * connection and context, given the same environment.
     */
    public Map<String, Object> toSettings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(Setting.MODE.camelCase(), "sweep");
        put(s, Setting.REGION, region);
        put(s, Setting.ENDPOINT, endpoint);
        put(s, Setting.ASSUME_ROLE, assumeRole);
        put(s, Setting.ROLE_SESSION_NAME, roleSessionName);
        put(s, Setting.REPO, repo);
        put(s, Setting.NAME_PREFIX, namePrefix);
        return s;
    }

    /**
     * An AWS session again after a restart, or why there is none.
     *
     * @param session     the session, or null
     * @param redactor    masks the request's secrets and the secret arguments' values found again in the environment
     * @param unreachable why AWS cannot be reached again, or null
     */
    public record Reconnection(CheckSession session, Redactor redactor, String unreachable) {
    }

    /**
     * Opens an AWS session again from these settings and the step's environment ({@code withAWS} and
     * {@code withCredentials} restore their variables after a restart), under the controller's trust rules, with the
     * step's Jenkins credential resolved again (without an MFA code: a code is good for seconds only).
     */
    public Reconnection reconnect(Map<String, String> env, GlobalDefaults defaults, AwsCredential credential,
            EngineOptions.Builder engine) {
        if (localEndpoint()) {
            return new Reconnection(null, Redactor.NONE, "the embedded local endpoint (endpoint: 'local') ended with "
                    + "the Jenkins controller, and its runs with it");
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("glue-health-check-none");
            Map<String, Object> settings = new LinkedHashMap<>(toSettings());
            settings.put(Setting.WORKSPACE.camelCase(), scratch.toString());
            CredentialKeys keys = credentialsId == null ? null : credential.resolve(credentialsId, null);
            HealthCheckRequest request = RequestBinding.readAgain(settings, env, defaults, credentialsId, keys);
            List<String> secretArguments = new ArrayList<>();
            secretVariables.forEach(v -> secretArguments.add(env.get(v)));
            secretArguments.removeIf(Objects::isNull);
            // The engine masks with the request's secrets; everything printed or saved is masked again with this
            // redactor, which also knows the secret arguments' values from the environment.
            return new Reconnection(CheckSession.open(request, engine), request.redactor().with(secretArguments), null);
        } catch (StepSettingsException | IOException | RuntimeException e) {
            // Settings problems name settings, never values; anything else by its type only.
            return new Reconnection(null, Redactor.NONE, "could not reach AWS again after the Jenkins restart ("
                    + (e instanceof StepSettingsException || e instanceof InvalidSettingsException
                            ? e.getMessage().replace('\n', ';') : e.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reconnection(null, Redactor.NONE, "could not reach AWS again after the Jenkins restart "
                    + "(interrupted)");
        } finally {
            StepEnding.deleteQuietly(scratch);
        }
    }

    private static void put(Map<String, Object> s, Setting setting, String value) {
        if (value != null) {
            s.put(setting.camelCase(), value);
        }
    }

    public String region() {
        return region;
    }

    public String repo() {
        return repo;
    }

    /** True for {@code endpoint: 'local'}: the embedded endpoint, which does not outlive the controller. */
    public boolean localEndpoint() {
        return AwsConnection.LOCAL.equals(endpoint);
    }

    public boolean debug() {
        return debug;
    }

    public boolean unstableOnFailure() {
        return unstableOnFailure;
    }

    public String reportDir() {
        return reportDir;
    }

    public String title() {
        return title;
    }

    public List<String> secretVariables() {
        return List.copyOf(secretVariables);
    }
}
