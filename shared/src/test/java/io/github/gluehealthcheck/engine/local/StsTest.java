package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class StsTest {

    private static final String ROLE = "arn:aws:iam::210987654321:role/ci/glue-health-check-ci";
    private static final String EXTERNAL_ID = "external-id-value-not-for-logs";
    private static final String WEB_TOKEN = "eyJ.web-identity-token-not-for-logs";

    private LocalAws aws;

    @BeforeEach
    void start() {
        aws = LocalAws.start();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    private StsClient stsWith(AwsSessionCredentials credentials) {
        return StsClient.builder().endpointOverride(aws.endpoint.uri()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    @Test
    void getCallerIdentityReportsTheConfiguredAccount() {
        GetCallerIdentityResponse me = aws.sts.getCallerIdentity();

        assertThat(me.account()).isEqualTo("123456789012");
        assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:user/local");
        assertThat(me.userId()).isNotBlank();
        assertThat(aws.endpoint.requests().forService("sts")).singleElement()
                .satisfies(r -> assertThat(r.operation()).isEqualTo("GetCallerIdentity"));
    }

    @Test
    void assumedRoleCredentialsIdentifyAsThatRole() {
        AssumeRoleResponse assumed = aws.sts.assumeRole(b -> b.roleArn(ROLE).roleSessionName("hc-build-42")
                .externalId(EXTERNAL_ID).durationSeconds(900));
        Credentials c = assumed.credentials();

        assertThat(c.accessKeyId()).startsWith("ASIA");
        assertThat(c.secretAccessKey()).isNotBlank();
        assertThat(c.sessionToken()).isNotBlank();
        assertThat(c.expiration()).isAfter(java.time.Instant.now().plusSeconds(800));
        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::210987654321:assumed-role/glue-health-check-ci/hc-build-42");

        try (StsClient asRole = stsWith(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()))) {
            GetCallerIdentityResponse me = asRole.getCallerIdentity();
            assertThat(me.account()).isEqualTo("210987654321");
            assertThat(me.arn()).isEqualTo(assumed.assumedRoleUser().arn());
        }
    }

    @Test
    void theSdksAssumeRoleProviderWorksAgainstTheEndpoint() {
        try (StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(aws.sts)
                .refreshRequest(r -> r.roleArn(ROLE).roleSessionName("provider").externalId(EXTERNAL_ID))
                .build();
                GlueClient glue = GlueClient.builder().endpointOverride(aws.endpoint.uri()).region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(provider).build()) {
            glue.listJobs(b -> { });
        }

        assertThat(aws.endpoint.requests().operations()).containsExactly("sts:AssumeRole", "glue:ListJobs");
        assertThat(aws.endpoint.requests().forOperation("sts", "AssumeRole")).singleElement()
                .satisfies(r -> assertThat(r.detail()).containsEntry("roleArn", ROLE)
                        .containsEntry("roleSessionName", "provider").containsEntry("externalId", "present"));
    }

    @Test
    void assumeRoleWithWebIdentityIsServedUnsigned() {
        try (StsClient anonymous = StsClient.builder().endpointOverride(aws.endpoint.uri()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            AssumeRoleWithWebIdentityResponse r = anonymous.assumeRoleWithWebIdentity(b -> b.roleArn(ROLE)
                    .roleSessionName("drone").webIdentityToken(WEB_TOKEN));

            assertThat(r.credentials().accessKeyId()).startsWith("ASIA");
            assertThat(r.assumedRoleUser().arn()).endsWith(":assumed-role/glue-health-check-ci/drone");
        }
        assertThat(aws.endpoint.requests().forOperation("sts", "AssumeRoleWithWebIdentity")).singleElement()
                .satisfies(r -> assertThat(r.detail()).containsEntry("webIdentityToken", "present"));
    }

    @Test
    void aMalformedRoleArnIsAValidationError() {
        assertThatThrownBy(() -> aws.sts.assumeRole(b -> b.roleArn("glue-role").roleSessionName("s1")))
                .isInstanceOfSatisfying(StsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void theRequestLogAndAdminApiNeverHoldASecret() throws Exception {
        Credentials c = aws.sts.assumeRole(b -> b.roleArn(ROLE).roleSessionName("s1").externalId(EXTERNAL_ID))
                .credentials();
        try (StsClient asRole = stsWith(AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(),
                c.sessionToken()))) {
            asRole.getCallerIdentity();
            asRole.assumeRoleWithWebIdentity(b -> b.roleArn(ROLE).roleSessionName("s2").webIdentityToken(WEB_TOKEN));
        }

        String adminView = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(aws.endpoint.uri() + "/_local/requests")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String javaView = aws.endpoint.requests().all().toString();
        for (String view : new String[] {adminView, javaView}) {
            assertThat(view).contains("AssumeRole", "GetCallerIdentity", "AssumeRoleWithWebIdentity")
                    .doesNotContain(LocalAws.SECRET_KEY, LocalAws.ACCESS_KEY, c.secretAccessKey(), c.sessionToken(),
                            c.accessKeyId(), EXTERNAL_ID, WEB_TOKEN);
        }
    }
}
