package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.Secret;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The Jenkins trust model, rule by rule, without a step around it. */
class ControllerTrustTest {
    static final GlobalDefaults LOCAL_ALLOWED = GlobalDefaults.NONE.allowingLocalEndpoint();

    @Test
    void aWebIdentityTokenFileNamedInTheEnvironmentIsLeftOutWithItsRole() {
        ControllerTrust.Environment e = ControllerTrust.environment(Map.of("AWS_WEB_IDENTITY_TOKEN_FILE",
                "/var/lib/jenkins/secrets/master.key", "AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x",
                "AWS_ROLE_SESSION_NAME", "s", "AWS_REGION", "eu-west-1"), GlobalDefaults.NONE.allowingControllerCredentials());

        assertThat(e.variables()).containsOnlyKeys("AWS_REGION");
        assertThat(e.notes()).singleElement().asString().startsWith("AWS_WEB_IDENTITY_TOKEN_FILE is ignored")
                .doesNotContain("master.key");
    }

    @Test
    void aWebIdentityTokenFileIsLeftOutWhateverTheCaseOfItsName() {
        assertThat(ControllerTrust.environment(Map.of("aws_web_identity_token_file", "/etc/shadow"), GlobalDefaults.NONE)
                .variables()).isEmpty();
    }

    @Test
    void awsProfileIsTheControllersIdentityAndNeedsTheAdministratorsConsent() {
        Map<String, String> env = Map.of("AWS_PROFILE", "prod-admin");

        ControllerTrust.Environment refused = ControllerTrust.environment(env, GlobalDefaults.NONE);
        assertThat(refused.variables()).doesNotContainKey("AWS_PROFILE");
        assertThat(refused.notes()).singleElement().asString().startsWith("AWS_PROFILE is ignored");

        ControllerTrust.Environment allowed =
                ControllerTrust.environment(env, GlobalDefaults.NONE.allowingControllerCredentials());
        assertThat(allowed.variables()).containsEntry("AWS_PROFILE", "prod-admin");
        assertThat(allowed.notes()).isEmpty();
    }

    @Test
    void withoutKeysTheControllersDefaultChainIsRefusedUnlessAllowed() {
        AwsConnection chain = AwsConnection.builder().region("eu-west-1").build();
        AwsConnection profile = AwsConnection.builder().region("eu-west-1").profile("prod").build();
        AwsConnection assumeWithChain = AwsConnection.builder().region("eu-west-1")
                .assumeRole("arn:aws:iam::123456789012:role/x").build();

        for (AwsConnection c : List.of(chain, profile, assumeWithChain)) {
            assertThat(ControllerTrust.credentialProblem(c, GlobalDefaults.NONE)).as(c.toString()).hasValueSatisfying(
                    l -> assertThat(l).startsWith("credentials: none given, so the step would act as the Jenkins "
                            + "controller's own AWS identity").doesNotContain("\n"));
            assertThat(ControllerTrust.credentialProblem(c, GlobalDefaults.NONE.allowingControllerCredentials()))
                    .isEmpty();
        }
    }

    @Test
    void keysOfItsOwnOrTheLocalEndpointNeedNoConsent() {
        AwsConnection keys = AwsConnection.builder().accessKey(Secret.of("NOTAKEY1")).secretKey(Secret.of("s")).build();
        AwsConnection local = AwsConnection.builder().endpoint("local").build();

        assertThat(ControllerTrust.credentialProblem(keys, GlobalDefaults.NONE)).isEmpty();
        assertThat(ControllerTrust.credentialProblem(local, GlobalDefaults.NONE)).isEmpty();
    }

