package io.github.gluehealthcheck.jenkins.binding;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A step's Jenkins AWS credential ({@code credentialsId}: CloudBees AWS Credentials), turned into keys only after
 * every other setting was found usable, so that bad settings never cost an AWS call (a credential with an IAM role
 * calls STS to resolve).
 */
@FunctionalInterface
public interface AwsCredential {

    /**
     * The credential's keys.
     *
     * @param id       the credential's id
     * @param mfaToken the MFA code for the credential's IAM role, or null
     * @throws StepSettingsException one line: the credential cannot be used, and why
     */
    CredentialKeys resolve(String id, String mfaToken) throws StepSettingsException, IOException, InterruptedException;

    /**
     * What a found credential resolves to, under the controller's trust rules.
     *
     * @param id                     the credential's id, for messages
     * @param usesControllerIdentity the credential has an IAM role but no keys: its plugin assumes the role with the
     *                               controller's own identity, which needs the administrator's consent
     * @param requiresMfa            the credential's IAM role needs an MFA code
     * @param mfaToken               the step's {@code mfaToken}, or null
     * @param defaults               the administrator's settings
     * @param plain                  resolves without an MFA code (null: the credential has neither keys nor a role)
     * @param withMfa                resolves with an MFA code
     */
    static CredentialKeys keys(String id, boolean usesControllerIdentity, boolean requiresMfa, String mfaToken,
            GlobalDefaults defaults, Supplier<CredentialKeys> plain, Function<String, CredentialKeys> withMfa)
            throws StepSettingsException {
        String named = StepParameters.CREDENTIALS_ID + ": '" + id + "'";
        if (usesControllerIdentity && !defaults.allowControllerCredentials()) {
            throw new StepSettingsException(List.of(
                    ControllerTrust.controllerIdentityRefused(named + " has an IAM role but no access key")));
        }
        if (requiresMfa && mfaToken == null) {
            throw new StepSettingsException(List.of(StepParameters.MFA_TOKEN + ": is missing: " + named
                    + " assumes an IAM role that requires MFA; give the device's current code"));
        }
        CredentialKeys resolved;
        try {
            resolved = mfaToken == null ? plain.get() : withMfa.apply(mfaToken);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new StepSettingsException(List.of(named + " could not be resolved to AWS keys: AWS answered "
                    + (code == null ? "" : code + " ") + "(HTTP " + e.statusCode() + ")"));
        } catch (RuntimeException e) {
            // The type only: a message could quote a value.
            throw new StepSettingsException(List.of(named + " could not be resolved to AWS keys ("
                    + e.getClass().getSimpleName() + ")"));
        }
        if (resolved == null || resolved.accessKey() == null || resolved.accessKey().isBlank()) {
            throw new StepSettingsException(List.of(named + " has no access key and no IAM role"));
        }
        return resolved;
    }

    /**
     * The most of a Secret text or Secret file credential read as a web identity token: OIDC tokens are a few
     * kilobytes; a bigger credential is not one, and is not read whole into the controller's memory.
     */
    int MAX_TOKEN_CHARS = 64 * 1024;

    /** Reads a credential's token: a Secret text's value, a Secret file's content (at most {@link #MAX_TOKEN_CHARS} + 1). */
    @FunctionalInterface
    interface TokenSource {
        String read() throws IOException;
    }

    /**
     * What a found Secret text or Secret file credential resolves to: its content, trimmed, as a web identity token
     * for the step's {@code assumeRole} (checked by the caller once the settings are read).
     *
     * @param id       the credential's id, for messages
     * @param kind     "Secret text" or "Secret file", for messages
     * @param mfaToken the step's {@code mfaToken}, or null (refused: MFA belongs to an AWS credential's IAM role)
     * @param source   reads the token
     */
    static CredentialKeys webIdentity(String id, String kind, String mfaToken, TokenSource source)
            throws StepSettingsException {
        String named = StepParameters.CREDENTIALS_ID + ": '" + id + "'";
        if (mfaToken != null) {
            throw new StepSettingsException(List.of(StepParameters.MFA_TOKEN + ": is for an AWS credential whose IAM "
                    + "role requires MFA; " + named + " is a " + kind + " credential (a web identity token)"));
        }
        String token;
        try {
            token = source.read();
        } catch (IOException | RuntimeException e) {
            // The type only: a message could quote the content.
            throw new StepSettingsException(List.of(named + " could not be read (" + e.getClass().getSimpleName() + ")"));
        }
        token = token == null ? "" : token.strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            throw new StepSettingsException(List.of(named + " is a " + kind + " credential, read as a web identity "
                    + "token, but it is " + (token.isEmpty() ? "empty" : "larger than " + MAX_TOKEN_CHARS / 1024
                    + " KiB") + "; it must hold the token only"));
        }
        return CredentialKeys.webIdentity(token);
    }
}
