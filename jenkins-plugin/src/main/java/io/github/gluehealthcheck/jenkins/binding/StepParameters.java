package io.github.gluehealthcheck.jenkins.binding;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which settings of the settings contract the {@code glueHealthCheck} step takes as parameters (their camelCase
 * names), and how the step's values become the settings map the engine reads.
 *
 * <p>Every setting is a parameter except the ones in {@link #NOT_PARAMETERS}: Jenkins records a step's arguments
 * with the build (the Pipeline Steps view and the build's files on disk show them), so credentials are never step
 * parameters; they come from a Jenkins credential ({@code credentialsId}), {@code withAWS}, {@code withCredentials}
 * or, where an administrator allows it, the controller's default chain. Nor is any path of a file on the controller.
 */
public final class StepParameters {

    /** The Jenkins-only parameter: a failed check marks the build UNSTABLE and returns instead of failing the step. */
    public static final String UNSTABLE_ON_FAILURE = "unstableOnFailure";

    /** The Jenkins-only parameter: the id of an AWS credential (CloudBees AWS Credentials) to check with. */
    public static final String CREDENTIALS_ID = "credentialsId";

    /** The Jenkins-only parameter: the MFA code the IAM role of that credential requires. */
    public static final String MFA_TOKEN = "mfaToken";

    /** Parameters of the step that are not settings of the engine: Jenkins reads them. */
    public static final List<String> JENKINS_ONLY = List.of(CREDENTIALS_ID, MFA_TOKEN, UNSTABLE_ON_FAILURE);

    /**
     * {@code healthCheckArgument: 'none'} adds no argument. The contract's way to say so, an empty value, cannot be
     * told apart from an untouched Snippet Generator field, which must mean "the default".
     */
    public static final String NO_HEALTH_CHECK_ARGUMENT = "none";

    /** Settings that are deliberately not step parameters, with the reason shown in the docs. */
    public static final Map<Setting, String> NOT_PARAMETERS;

    static {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        String secret = "secret: a step's arguments are recorded with the build; use withAWS or "
                + "withCredentials([aws(...)]), whose AWS_* variables the step reads";
        m.put(Setting.ACCESS_KEY, secret);
        m.put(Setting.SECRET_KEY, secret);
        m.put(Setting.SESSION_TOKEN, secret);
        m.put(Setting.EXTERNAL_ID, "secret: assume the role with withAWS(role: ..., externalId: ...) instead");
        m.put(Setting.WEB_IDENTITY_TOKEN_FILE, "a path on the Jenkins controller, where the step runs: a Pipeline must "
                + "not make the controller read its files; give credentialsId, or use withAWS or withCredentials");
        m.put(Setting.WORKSPACE, "the step uses the workspace of the node block it runs in (change it with dir)");
        NOT_PARAMETERS = Map.copyOf(m);
    }

    private StepParameters() {
    }

    /** The settings that are step parameters, in the contract's order. */
    public static List<Setting> settings() {
        return Arrays.stream(Setting.values()).filter(s -> !NOT_PARAMETERS.containsKey(s)).toList();
    }

    /** Every parameter name of the step: the settings' camelCase names, then the {@link #JENKINS_ONLY} ones. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(settings().stream().map(Setting::camelCase).toList());
        names.addAll(JENKINS_ONLY);
        return List.copyOf(names);
    }

    /**
     * The settings map for {@link io.github.gluehealthcheck.engine.settings.SettingsReader}: the given parameters by
     * camelCase name, without unset ones (null, or blank text), and without Jenkins-only parameters. Values keep
     * their Groovy types (numbers, booleans, lists, maps); the reader accepts those as well as text.
     *
     * @throws IllegalArgumentException for a name that is not a settings parameter (a programming error)
     */
    public static Map<String, Object> toSettings(Map<String, ?> parameters) {
        Map<String, Object> settings = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (JENKINS_ONLY.contains(name)) {
                return;
            }
            Setting s = Setting.byName(name).filter(x -> x.camelCase().equals(name))
                    .orElseThrow(() -> new IllegalArgumentException("not a step parameter: " + name));
            if (NOT_PARAMETERS.containsKey(s)) {
                throw new IllegalArgumentException("not a step parameter: " + name);
            }
            if (s == Setting.HEALTH_CHECK_ARGUMENT && value instanceof CharSequence text
                    && text.toString().trim().equalsIgnoreCase(NO_HEALTH_CHECK_ARGUMENT)) {
                settings.put(name, "");
            } else if (isSet(value)) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** Null, blank text and empty collections count as unset: that is what an empty Snippet Generator field sends. */
    public static boolean isSet(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof CharSequence text) {
            return !text.toString().isBlank();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }
}
