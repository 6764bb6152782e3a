package io.github.gluehealthcheck.jenkins.binding;

import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.Secret;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a Pipeline author may make the Jenkins controller do. The step runs in the controller's JVM, with the
 * controller's files, network position and AWS identity, and anyone who can change a Jenkinsfile controls its
 * arguments and its environment ({@code withEnv}). So:
 *
 * <ul>
 * <li>no setting names a file on the controller: web identity token files and AWS config profiles named in the
 *     step's environment are ignored;</li>
 * <li>an endpoint override must be on the administrator's list, and an endpoint on the controller itself (any
 *     loopback or own address, however it is spelled) is gated like {@code local};</li>
 * <li>without credentials of its own (a {@code credentialsId}, {@code withAWS}, {@code withCredentials}) a step acts as
 *     the controller's AWS identity only if an administrator allowed it;</li>
 * <li>web identity only from a Jenkins credential (Secret text or Secret file, by {@code credentialsId}), looked up in
 *     the build's context: its token is exchanged anonymously, never with the controller's identity.</li>
 * </ul>
 */
public final class ControllerTrust {
    /** Where an administrator changes what this class refuses. */
    public static final String SETTINGS_PAGE = "Manage Jenkins > System > Glue health check";

    /** Variables that would make the controller read a file it names (with the role they go with). */
    private static final List<String> FILE_VARIABLES =
            List.of("AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME");
    /** Picks a profile of the controller's own AWS config files: part of the controller's identity. */
    private static final String PROFILE_VARIABLE = "AWS_PROFILE";
    /** The variables a credential binding sets; replaced together by a step's own credential. */
    private static final List<String> KEY_VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private ControllerTrust() {
    }

    /**
     * The step's environment as the engine may read it on the controller, and what was left out.
     *
     * @param variables the environment to read with
     * @param notes     one line per variable left out, saying why
     */
    public record Environment(Map<String, String> variables, List<String> notes) {
    }