    @Test
    void anEndpointOverrideNotOnTheListIsRefusedWithOneLine() {
        GlobalDefaults listed = GlobalDefaults.NONE.allowingEndpoint("https://vpce-1.glue.eu-west-1.vpce.amazonaws.com");

        assertThat(ControllerTrust.endpointProblems("https://collector.example.net", GlobalDefaults.NONE))
                .containsExactly("endpoint: 'https://collector.example.net' is not on the administrator's list of "
                        + "allowed endpoints (the list is empty; Manage Jenkins > System > Glue health check)");
        assertThat(ControllerTrust.endpointProblems("https://collector.example.net", listed)).singleElement().asString()
                .contains("allowed: https://vpce-1.glue.eu-west-1.vpce.amazonaws.com");
        assertThat(ControllerTrust.endpointProblems("https://vpce-1.glue.eu-west-1.vpce.amazonaws.com.evil.example",
                listed)).hasSize(1);
        assertThat(ControllerTrust.endpointProblems("https://user@vpce-1.glue.eu-west-1.vpce.amazonaws.com", listed))
                .hasSize(1);
    }

    @Test
    void aListedEndpointIsAllowedInAnyEquivalentSpelling() {
        GlobalDefaults listed = GlobalDefaults.NONE.allowingEndpoint("https://Glue.EU-West-1.amazonaws.com/");

        for (String same : List.of("https://glue.eu-west-1.amazonaws.com", "HTTPS://glue.eu-west-1.amazonaws.com:443",
                "https://glue.eu-west-1.amazonaws.com./", " https://glue.eu-west-1.amazonaws.com ")) {
            assertThat(ControllerTrust.endpointProblems(same, listed)).as(same).isEmpty();
        }
        assertThat(ControllerTrust.endpointProblems("http://glue.eu-west-1.amazonaws.com", listed)).as("scheme counts")
                .hasSize(1);
        assertThat(ControllerTrust.endpointProblems("https://glue.eu-west-1.amazonaws.com:8443", listed))
                .as("port counts").hasSize(1);
    }

    @Test
    void localNeedsTheAdministratorsConsentAndNoListEntry() {
        assertThat(ControllerTrust.endpointProblems("local", GlobalDefaults.NONE)).singleElement().asString()
                .startsWith("endpoint: 'local' runs Python shell job scripts with the controller's python3");
        assertThat(ControllerTrust.endpointProblems(" LOCAL ", GlobalDefaults.NONE)).hasSize(1);
        assertThat(ControllerTrust.endpointProblems("local", LOCAL_ALLOWED)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:4566", "http://localhost", "http://LOCALHOST.:80/", "http://[::1]:4566",
        "http://2130706433:4566", "http://127.255.0.9", "http://[::ffff:127.0.0.1]:4566",
        "http://0.0.0.0:4566", "http://anything.localhost:4566", "https://[0:0:0:0:0:0:0:1]"})
    void anEndpointOnTheControllerIsGatedLikeLocalHoweverItIsSpelled(String endpoint) {
        GlobalDefaults listedOnly = GlobalDefaults.NONE.allowingEndpoint(endpoint);

        assertThat(ControllerTrust.endpointProblems(endpoint, listedOnly)).singleElement().asString()
                .isEqualTo("endpoint: '" + endpoint.trim() + "' is on the Jenkins controller itself, which is gated like "
                        + "'local': an administrator must allow the local endpoint first (Manage Jenkins > System > "
                        + "Glue health check)");
        assertThat(ControllerTrust.endpointProblems(endpoint, listedOnly.allowingLocalEndpoint())).isEmpty();
        assertThat(ControllerTrust.endpointProblems(endpoint, LOCAL_ALLOWED)).as("still needs the list").hasSize(1);
        assertThat(ControllerTrust.endpointProblems(endpoint, GlobalDefaults.NONE)).as("unlisted: both reasons")
                .hasSize(2);
    }

    @Test
    void anUnlistedNameIsJudgedByItsSpellingOnly() {
        // A name that resolves to the loopback (as "localhost" does everywhere) but is not of the localhost kind:
        // recognised by DNS only when an administrator listed it.
        assertThat(ControllerTrust.isLiteralOnController("ip6-localhost")).isFalse();
        assertThat(ControllerTrust.isLiteralOnController("127.0.0.1")).isTrue();
        assertThat(ControllerTrust.isLiteralOnController("::1")).isTrue();
        assertThat(ControllerTrust.isLiteralOnController("glue.eu-west-1.amazonaws.com")).isFalse();
    }

