package io.github.gluehealthcheck.jenkins.binding;

/**
 * The keys a step's AWS credential resolved to (after its IAM role and MFA, if any), or the web identity token of a
 * Secret text / Secret file credential, held only in memory while the step sets up: never persisted, printed or put
 * in a message.
 *
 * @param accessKey        access key id (null for a web identity token)
 * @param secretKey        secret access key (null for a web identity token)
 * @param sessionToken     session token, or null for long-term keys
 * @param webIdentityToken the token sent to STS AssumeRoleWithWebIdentity for the step's {@code assumeRole}, or null
 */
public record CredentialKeys(String accessKey, String secretKey, String sessionToken, String webIdentityToken) {

    /** AWS keys. */
    public CredentialKeys(String accessKey, String secretKey, String sessionToken) {
        this(accessKey, secretKey, sessionToken, null);
    }

    /** A web identity token, to be exchanged for keys by STS AssumeRoleWithWebIdentity. */
    public static CredentialKeys webIdentity(String token) {
        return new CredentialKeys(null, null, null, token);
    }

    public boolean isWebIdentity() {
        return webIdentityToken != null;
    }

    @Override
    public String toString() {
        return "CredentialKeys[" + (isWebIdentity() ? "web identity token"
                : sessionToken == null ? "keys" : "keys with session token") + "]";
    }
}
