package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The Jenkins trust model at the step: what a Pipeline author (who controls the step's arguments and, with
 * {@code withEnv}, its environment) can make the controller read, whom it can make it act as, and where it can make it
 * send signed requests. Driven through a fake StepContext with the real engine; the "host of the author's choosing" is
 * a plain socket on 127.0.0.1 that records every byte it receives.
 */
class JenkinsTrustModelTest {
    static final String TOKEN = "eyFAKE.controller-secret-token.do-not-send-0042";
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-health-check";
    static final Duration WITHIN = Duration.ofSeconds(60);

    @TempDir
    Path workspace;
    @TempDir
    Path controllerFiles;

    LocalAwsEndpoint endpoint;
    Listener listener;
    TestServices services;

    @BeforeEach
    void setUp() throws IOException {
        endpoint = LocalAwsEndpoint.start(LocalEndpointOptions.builder().startingDelay(Duration.ofMillis(50))
                .checkedOnlyRunDuration(Duration.ofMillis(200)).minuteLength(Duration.ofSeconds(1)).build());
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100)).thenSucceed());
        listener = new Listener();
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print('orders')\n");
        services = new TestServices(workspace);
    }

    @AfterEach
    void tearDown() throws Exception {
        services.close();
        endpoint.close();
        listener.close();
    }

    /** The environment of a build with no AWS keys of its own. */
    static Map<String, String> buildEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("BUILD_NUMBER", "7");
        env.put("JOB_NAME", "etl");
        env.put("GIT_URL", "https://github.com/data/etl.git");
        return env;
    }

    static Map<String, String> withKeys(Map<String, String> env) {
        env.put("AWS_ACCESS_KEY_ID", "NOTAKEY-TRUSTTEST00001");
        env.put("AWS_SECRET_ACCESS_KEY", "trust-test-secret-not-real");
        return env;
    }

    Map<String, Object> params(String endpointUri, Object... more) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("script", "jobs/orders.py");
        p.put("jobType", "pythonshell");
        p.put("role", ROLE);
        p.put("scriptsBucket", "s3://ci-glue-scripts/checks");
        p.put("endpoint", endpointUri);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    Throwable refused(String name, Map<String, String> env, Map<String, Object> params) throws Exception {
        FakeStepContext context = new FakeStepContext(name, env, services);
        Steps.of(params).start(context).start();
        Throwable failure = context.state().failure(WITHIN);
        assertThat(failure).isInstanceOf(AbortException.class);
        assertThat(context.state().log()).contains("the settings cannot be used (nothing was done on AWS)");
        return failure;
    }

    Object passes(String name, Map<String, String> env, Map<String, Object> params) throws Exception {
        FakeStepContext context = new FakeStepContext(name, env, services);
        Steps.of(params).start(context).start();
        return context.state().result(WITHIN);
    }

    // ---- files on the controller -------------------------------------------------------------------------------

    @Test
    void aTokenFileNamedWithWithEnvNeverReachesAListenerOn127001() throws Exception {
        Path secret = Files.writeString(controllerFiles.resolve("secret-token"), TOKEN);
        Map<String, String> env = buildEnv();
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", secret.toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x");
        // The worst case: an administrator allowed local mode and listed the author's URL.
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri());

        Throwable failure = refused("token-env", env, params(listener.uri()));

        assertThat(failure.getMessage()).startsWith("credentials: none given, so the step would act as the Jenkins "
                + "controller's own AWS identity").doesNotContain(secret.toString()).doesNotContain(TOKEN);
        assertThat(listener.received()).as("nothing was sent to the listener").isEmpty();
    }

    @Test
    void evenWithTheControllersIdentityAllowedATokenFileFromWithEnvIsNotSent() throws Exception {
        Path secret = Files.writeString(controllerFiles.resolve("secret-token"), TOKEN);
        // The controller's own AWS config, with a profile the administrator lets steps use.
        Path config = Files.writeString(controllerFiles.resolve("config"), "[profile ci]\n"
                + "aws_access_key_id = FAKEKEYCONTROLLERPROFILE\naws_secret_access_key = controller-profile-secret\n");
        Map<String, String> env = buildEnv();
        env.put("AWS_PROFILE", "ci");
        env.put("AWS_WEB_IDENTITY_TOKEN_FILE", secret.toString());
        env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x");
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri())
                .allowingControllerCredentials();
        String before = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", config.toString());
        try {
            FakeStepContext context = new FakeStepContext("token-opt-in", env, services);
            Steps.of(params(listener.uri())).start(context).start();
            context.state().failure(WITHIN); // the listener is no AWS

            assertThat(listener.received()).as("the profile's key signed what was sent").isNotEmpty()
                    .allSatisfy(r -> assertThat(r).contains("Credential=FAKEKEYCONTROLLERPROFILE/"));
            assertThat(String.join("\n", listener.received())).doesNotContain(TOKEN)
                    .doesNotContain("AssumeRoleWithWebIdentity");
            assertThat(context.state().log()).contains("AWS_WEB_IDENTITY_TOKEN_FILE is ignored");
        } finally {
            if (before == null) {
                System.clearProperty("aws.configFile");
            } else {
                System.setProperty("aws.configFile", before);
            }
        }
    }

    @Test
    void aTokenFileCannotBeNamedAsAStepParameter() {
        assertThatThrownBy(() -> Steps.setter("webIdentityTokenFile")).hasMessageContaining("no @DataBoundSetter");
    }

    @Test
    void whetherAFileOnTheControllerExistsIsNotTold() throws Exception {
        Path secret = Files.writeString(controllerFiles.resolve("exists"), TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());
        String[] messages = new String[2];
        int i = 0;
        for (Path p : List.of(secret, controllerFiles.resolve("does-not-exist"))) {
            Map<String, String> env = withKeys(buildEnv());
            env.put("AWS_WEB_IDENTITY_TOKEN_FILE", p.toString());
            env.put("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/x");
            FakeStepContext context = new FakeStepContext("exists-" + i, env, services);
            Steps.of(params(endpoint.uri().toString(), "dryRun", true)).start(context).start();
            context.state().result(WITHIN);
            messages[i++] = context.state().log().replace(p.toString(), "PATH");
        }
        for (String log : messages) {
            assertThat(log).contains("AWS_WEB_IDENTITY_TOKEN_FILE is ignored").doesNotContain("PATH")
                    .doesNotContain("cannot be read").doesNotContain("exist").doesNotContain(TOKEN);
        }
    }

    @Test
    void aScriptLargerThanTheLimitIsRefusedBeforeTheControllerReadsIt() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("jobs/big.py").toFile(), "rw")) {
            big.setLength(10L * 1024 * 1024 + 1); // sparse: no disk used
        }
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("big", withKeys(buildEnv()), params(endpoint.uri().toString(), "script",
                "jobs/big.py"));

        assertThat(failure).hasMessage("script: 'jobs/big.py' is larger than 10 MB, the most a job script or config "
                + "file may be");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void aConfigFileLargerThanTheLimitIsNotReadAtAll() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(workspace.resolve(".glue-health.yml").toFile(), "rw")) {
            big.setLength(10L * 1024 * 1024 + 1);
        }
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());
        Map<String, Object> params = params(endpoint.uri().toString(), "config", ".glue-health.yml");
        params.remove("script");

        Throwable failure = refused("big-config", withKeys(buildEnv()), params);

        assertThat(failure).hasMessage("config: '.glue-health.yml' is larger than 10 MB, the most a job script or "
                + "config file may be");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void aLinkToAFileOutsideTheWorkspaceIsRefusedWithoutTellingItsSize() throws Exception {
        Path outside = controllerFiles.resolve("big-outside");
        try (RandomAccessFile big = new RandomAccessFile(outside.toFile(), "rw")) {
            big.setLength(10L * 1024 * 1024 + 1);
        }
        Files.createSymbolicLink(workspace.resolve("jobs/link.py"), outside);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("link", withKeys(buildEnv()), params(endpoint.uri().toString(), "script",
                "jobs/link.py"));

        assertThat(failure.getMessage()).startsWith("script: 'jobs/link.py'").doesNotContain("larger than")
                .doesNotContain(outside.toString());
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void windowsStyleScriptPathsAreRefused() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("windows", withKeys(buildEnv()), params(endpoint.uri().toString(), "script",
                "..\\..\\x.py"));

        assertThat(failure.getMessage()).startsWith("script: '..\\..\\x.py' must be a workspace path with / between "
                + "folders");
        assertThat(endpoint.requests().count()).isZero();
    }

    // ---- the controller's identity --------------------------------------------------------------------------------

    @Test
    void aPipelineWithoutCredentialsCannotUseTheControllersChainWithoutOptIn() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("no-credentials", buildEnv(), params(endpoint.uri().toString()));

        assertThat(failure.getMessage().lines()).containsExactly("credentials: none given, so the step would act as the "
                + "Jenkins controller's own AWS identity (its instance profile, pod role or AWS config profiles), which "
                + "an administrator has not allowed (Manage Jenkins > System > Glue health check); give credentialsId, "
                + "or use withAWS(credentials: ...) or withCredentials([aws(...)])");
        assertThat(endpoint.requests().count()).as("no AWS call").isZero();
    }

    @Test
    void withEnvAwsProfileCannotPickAControllerProfileWithoutOptIn() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());
        Map<String, String> env = buildEnv();
        env.put("AWS_PROFILE", "controller-admin");

        Throwable failure = refused("profile", env, params(endpoint.uri().toString()));

        assertThat(failure.getMessage()).startsWith("credentials: none given");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void withTheAdministratorsOptInAStepWithoutCredentialsMayUseTheControllersIdentity() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString())
                .allowingControllerCredentials();
        Map<String, String> env = buildEnv();
        env.put("AWS_PROFILE", "glue-health-check-no-such-profile");

        FakeStepContext context = new FakeStepContext("opt-in", env, services);
        Steps.of(params(endpoint.uri().toString(), "dryRun", true)).start(context).start();

        assertThat(context.state().result(WITHIN)).asString().contains("DRY_RUN");
        assertThat(context.state().log()).doesNotContain("AWS_PROFILE is ignored");
    }

    // ---- where requests go ----------------------------------------------------------------------------------------

    @Test
    void anEndpointNotOnTheListIsRefusedWithOneLineAndNoAwsCall() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingEndpoint("https://glue.eu-west-1.amazonaws.com");

        Throwable failure = refused("unlisted", withKeys(buildEnv()), params("https://collector.example.net/aws"));

        assertThat(failure.getMessage().lines()).containsExactly("endpoint: 'https://collector.example.net/aws' is "
                + "not on the administrator's list of allowed endpoints (allowed: https://glue.eu-west-1.amazonaws.com; "
                + "Manage Jenkins > System > Glue health check)");
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void signedRequestsGoOnlyToAListedEndpoint() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Object result = passes("listed", withKeys(buildEnv()), params(endpoint.uri().toString()));

        assertThat(result).asString().contains("status=PASSED");
    }

    @Test
    void loopbackEndpointsAreGatedLikeLocalHoweverTheyAreSpelled() throws Exception {
        int port = endpoint.uri().getPort();
        for (String spelling : List.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port,
                "http://[::ffff:127.0.0.1]:" + port)) {
            // Listed, but local mode not allowed: refused for what it is.
            services.defaults = GlobalDefaults.NONE.allowingEndpoint(spelling);
            Throwable failure = refused("loopback-" + spelling.length(), withKeys(buildEnv()), params(spelling));
            assertThat(failure.getMessage()).as(spelling).isEqualTo("endpoint: '" + spelling + "' is on the Jenkins "
                    + "controller itself, which is gated like 'local': an administrator must allow the local endpoint "
                    + "first (Manage Jenkins > System > Glue health check)");
        }
        assertThat(endpoint.requests().count()).as("no request reached the endpoint").isZero();
    }

    @Test
    void localItselfNeedsTheAdministratorsConsent() throws Exception {
        Throwable failure = refused("local", withKeys(buildEnv()), params("local"));

        assertThat(failure).hasMessageStartingWith("endpoint: 'local' runs Python shell job scripts");
    }

    // ---- Jenkins credentials --------------------------------------------------------------------------------------

    @Test
    void aCredentialsIdIsLookedUpTrackedAndItsKeysSignTheRequests() throws Exception {
        services.credentials.put("glue-ci", TestServices.StoredCredential.keys(
                AwsSessionCredentials.create("ASIAFROMCREDENTIAL0001", "credential-secret", "credential-token")));
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri());
        // withAWS keys around the step lose to the step's own credential.
        Map<String, String> env = withKeys(buildEnv());

        FakeStepContext context = new FakeStepContext("credential", env, services);
        Steps.of(params(listener.uri(), "credentialsId", "glue-ci")).start(context).start();
        context.state().failure(WITHIN); // the listener is no AWS: the preflight fails, after the request was signed

        assertThat(services.tracked).containsExactly("glue-ci");
        assertThat(listener.received()).isNotEmpty().allSatisfy(r -> assertThat(r)
                .contains("Credential=ASIAFROMCREDENTIAL0001/").contains("credential-token")
                .doesNotContain("NOTAKEY-TRUSTTEST00001"));
        assertThat(context.state().log()).doesNotContain("credential-secret").doesNotContain("credential-token");
    }

    @Test
    void theGlobalDefaultCredentialServesStepsWithoutKeys() throws Exception {
        services.credentials.put("default-ci", TestServices.StoredCredential.keys(
                AwsBasicCredentials.create("FAKEKEYDEFAULTCREDENTIAL", "default-secret")));
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString())
                .withCredentialsId("default-ci");

        Object result = passes("default-credential", buildEnv(), params(endpoint.uri().toString()));

        assertThat(result).asString().contains("status=PASSED");
        assertThat(services.tracked).containsExactly("default-ci");
    }

    @Test
    void theKeysOfAWithAwsAroundTheStepRankAboveTheGlobalDefaultCredential() throws Exception {
        TestServices.StoredCredential stored = TestServices.StoredCredential.keys(
                AwsBasicCredentials.create("FAKEKEYDEFAULTCREDENTIAL", "default-secret"));
        services.credentials.put("default-ci", stored);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri())
                .withCredentialsId("default-ci");

        FakeStepContext context = new FakeStepContext("withaws-over-default", withKeys(buildEnv()), services);
        Steps.of(params(listener.uri())).start(context).start();
        context.state().failure(WITHIN); // the listener is no AWS

        assertThat(services.tracked).isEmpty();
        assertThat(stored.counter()).hasValue(0);
        assertThat(listener.received()).isNotEmpty()
                .allSatisfy(r -> assertThat(r).contains("Credential=NOTAKEY-TRUSTTEST00001/"));
    }

    @Test
    void aCredentialIsResolvedOnlyOnceEveryOtherSettingIsUsable() throws Exception {
        TestServices.StoredCredential stored = TestServices.StoredCredential.keys(
                AwsBasicCredentials.create("FAKEKEYNOTRESOLVED", "s"));
        services.credentials.put("glue-ci", stored);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        refused("bad-and-credential", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "glue-ci",
                "keepJob", "sometimes"));

        assertThat(stored.counter()).as("no STS call for bad settings").hasValue(0);
    }

    @Test
    void anUnknownCredentialIsOneLine() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("unknown", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "nope"));

        assertThat(failure).hasMessage("credentialsId: 'nope' is not an AWS credential (kind \"AWS Credentials\") or a "
                + "web identity token (kind \"Secret text\" or \"Secret file\") that this build may use");
        assertThat(endpoint.requests().count()).isZero();
    }

    @Test
    void aCredentialWithARoleButNoKeysIsTheControllersIdentityAndNeedsTheOptIn() throws Exception {
        TestServices.StoredCredential roleOnly = new TestServices.StoredCredential(true, null, null,
                AwsSessionCredentials.create("ASIAFROMINSTANCEROLE01", "s", "t"), new java.util.concurrent.atomic.AtomicInteger());
        services.credentials.put("role-only", roleOnly);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        Throwable failure = refused("role-only", buildEnv(), params(endpoint.uri().toString(), "credentialsId",
                "role-only"));

        assertThat(failure.getMessage()).startsWith("credentialsId: 'role-only' has an IAM role but no access key");
        assertThat(roleOnly.counter()).hasValue(0);

        services.defaults = services.defaults.allowingControllerCredentials();
        assertThat(passes("role-only-allowed", buildEnv(), params(endpoint.uri().toString(), "credentialsId",
                "role-only"))).asString().contains("status=PASSED");
    }

    @Test
    void aRoleThatRequiresMfaTakesTheCodeFromMfaToken() throws Exception {
        TestServices.StoredCredential mfa = new TestServices.StoredCredential(false,
                "arn:aws:iam::123456789012:mfa/ci", "123456",
                AwsSessionCredentials.create("ASIAFROMMFAROLE000001", "s", "t"), new java.util.concurrent.atomic.AtomicInteger());
        services.credentials.put("mfa", mfa);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        assertThat(refused("mfa-missing", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "mfa")))
                .hasMessageStartingWith("mfaToken: is missing");
        assertThat(refused("mfa-wrong", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "mfa",
                "mfaToken", "000000"))).hasMessage("credentialsId: 'mfa' could not be resolved to AWS keys: AWS "
                        + "answered AccessDenied (HTTP 403)");
        assertThat(passes("mfa-right", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "mfa",
                "mfaToken", "123456"))).asString().contains("status=PASSED");
    }

    // ---- web identity from a Jenkins credential ---------------------------------------------------------------------

    static final String OIDC_TOKEN = "eyFAKE.oidc-token-from-a-jenkins-credential.0077";
    static final String OIDC_ROLE = "arn:aws:iam::123456789012:role/glue-ci-oidc";

    @Test
    void aWebIdentityTokenCredentialIsSentToStsAssumeRoleWithWebIdentityAnonymously() throws Exception {
        services.tokens.put("oidc", OIDC_TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri());
        // withAWS keys around the step lose to the step's own credential, as with an AWS credential.
        FakeStepContext context = new FakeStepContext("oidc-listener", withKeys(buildEnv()), services);
        Steps.of(params(listener.uri(), "credentialsId", "oidc", "assumeRole", OIDC_ROLE)).start(context).start();
        context.state().failure(WITHIN); // the listener is no STS

        assertThat(services.tracked).containsExactly("oidc");
        assertThat(listener.received()).isNotEmpty().allSatisfy(r -> assertThat(r)
                .contains("Action=AssumeRoleWithWebIdentity")
                .contains("WebIdentityToken=" + java.net.URLEncoder.encode(OIDC_TOKEN, StandardCharsets.UTF_8))
                .contains("RoleArn=" + java.net.URLEncoder.encode(OIDC_ROLE, StandardCharsets.UTF_8))
                .doesNotContain("Authorization:").doesNotContain("NOTAKEY-TRUSTTEST00001"));
        assertThat(context.state().log()).doesNotContain(OIDC_TOKEN);
    }

    @Test
    void aWebIdentityTokenCredentialPassesAgainstTheLocalEndpointAndStaysOutOfLogsAndReports() throws Exception {
        services.tokens.put("oidc", OIDC_TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        FakeStepContext context = new FakeStepContext("oidc-local", buildEnv(), services);
        Steps.of(params(endpoint.uri().toString(), "credentialsId", "oidc", "assumeRole", OIDC_ROLE)).start(context)
                .start();

        assertThat(context.state().result(WITHIN)).asString().contains("status=PASSED");
        assertThat(endpoint.requests().forOperation("sts", "AssumeRoleWithWebIdentity")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.detail()).containsEntry("webIdentityToken", "present")
                        .containsEntry("roleArn", OIDC_ROLE));
        assertThat(endpoint.requests().forOperation("sts", "AssumeRole")).as("no other identity assumed it").isEmpty();
        assertThat(context.state().log()).doesNotContain(OIDC_TOKEN);
        try (java.util.stream.Stream<Path> files = Files.walk(workspace)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(OIDC_TOKEN);
            }
        }
    }

    @Test
    void aWebIdentityTokenCredentialWithoutAssumeRoleIsOneLineAndNoCall() throws Exception {
        services.tokens.put("oidc", OIDC_TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri());

        Throwable failure = refused("oidc-no-role", buildEnv(), params(listener.uri(), "credentialsId", "oidc"));

        assertThat(failure).hasMessage("assumeRole: is missing: credentialsId 'oidc' holds a web identity token, which "
                + "needs the ARN of the role to assume with it");
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void anMfaCodeWithAWebIdentityTokenCredentialIsRefused() throws Exception {
        services.tokens.put("oidc", OIDC_TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(listener.uri());

        Throwable failure = refused("oidc-mfa", buildEnv(), params(listener.uri(), "credentialsId", "oidc",
                "assumeRole", OIDC_ROLE, "mfaToken", "123456"));

        assertThat(failure).hasMessageStartingWith("mfaToken: is for an AWS credential whose IAM role requires MFA");
        assertThat(listener.received()).isEmpty();
    }

    @Test
    void aWebIdentityTokenCredentialIsReadAgainAfterARestartAndNeverSaved() throws Exception {
        services.tokens.put("oidc", OIDC_TOKEN);
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        byte[] saved = savedMidRun("resume-oidc", buildEnv(), params(endpoint.uri().toString(), "credentialsId", "oidc",
                "assumeRole", OIDC_ROLE));
        assertThat(new String(saved, StandardCharsets.ISO_8859_1)).contains("oidc").doesNotContain(OIDC_TOKEN);
        FakeStepContext.State state = resumed("resume-oidc", buildEnv(), saved);

        assertThat(state.result(WITHIN)).asString().contains("status=PASSED");
        assertThat(services.tracked).as("looked up again by the new controller").containsExactly("oidc");
    }

    // ---- after a controller restart -------------------------------------------------------------------------------

    /** Starts a step that runs until its Glue run is RUNNING, kills the controller and returns the saved step. */
    byte[] savedMidRun(String name, Map<String, String> env, Map<String, Object> params) throws Exception {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(3)).thenSucceed());
        FakeStepContext context = new FakeStepContext(name, env, services);
        GlueHealthCheckExecution execution = (GlueHealthCheckExecution) Steps.of(params).start(context);
        execution.start();
        long until = System.nanoTime() + WITHIN.toNanos();
        while (!execution.getStatus().contains("(running,") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(execution.getStatus()).contains("(running,");
        services.close();
        return GlueHealthCheckExecutionTest.river(execution);
    }

    /** A new controller with the same settings and credentials store resumes the saved step. */
    FakeStepContext.State resumed(String name, Map<String, String> env, byte[] saved) throws Exception {
        TestServices before = services;
        services = new TestServices(workspace);
        services.defaults = before.defaults;
        services.credentials.putAll(before.credentials);
        services.tokens.putAll(before.tokens);
        FakeStepContext.State state = FakeStepContext.resumeAs(name, env, services);
        ((GlueHealthCheckExecution) GlueHealthCheckExecutionTest.unriver(saved)).onResume();
        return state;
    }

    @Test
    void aCredentialIsResolvedAgainAfterARestartAndNoneOfItsKeysIsSaved() throws Exception {
        services.credentials.put("glue-ci", TestServices.StoredCredential.keys(
                AwsSessionCredentials.create("ASIARESUMEDCREDENTIAL1", "resumed-secret-0001", "resumed-token-0001")));
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        byte[] saved = savedMidRun("resume-credential", buildEnv(), params(endpoint.uri().toString(), "credentialsId",
                "glue-ci"));
        assertThat(new String(saved, StandardCharsets.ISO_8859_1)).contains("glue-ci")
                .doesNotContain("ASIARESUMEDCREDENTIAL1").doesNotContain("resumed-secret-0001")
                .doesNotContain("resumed-token-0001");
        FakeStepContext.State state = resumed("resume-credential", buildEnv(), saved);

        assertThat(state.result(WITHIN)).asString().contains("status=PASSED");
        assertThat(services.tracked).as("looked up and tracked again by the new controller").containsExactly("glue-ci");
    }

    @Test
    void afterARestartAStepWhoseKeysAreGoneDoesNotFallBackToTheControllersIdentity() throws Exception {
        services.defaults = GlobalDefaults.NONE.allowingLocalEndpoint().allowingEndpoint(endpoint.uri().toString());

        byte[] saved = savedMidRun("resume-no-keys", withKeys(buildEnv()), params(endpoint.uri().toString()));
        FakeStepContext.State state = resumed("resume-no-keys", buildEnv(), saved);

        state.failure(WITHIN);
        assertThat(state.log()).contains("could not reach AWS again after the Jenkins restart (credentials: none given, "
                + "so the step would act as the Jenkins controller's own AWS identity");
    }

    /** A host of the Pipeline author's choosing: records the bytes of every request, answers 403. */
    static final class Listener implements AutoCloseable {
        final ServerSocket socket;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Thread thread;

        Listener() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "trust-test-listener");
            thread.setDaemon(true);
            thread.start();
        }

        String uri() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        List<String> received() {
            return List.copyOf(requests);
        }

        /** The headers have arrived, and as much of the body as their Content-Length says. */
        static boolean complete(String received) {
            int end = received.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$")
                    .matcher(received.substring(0, end));
            return !length.find() || received.length() - end - 4 >= Integer.parseInt(length.group(1));
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(500);
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    InputStream in = s.getInputStream();
                    byte[] buffer = new byte[8192];
                    try {
                        int n;
                        while ((n = in.read(buffer)) > 0) {
                            bytes.write(buffer, 0, n);
                            if (complete(bytes.toString(StandardCharsets.UTF_8)) && in.available() == 0) {
                                break;
                            }
                        }
                    } catch (SocketTimeoutException e) {
                        // whatever arrived is recorded
                    }
                    requests.add(bytes.toString(StandardCharsets.UTF_8));
                    String body = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                            + "<Message>not AWS</Message></Error><RequestId>x</RequestId></ErrorResponse>";
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/xml\r\nContent-Length: " + body.length()
                            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    // closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
