package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The non-secret settings a step needs to reach AWS again after a controller restart: region, endpoint, role to
 * assume, session name, token file, repository and name prefix; plus how to report. Keys, tokens and external ids are
 * never here: after a restart they come again from the step's environment ({@code withAWS} and
 * {@code withCredentials} restore theirs), or from the controller's default chain.
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
    private final String webIdentityTokenFile;
    private final String repo;
    private final String namePrefix;
    private final boolean debug;
    private final boolean unstableOnFailure;
    private final String reportDir;
    private final String title;
    private final ArrayList<String> secretVariables;

    private ResumeSettings(HealthCheckRequest request, String region, boolean unstableOnFailure, String reportDir,
            String title, List<String> secretVariables) {
        AwsConnection c = request.connection();
        this.region = region;
        this.endpoint = c.endpoint().orElse(null);
        this.assumeRole = c.assumeRole().orElse(null);
        this.roleSessionName = c.roleSessionName().orElse(null);
        this.webIdentityTokenFile = c.webIdentityTokenFile().map(Path::toString).orElse(null);
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
        return new ResumeSettings(request, region, unstableOnFailure, reportDir, title, secretVariables);
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
        put(s, Setting.WEB_IDENTITY_TOKEN_FILE, webIdentityTokenFile);
        put(s, Setting.REPO, repo);
        put(s, Setting.NAME_PREFIX, namePrefix);
        return s;
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
