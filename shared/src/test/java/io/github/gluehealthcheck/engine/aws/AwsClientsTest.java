package io.github.gluehealthcheck.engine.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each credential source really reaches AWS (the local endpoint) the way it should, and no secret is ever shown. */
class AwsClientsTest {
    static final String SECRET = "fake-secret-key-not-real-0001";
    static final String TOKEN = "FwoGZXIvYXdzEFAKE-SESSION-TOKEN-VALUE";
    static final String EXTERNAL_ID = "ext-id-4a7f-FAKE";

    LocalAwsEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = LocalAwsEndpoint.start();
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private AwsClients clients(AwsConnection.Builder connection) {
        return AwsClients.builder(connection.endpoint(endpoint.uri().toString()).region("eu-west-1")
                .attemptTimeout(Duration.ofSeconds(3)).build()).build();
    }

    @Test
    void staticKeysWithSessionToken() {
        try (AwsClients aws = clients(AwsConnection.builder().accessKey(Secret.of("NOTAKEY-FAKEFAKEFAKE0001"))
                .secretKey(Secret.of(SECRET)).sessionToken(Secret.of(TOKEN)))) {
            assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
            assertThat(aws.region()).isEqualTo("eu-west-1");
            assertThat(aws.credentialSource()).isEqualTo("static keys from settings with session token");
        }
    }

    @Test
    void assumeRoleWithExternalIdAndSessionName() {
        try (AwsClients aws = clients(AwsConnection.builder().accessKey(Secret.of("NOTAKEY-FAKEFAKEFAKE0001"))
                .secretKey(Secret.of(SECRET)).assumeRole("arn:aws:iam::123456789012:role/glue-ci")
                .externalId(Secret.of(EXTERNAL_ID)).roleSessionName("ci-build-42"))) {
            aws.glue().listJobs(r -> { });
            List<RecordedRequest> assumed = endpoint.requests().forOperation("sts", "AssumeRole");
            assertThat(assumed).hasSize(1);
            assertThat(assumed.get(0).detail()).containsEntry("externalId", "present")
                    .containsEntry("roleSessionName", "ci-build-42");
            assertThat(aws.credentialSource()).isEqualTo(
                    "static keys from settings, assuming role arn:aws:iam::123456789012:role/glue-ci (with external id)");
        }
    }

    @Test
    void webIdentityTokenFile(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.fake.token\n");
        try (AwsClients aws = clients(AwsConnection.builder().webIdentityTokenFile(token)
                .assumeRole("arn:aws:iam::123456789012:role/glue-ci"))) {
            aws.glue().listJobs(r -> { });
            List<RecordedRequest> assumed = endpoint.requests().forOperation("sts", "AssumeRoleWithWebIdentity");
            assertThat(assumed).hasSize(1);
            assertThat(aws.credentialSource()).startsWith("web identity token file");
        }
    }

    @Test
    void theLocalEndpointNeedsNoCredentials() {
        try (AwsClients aws = AwsClients.builder(AwsConnection.builder().build()).endpointOverride(endpoint.uri(), true).build()) {
            assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
            assertThat(aws.region()).isEqualTo("us-east-1");
        }
    }

    @Test
    void aConnectionNeverPrintsItsSecrets() {
        AwsConnection c = AwsConnection.builder().accessKey(Secret.of("NOTAKEY-FAKEFAKEFAKE0001")).secretKey(Secret.of(SECRET))
                .sessionToken(Secret.of(TOKEN)).assumeRole("arn:aws:iam::123456789012:role/x").externalId(Secret.of(EXTERNAL_ID))
                .build();
        assertThat(c.toString() + c.credentialSource() + c.toBuilder()).doesNotContain(SECRET, TOKEN, EXTERNAL_ID);
        assertThat(Secret.of(SECRET).toString()).isEqualTo("****");
    }

    @Test
    void conflictingCredentialSettingsAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> AwsConnection.builder().secretKey(Secret.of(SECRET)).externalId(Secret.of(EXTERNAL_ID))
                .region("Europe").endpoint("ftp://x").build())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("access_key: is missing").hasMessageContaining("external_id: needs assume_role")
                .hasMessageContaining("region: 'Europe' is not an AWS region")
                .hasMessageContaining("endpoint: 'ftp://x' must be 'local' or an http(s) URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET, EXTERNAL_ID));
    }

    @Test
    void rejectedCredentialsAreClassifiedWithoutLeakingThem() {
        endpoint.faults().add(io.github.gluehealthcheck.engine.local.FaultRule.on("sts", "GetCallerIdentity")
                .error(io.github.gluehealthcheck.engine.local.ErrorKind.ACCESS_DENIED).always());
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try (AwsClients aws = clients(AwsConnection.builder().accessKey(Secret.of("NOTAKEY-FAKEFAKEFAKE0001"))
                .secretKey(Secret.of(SECRET)).sessionToken(Secret.of(TOKEN)))) {
            RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> aws.sts().getCallerIdentity());
            AwsFailure f = AwsFailure.of(failure);
            assertThat(f.kind()).isEqualTo(AwsFailure.Kind.ACCESS_DENIED);
            assertThat(f.message()).doesNotContain(SECRET, TOKEN);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).doesNotContain(SECRET, TOKEN);
    }

    @Test
    void anUnreachableEndpointIsUnreachable() {
        int port = endpoint.port();
        endpoint.close();
        try (AwsClients aws = AwsClients.builder(AwsConnection.builder().endpoint("http://127.0.0.1:" + port).region("eu-west-1")
                .accessKey(Secret.of("NOTAKEY-FAKEFAKEFAKE0001")).secretKey(Secret.of(SECRET)).maxAttempts(2)
                .sdkBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).build()).build()) {
            RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                    () -> aws.sts().getCallerIdentity());
            assertThat(AwsFailure.of(failure).kind()).isEqualTo(AwsFailure.Kind.UNREACHABLE);
            assertThat(AwsFailure.of(failure).message()).startsWith("AWS could not be reached: ConnectException");
        }
    }
}
