package io.github.gluehealthcheck.jenkins;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSSessionCredentials;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import io.github.gluehealthcheck.jenkins.binding.AwsCredential;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import io.github.gluehealthcheck.jenkins.binding.StepSettingsException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * A step's {@code credentialsId}, looked up as every Jenkins step looks credentials up: in the context of its build,
 * with the permissions of whoever runs it ({@code CredentialsProvider.findCredentialById}), and its use recorded on
 * the build ({@code CredentialsProvider.track}), so the credential's page lists the builds that used it.
 *
 * <p>The id names an <em>AWS Credentials</em> credential (keys, or an IAM role) or, for web identity, a <em>Secret
 * text</em> or <em>Secret file</em> credential (plain-credentials: {@code StringCredentials}, {@code FileCredentials})
 * holding the token, which STS exchanges for the step's {@code assumeRole}. Looked up in that order: an id is one
 * credential, so at most one lookup finds it.
 */
final class JenkinsAwsCredentials {

    private JenkinsAwsCredentials() {
    }

    static CredentialKeys resolve(Run<?, ?> run, String id, String mfaToken, GlobalDefaults defaults)
            throws StepSettingsException {
        AmazonWebServicesCredentials credential =
                CredentialsProvider.findCredentialById(id, AmazonWebServicesCredentials.class, run);
        if (credential == null) {
            StringCredentials text = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
            if (text != null) {
                CredentialsProvider.track(run, text);
                return AwsCredential.webIdentity(id, "Secret text", mfaToken, () -> text.getSecret().getPlainText());
            }
            FileCredentials file = CredentialsProvider.findCredentialById(id, FileCredentials.class, run);
            if (file != null) {
                CredentialsProvider.track(run, file);
                return AwsCredential.webIdentity(id, "Secret file", mfaToken, () -> {
                    try (InputStream in = file.getContent()) {
                        return new String(in.readNBytes(AwsCredential.MAX_TOKEN_CHARS + 1), StandardCharsets.UTF_8);
                    }
                });
            }
            throw new StepSettingsException(List.of(StepParameters.CREDENTIALS_ID + ": '" + id + "' is not an AWS "
                    + "credential (kind \"AWS Credentials\") or a web identity token (kind \"Secret text\" or \"Secret "
                    + "file\") that this build may use"));
        }
        CredentialsProvider.track(run, credential);
        boolean noKeys = credential instanceof AWSCredentialsImpl impl
                && (impl.getAccessKey() == null || impl.getAccessKey().isBlank());
        boolean mfa = credential instanceof AWSCredentialsImpl impl && impl.requiresToken();
        return AwsCredential.keys(id, noKeys, mfa, mfaToken, defaults, () -> keys(credential.getCredentials()),
                code -> keys(credential.getCredentials(code)));
    }

    /**
     * The keys of the credential's SDK 1.x side. Its SDK 2.x side would return types of the aws-java-sdk2 plugins, which
     * this plugin masks to use the SDK it bundles (maskClasses in its POM); SDK 1.x types are shared by both.
     */
    @SuppressWarnings("deprecation")
    private static CredentialKeys keys(AWSCredentials credentials) {
        if (credentials == null) {
            return null; // upstream: neither keys nor an IAM role
        }
        String token = credentials instanceof AWSSessionCredentials session ? session.getSessionToken() : null;
        return new CredentialKeys(credentials.getAWSAccessKeyId(), credentials.getAWSSecretKey(), token);
    }
}
