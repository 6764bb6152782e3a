package io.github.gluehealthcheck.jenkins.binding;

/**
 * The keys a step's AWS credential resolved to (after its IAM role and MFA, if any), held only in memory while the
 * step sets up: never persisted, printed or put in a message.
 *
 * @param accessKey    access key id
 * @param secretKey    secret access key
 * @param sessionToken session token, or null for long-term keys
 */
public record CredentialKeys(String accessKey, String secretKey, String sessionToken) {

    @Override
    public String toString() {
        return "CredentialKeys[" + (sessionToken == null ? "keys" : "keys with session token") + "]";
    }
}