    /** Leaves out what would make the controller read one of its files or use one of its AWS config profiles. */
    public static Environment environment(Map<String, String> stepEnvironment, GlobalDefaults defaults) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(stepEnvironment);
        List<String> notes = new ArrayList<>();
        if (isSet(env.get(FILE_VARIABLES.get(0)))) {
            notes.add(FILE_VARIABLES.get(0) + " is ignored: the step runs on the Jenkins controller and reads no file a "
                    + "Pipeline names there; give credentialsId, or use withAWS or withCredentials([aws(...)])");
        }
        FILE_VARIABLES.forEach(env::remove);
        if (!defaults.allowControllerCredentials() && isSet(env.get(PROFILE_VARIABLE))) {
            notes.add(PROFILE_VARIABLE + " is ignored: its profiles are the Jenkins controller's own AWS identity, which "
                    + "an administrator has not allowed steps to use (" + SETTINGS_PAGE + ")");
            env.remove(PROFILE_VARIABLE);
        }
        return new Environment(env, notes);
    }

    /**
     * The step's environment with a credential's keys in place of any the environment had: a step's own credential
     * wins over the {@code withAWS} / {@code withCredentials} around it, and keys and token go together.
     */
    public static Map<String, String> withKeys(Map<String, String> stepEnvironment, CredentialKeys keys) {
        Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(stepEnvironment);
        KEY_VARIABLES.forEach(env::remove);
        if (keys.isWebIdentity()) {
            return env; // no keys at all: the token goes on the connection once read (withWebIdentity)
        }
        env.put("AWS_ACCESS_KEY_ID", keys.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", keys.secretKey());
        if (keys.sessionToken() != null) {
            env.put("AWS_SESSION_TOKEN", keys.sessionToken());
        }
        return env;
    }

    /**
     * The request with a web identity token credential's token on its connection, exchanged by STS
     * AssumeRoleWithWebIdentity for the step's {@code assumeRole} (anonymously: the controller's own identity is not
     * used); the request unchanged for AWS keys.
     *
     * @param id the credential's id, for the message when {@code assumeRole} is missing
     * @throws StepSettingsException one line when the step names no role to assume with the token
     */
    public static HealthCheckRequest withWebIdentity(HealthCheckRequest request, CredentialKeys keys, String id)
            throws StepSettingsException {
        if (!keys.isWebIdentity()) {
            return request;
        }
        if (request.connection().assumeRole().isEmpty()) {
            throw new StepSettingsException(List.of("assumeRole: is missing: " + StepParameters.CREDENTIALS_ID + " '"
                    + id + "' holds a web identity token, which needs the ARN of the role to assume with it"));
        }
        try {
            return request.withConnection(request.connection().toBuilder()
                    .webIdentityToken(Secret.of(keys.webIdentityToken())).build());
        } catch (InvalidSettingsException e) {
            throw new StepSettingsException(ProblemLines.of(e, java.util.Set.of()));
        }
    }

    /**
     * Problems with an endpoint setting, one line each: {@code local} or an endpoint on the controller without the
     * administrator's consent to local mode, or a URL that is not on the administrator's list. A value that is not an
     * http(s) URL at all is left to the settings reader, which says what is allowed.
     */
    public static List<String> endpointProblems(Object endpoint, GlobalDefaults defaults) {
        List<String> lines = new ArrayList<>();
        String e = endpoint == null ? null : endpoint.toString().trim();
        if (e == null || e.isEmpty()) {
            return lines;
        }
        if (e.equalsIgnoreCase(AwsConnection.LOCAL)) {
            if (!defaults.allowLocalEndpoint()) {
                lines.add("endpoint: 'local' runs Python shell job scripts with the controller's python3, so an "
                        + "administrator must allow it first (" + SETTINGS_PAGE + ")");
            }
            return lines;
        }
        Optional<String> normal = normalized(e);
        if (normal.isEmpty()) {
            return lines;
        }
        boolean listed = defaults.allowedEndpoints().stream().map(ControllerTrust::normalized)
                .anyMatch(a -> a.equals(normal));
        // Only a name an administrator listed is looked up in DNS: a Pipeline must not make the controller resolve
        // names of its choosing. Unlisted ones are refused anyway; their literal spellings are still recognised.
        String host = URI.create(e).getHost();
        if (!defaults.allowLocalEndpoint() && (listed ? isOnController(host) : isLiteralOnController(host))) {
            lines.add("endpoint: '" + e + "' is on the Jenkins controller itself, which is gated like 'local': an "
                    + "administrator must allow the local endpoint first (" + SETTINGS_PAGE + ")");
        }
        if (!listed) {
            lines.add("endpoint: '" + e + "' is not on the administrator's list of allowed endpoints ("
                    + (defaults.allowedEndpoints().isEmpty() ? "the list is empty"
                            : "allowed: " + String.join(", ", defaults.allowedEndpoints()))
                    + "; " + SETTINGS_PAGE + ")");
        }
        return lines;
    }

    /**
     * The problem, if any, with how a request reaches AWS: without keys of its own, the engine would use the
     * controller's default credential chain.
     */
    public static Optional<String> credentialProblem(AwsConnection connection, GlobalDefaults defaults) {
        if (connection == null || connection.isLocal() || connection.hasStaticKeys()
                || connection.webIdentityToken().isPresent() || defaults.allowControllerCredentials()) {
            return Optional.empty();
        }
        return Optional.of(controllerIdentityRefused("credentials: none given"));
    }

    /** The line that refuses the controller's own AWS identity, after {@code what} says how it would have been used. */
    public static String controllerIdentityRefused(String what) {
        return what + ", so the step would act as the Jenkins controller's own AWS identity (its instance profile, pod "
                + "role or AWS config profiles), which an administrator has not allowed (" + SETTINGS_PAGE
                + "); give credentialsId, or use withAWS(credentials: ...) or withCredentials([aws(...)])";
    }

    /**
     * The endpoint in one spelling ({@code scheme://host:port/path}, lower case, default port written, no trailing
     * slash), or empty when it is not an http(s) URL with a host.
     */
    static Optional<String> normalized(String endpoint) {
        try {
            URI uri = new URI(endpoint.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            String rest = (uri.getRawUserInfo() == null ? "" : " user " + uri.getRawUserInfo())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
            return Optional.of(scheme + "://" + host + ":" + port + path + rest);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a host is this machine: a loopback or wildcard address, or an address of one of its interfaces, in
     * whatever spelling the JDK (and so the AWS SDK's HTTP client) resolves ({@code localhost}, {@code 127.1},
     * {@code [::1]}, {@code [::ffff:127.0.0.1]}, a name that resolves there).
     */
    static boolean isOnController(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("localhost.")) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(h)) {
                if (a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null) {
                    return true;
                }
            }
        } catch (UnknownHostException | SocketException | SecurityException e) {
            return false; // cannot be reached either; the list decides
        }
        return false;
    }

    /** {@link #isOnController} for names of the localhost kind and IP address literals only: no DNS lookup. */
    static boolean isLiteralOnController(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = h.contains(":") || h.matches("[0-9.]+");
        String lower = h.toLowerCase(Locale.ROOT);
        boolean localName = lower.equals("localhost") || lower.endsWith(".localhost") || lower.equals("localhost.");
        return localName || literal && isOnController(h);
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
