package io.github.gluehealthcheck.engine.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The staging path against Adobe S3Mock, a third-party S3 implementation: the uploads our SDK configuration sends
 * (chunked, with trailing checksums) are understood by more than our own local endpoint.
 */
class ScriptStagerS3MockTest {
    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withInitialBuckets("ci-scripts").build();

    @TempDir
    Path workspace;
    S3Client s3;

    @BeforeEach
    void client() throws Exception {
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort())).forcePathStyle(true)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        Files.createDirectories(workspace.resolve("jobs"));
    }

    @AfterEach
    void close() {
        s3.close();
    }

    @Test
    void aWorkspaceScriptIsUploadedUnderAUniqueKeyThenDeleted() throws Exception {
        String content = "import sys\nprint('x' * 70000)\n".repeat(20);
        Files.writeString(workspace.resolve("jobs/orders.py"), content);
        CheckSpec spec = CheckSpec.builder().workspace(workspace).script("jobs/orders.py").role("glue-ci")
                .scriptsBucket("s3://ci-scripts/checks").build();
        CiContext ctx = CiContext.builder().repo("data/etl").pullRequest("3").buildNumber("9").build();
        ScriptStager stager = new ScriptStager(s3);

        StagedScript staged = stager.stage(spec, ctx, "0badc0de");

        assertThat(staged.uploadedByUs()).isTrue();
        assertThat(staged.location().key()).startsWith("checks/data/etl/pr3/b9/0badc0de-").endsWith("/orders.py");
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket("ci-scripts").key(staged.location().key())).asByteArray();
        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(content);

        stager.delete("ci-scripts", staged.location().key());
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("ci-scripts").key(staged.location().key())))
                .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        stager.delete("ci-scripts", staged.location().key()); // deleting twice is fine
    }

    @Test
    void anS3ScriptIsOnlyCheckedToExist() {
        s3.putObject(r -> r.bucket("ci-scripts").key("jobs/existing.py"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("print(1)"));
        StagedScript staged = new ScriptStager(s3).stage(CheckSpec.builder().script("s3://ci-scripts/jobs/existing.py")
                .role("glue-ci").build(), CiContext.builder().repo("a/b").build(), "00000001");
        assertThat(staged.uploadedByUs()).isFalse();
        assertThat(staged.bytes()).isEqualTo(8);
        assertThatThrownBy(() -> new ScriptStager(s3).stage(CheckSpec.builder().script("s3://ci-scripts/jobs/nope.py")
                .role("glue-ci").build(), CiContext.builder().repo("a/b").build(), "00000001"))
                .isInstanceOf(ScriptNotReadableException.class).hasMessage("s3://ci-scripts/jobs/nope.py does not exist");
    }

    @Test
    void theBytesReadWhenPlacedAreTheOnesUploadedEvenIfTheFileChangesInBetween() throws Exception {
        Files.writeString(workspace.resolve("jobs/orders.py"), "print('checked')\n");
        CheckSpec spec = CheckSpec.builder().workspace(workspace).script("jobs/orders.py").role("glue-ci")
                .scriptsBucket("s3://ci-scripts/checks").build();
        ScriptStager stager = new ScriptStager(s3);
        StagedScript staged = stager.place(spec, CiContext.builder().repo("data/etl").buildNumber("9").build(), "0c0ffee0");

        Files.writeString(workspace.resolve("jobs/orders.py"), "import os; os.system('curl evil')\n");
        stager.upload(spec, staged);

        byte[] stored = s3.getObjectAsBytes(r -> r.bucket("ci-scripts").key(staged.location().key())).asByteArray();
        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("print('checked')\n");
    }

    @Test
    void aScriptSwappedForALinkOutsideAfterTheSettingsWereReadIsNotUploaded(@TempDir Path elsewhere) throws Exception {
        Files.writeString(workspace.resolve("jobs/orders.py"), "print(1)\n");
        CheckSpec spec = CheckSpec.builder().workspace(workspace).script("jobs/orders.py").role("glue-ci")
                .scriptsBucket("s3://ci-scripts/checks").build();
        Path secret = Files.writeString(elsewhere.resolve("id_rsa"), "-----BEGIN PRIVATE KEY-----\n");
        Files.delete(workspace.resolve("jobs/orders.py"));
        Files.createSymbolicLink(workspace.resolve("jobs/orders.py"), secret);

        assertThatThrownBy(() -> new ScriptStager(s3).place(spec, CiContext.builder().repo("data/etl").build(), "0c0ffee1"))
                .isInstanceOf(ScriptNotReadableException.class).hasMessage("script jobs/orders.py links outside the workspace");
    }
}