    @Test
    void aShortenedAddressIsNoUrlAtAllAndLeftToTheSettingsReader() {
        // java.net.URI (and so the AWS SDK) finds no host in http://127.1: the reader refuses it as not a URL.
        assertThat(ControllerTrust.endpointProblems("http://127.1:4566", GlobalDefaults.NONE)).isEmpty();
        assertThat(AwsConnection.builder().endpoint("http://127.1:4566").problems()).singleElement().asString()
                .contains("must be 'local' or an http(s) URL");
    }

    @Test
    void anAddressOfTheControllersOwnInterfacesIsOnTheController() throws SocketException {
        Optional<InetAddress> own = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        own.ifPresent(a -> assertThat(ControllerTrust.isOnController(a.getHostAddress())).as(a.toString()).isTrue());
        assertThat(ControllerTrust.isOnController("192.0.2.10")).as("TEST-NET-1 is nobody's").isFalse();
        assertThat(ControllerTrust.isOnController("glue.eu-west-1.amazonaws.com.invalid")).isFalse();
    }

    @Test
    void aCredentialsKeysReplaceTheEnvironmentsTogetherWithItsToken() {
        Map<String, String> env = ControllerTrust.withKeys(Map.of("AWS_ACCESS_KEY_ID", "FROMWITHAWS",
                "AWS_SECRET_ACCESS_KEY", "s", "AWS_SESSION_TOKEN", "stale", "AWS_REGION", "eu-west-1"),
                new CredentialKeys("FROMCREDENTIAL", "secret", null));

        assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", "FROMCREDENTIAL").containsEntry("AWS_REGION", "eu-west-1")
                .doesNotContainKey("AWS_SESSION_TOKEN");
        assertThat(new CredentialKeys("A", "secret-value", "token-value").toString()).doesNotContain("secret-value",
                "token-value");
    }

    @Test
    void aCredentialWithARoleButNoKeysIsTheControllersIdentity() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> AwsCredential.keys("role-only", true, false, null, GlobalDefaults.NONE, () -> {
            calls.incrementAndGet();
            return new CredentialKeys("A", "B", null);
        }, m -> null)).isInstanceOf(StepSettingsException.class).hasMessageStartingWith("credentialsId: 'role-only' has "
                + "an IAM role but no access key, so the step would act as the Jenkins controller's own AWS identity");
        assertThat(calls).as("no STS call with the controller's identity").hasValue(0);
    }

    @Test
    void aRoleThatRequiresMfaNeedsTheCodeAndARefusalIsOneLine() throws Exception {
        assertThatThrownBy(() -> AwsCredential.keys("mfa", false, true, null, GlobalDefaults.NONE, () -> null,
                m -> null)).hasMessage("mfaToken: is missing: credentialsId: 'mfa' assumes an IAM role that requires "
                        + "MFA; give the device's current code");

        assertThatThrownBy(() -> AwsCredential.keys("mfa", false, true, "000000", GlobalDefaults.NONE, () -> null,
                m -> {
                    throw AwsServiceException.builder().statusCode(403).message("MultiFactorAuthentication failed "
                            + "with invalid MFA one time pass code 000000").awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("AccessDenied").build()).build();
                })).hasMessage("credentialsId: 'mfa' could not be resolved to AWS keys: AWS answered AccessDenied "
                        + "(HTTP 403)");

        CredentialKeys keys = AwsCredential.keys("mfa", false, true, "123456", GlobalDefaults.NONE, () -> null,
                m -> new CredentialKeys("ASIA-FROM-ROLE", "role-secret", "role-token"));
        assertThat(keys).isEqualTo(new CredentialKeys("ASIA-FROM-ROLE", "role-secret", "role-token"));
    }

    @Test
    void windowsStylePathsDoNotStayInside() {
        for (String path : List.of("..\\..\\x.py", "jobs\\..\\..\\x.py", "C:/x.py", "c:x.py", "\\\\server\\share\\x.py",
                "/etc/passwd", "../x.py")) {
            assertThat(WorkspaceAccess.staysInside(path)).as(path).isFalse();
        }
        assertThat(WorkspaceAccess.staysInside("jobs/orders.py")).isTrue();
    }
}
