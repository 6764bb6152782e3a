package io.github.gluehealthcheck.engine.aws;

import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach AWS: region, endpoint override, and where credentials come from. Secrets are held as
 * {@link Secret}s so that printing a connection never shows one.
 */
public final class AwsConnection {
    /** The endpoint setting that starts the embedded local AWS endpoint. */
    public static final String LOCAL = "local";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private final String region;
    private final String endpoint;
    private final String accessKey;
    private final Secret secretKey;
    private final Secret sessionToken;
    private final String assumeRole;
    private final Secret externalId;
    private final String roleSessionName;
    private final Path webIdentityTokenFile;
    private final Secret webIdentityToken;
    private final String profile;
    private final String credentialOrigin;
    private final Duration attemptTimeout;
    private final Duration callTimeout;
    private final int maxAttempts;
    private final Duration sdkBackoffBase;
    private final Duration sdkBackoffMax;

    private AwsConnection(Builder b) {
        this.region = b.region;
        this.endpoint = b.endpoint;
        this.accessKey = b.accessKey == null ? null : b.accessKey.reveal();
        this.secretKey = b.secretKey;
        this.sessionToken = b.sessionToken;
        this.assumeRole = b.assumeRole;
        this.externalId = b.externalId;
        this.roleSessionName = b.roleSessionName;
        this.webIdentityTokenFile = b.webIdentityTokenFile;
        this.webIdentityToken = b.webIdentityToken;
        this.profile = b.profile;
        this.credentialOrigin = b.credentialOrigin;
        this.attemptTimeout = b.attemptTimeout;
        this.callTimeout = b.callTimeout;
        this.maxAttempts = b.maxAttempts;
        this.sdkBackoffBase = b.sdkBackoffBase;
        this.sdkBackoffMax = b.sdkBackoffMax;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpoint = endpoint;
        b.accessKey = Secret.of(accessKey);
        b.secretKey = secretKey;
        b.sessionToken = sessionToken;
        b.assumeRole = assumeRole;
        b.externalId = externalId;
        b.roleSessionName = roleSessionName;
        b.webIdentityTokenFile = webIdentityTokenFile;
        b.webIdentityToken = webIdentityToken;
        b.profile = profile;
        b.credentialOrigin = credentialOrigin;
        b.attemptTimeout = attemptTimeout;
        b.callTimeout = callTimeout;
        b.maxAttempts = maxAttempts;
        b.sdkBackoffBase = sdkBackoffBase;
        b.sdkBackoffMax = sdkBackoffMax;
        return b;
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Null for AWS itself, {@link #LOCAL}, or an http(s) URI. */
    public Optional<String> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    public boolean isLocal() {
        return LOCAL.equals(endpoint);
    }

    /** Access key id: not a secret by AWS's own rules, but printed only in part. */
    Optional<String> accessKey() {
        return Optional.ofNullable(accessKey);
    }

    Optional<Secret> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    Optional<Secret> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    public Optional<String> assumeRole() {
        return Optional.ofNullable(assumeRole);
    }

    Optional<Secret> externalId() {
        return Optional.ofNullable(externalId);
    }

    public Optional<String> roleSessionName() {
        return Optional.ofNullable(roleSessionName);
    }

    public Optional<Path> webIdentityTokenFile() {
        return Optional.ofNullable(webIdentityTokenFile);
    }

    /**
     * A web identity token held in memory (a Jenkins credential's), sent to STS AssumeRoleWithWebIdentity for
     * {@link #assumeRole()}; never printed.
     */
    public Optional<Secret> webIdentityToken() {
        return Optional.ofNullable(webIdentityToken);
    }

    /** A named profile from the AWS config files (AWS_PROFILE), used when no keys are given. */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    public boolean hasStaticKeys() {
        return accessKey != null;
    }

    /** The longest one HTTP attempt may take before the SDK gives up on it and retries. */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /** The longest one API call may take, retries included. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The SDK's retry backoff (base, max) when overridden, else null for the SDK's own. */
    public Duration sdkBackoffBase() {
        return sdkBackoffBase;
    }

    public Duration sdkBackoffMax() {
        return sdkBackoffMax;
    }

    /** Every secret value held, for masking output; never print these. */
    public List<String> secretValues() {
        List<String> values = new ArrayList<>();
        for (Secret s : new Secret[] {secretKey, sessionToken, externalId, webIdentityToken}) {
            if (s != null) {
                values.add(s.reveal());
            }
        }
        if (accessKey != null) {
            values.add(accessKey);
        }
        return values;
    }

    @Override
    public String toString() {
        return "AwsConnection[region=" + region + ", endpoint=" + endpoint + ", credentials=" + credentialSource() + "]";
    }

    /** Where credentials come from, in words, without any value: safe to print. */
    public String credentialSource() {
        if (isLocal() && accessKey == null && assumeRole == null) {
            return "local endpoint (no AWS credentials needed)";
        }
        String base = accessKey != null
                ? "static keys from " + credentialOrigin + (sessionToken != null ? " with session token" : "")
                : webIdentityTokenFile != null ? "web identity token file"
                : webIdentityToken != null ? "web identity token"
                : profile != null ? "profile " + profile : "default credentials chain";
        if (assumeRole != null) {
            return base + ", assuming role " + assumeRole + (externalId != null ? " (with external id)" : "");
        }
        return base;
    }

    /** Collects connection settings; {@link #build()} checks they fit together. */
    public static final class Builder {
        private String region;
        private String endpoint;
        private Secret accessKey;
        private Secret secretKey;
        private Secret sessionToken;
        private String assumeRole;
        private Secret externalId;
        private String roleSessionName;
        private Path webIdentityTokenFile;
        private Secret webIdentityToken;
        private String profile;
        private String credentialOrigin = "settings";
        private Duration attemptTimeout = Duration.ofSeconds(20);
        private Duration callTimeout = Duration.ofSeconds(90);
        private int maxAttempts = 5;
        private Duration sdkBackoffBase;
        private Duration sdkBackoffMax;

        private Builder() {
        }

        public Builder region(String region) {
            this.region = blankToNull(region);
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = blankToNull(endpoint);
            return this;
        }

        public Builder accessKey(Secret accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        public Builder secretKey(Secret secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        public Builder sessionToken(Secret sessionToken) {
            this.sessionToken = sessionToken;
            return this;
        }

        public Builder assumeRole(String assumeRole) {
            this.assumeRole = blankToNull(assumeRole);
            return this;
        }

        public Builder externalId(Secret externalId) {
            this.externalId = externalId;
            return this;
        }

        public Builder roleSessionName(String roleSessionName) {
            this.roleSessionName = blankToNull(roleSessionName);
            return this;
        }

        public Builder webIdentityTokenFile(Path webIdentityTokenFile) {
            this.webIdentityTokenFile = webIdentityTokenFile;
            return this;
        }

        /** A web identity token itself (from a Jenkins credential), in place of a token file. */
        public Builder webIdentityToken(Secret webIdentityToken) {
            this.webIdentityToken = webIdentityToken;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = blankToNull(profile);
            return this;
        }

        /** Where static keys came from, for messages: {@code settings} (default) or {@code environment}. */
        public Builder credentialOrigin(String origin) {
            this.credentialOrigin = origin;
            return this;
        }

        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
            return this;
        }

        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = callTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Overrides the SDK's retry backoff (for errors and for throttling). Not a user setting: tests and
         * benchmarks use it to keep fault scenarios short.
         */
        public Builder sdkBackoff(Duration base, Duration max) {
            this.sdkBackoffBase = base;
            this.sdkBackoffMax = max;
            return this;
        }

        public List<Problem> problems() {
            List<Problem> problems = new ArrayList<>();
            if (region != null && !REGION.matcher(region).matches()) {
                problems.add(problem(Setting.REGION, "'" + region + "' is not an AWS region such as eu-west-1"));
            }
            if (endpoint != null && !LOCAL.equals(endpoint)) {
                try {
                    URI uri = new URI(endpoint);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        problems.add(problem(Setting.ENDPOINT, "'" + endpoint + "' must be 'local' or an http(s) URL"));
                    }
                } catch (java.net.URISyntaxException e) {
                    problems.add(problem(Setting.ENDPOINT, "'" + endpoint + "' must be 'local' or an http(s) URL"));
                }
            }
            if ((accessKey == null) != (secretKey == null)) {
                problems.add(accessKey == null
                        ? problem(Setting.ACCESS_KEY, "is missing: secret_key is set, so access_key must be set too")
                        : problem(Setting.SECRET_KEY, "is missing: access_key is set, so secret_key must be set too"));
            }
            if (sessionToken != null && accessKey == null) {
                problems.add(problem(Setting.SESSION_TOKEN, "needs access_key and secret_key"));
            }
            if (assumeRole != null && !ROLE_ARN.matcher(assumeRole).matches()) {
                problems.add(problem(Setting.ASSUME_ROLE, "'" + assumeRole
                        + "' is not an IAM role ARN (arn:aws:iam::123456789012:role/name)"));
            }
            if (externalId != null && assumeRole == null) {
                problems.add(problem(Setting.EXTERNAL_ID, "needs assume_role"));
            }
            if (externalId != null && (externalId.reveal().length() < 2 || externalId.reveal().length() > 1224)) {
                problems.add(problem(Setting.EXTERNAL_ID, "must have 2 to 1224 characters"));
            }
            if (roleSessionName != null && !SESSION_NAME.matcher(roleSessionName).matches()) {
                problems.add(problem(Setting.ROLE_SESSION_NAME, "'" + roleSessionName
                        + "' must have 2-64 letters, digits or +=,.@_-"));
            }
            // The token file is not probed here: whoever names a path must not learn from the answer whether it
            // exists or can be read (a Pipeline author naming a file on the Jenkins controller).
            if (webIdentityTokenFile != null) {
                if (assumeRole == null) {
                    problems.add(problem(Setting.WEB_IDENTITY_TOKEN_FILE, "needs assume_role: the role ARN to assume with the token"));
                }
                if (accessKey != null) {
                    problems.add(problem(Setting.WEB_IDENTITY_TOKEN_FILE, "cannot be combined with access_key/secret_key"));
                }
            }
            if (webIdentityToken != null) {
                if (assumeRole == null) {
                    problems.add(problem(Setting.ASSUME_ROLE, "is needed with a web identity token: the role ARN to "
                            + "assume with it"));
                }
                if (accessKey != null || webIdentityTokenFile != null) {
                    problems.add(problem(Setting.ACCESS_KEY, "cannot be combined with a web identity token"));
                }
            }
            return problems;
        }

        public AwsConnection build() {
            List<Problem> problems = problems();
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(problems);
            }
            return new AwsConnection(this);
        }

        private static Problem problem(Setting s, String message) {
            return Problem.of(s.key(), message);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
