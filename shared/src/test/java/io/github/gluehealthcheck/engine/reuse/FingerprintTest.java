package io.github.gluehealthcheck.engine.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the reuse fingerprint covers, read from its canonical text. */
class FingerprintTest {
    static final String SECRET = "FAKEsecret-value-for-the-fingerprint";

    static CheckSpec.Builder spec() {
        return CheckSpec.builder().workspace(Path.of("/ws")).script("s3://ci-scripts/jobs/orders.py").jobType(JobType.PYTHONSHELL)
                .role("arn:aws:iam::123456789012:role/glue-ci").scriptsBucket("s3://ci-scripts/checks")
                .arguments(Map.of("--env", "ci", "--token", SECRET)).secretArguments(List.of("--token"));
    }

    static String text(CheckSpec spec) {
        return Fingerprint.canonical(spec, Fingerprint.workspaceScript("print(1)".getBytes()), "data/etl",
                "123456789012", "eu-west-1");
    }

    @Test
    void theEngineMajorVersionFollowsSemanticVersioning() {
        assertThat(Fingerprint.major("2.3.1")).isEqualTo("2");
        assertThat(Fingerprint.major("0.4.0-SNAPSHOT")).isEqualTo("0.4");
        assertThat(Fingerprint.ENGINE_MAJOR).as("read from the build's engine.properties").matches("\\d+(\\.\\d+)?");
    }

    @Test
    void theTextNamesWhatDecidesTheOutcomeAndNoSecret() {
        String text = text(spec().build());

        assertThat(text).contains("engine-major=" + Fingerprint.ENGINE_MAJOR, "account=123456789012",
                "region=eu-west-1", "script=sha256:", "role=arn:aws:iam::123456789012:role/glue-ci",
                "command=pythonshell", "glue-version=3.0", "max-capacity=0.0625", "timeout=10", "max-retries=0",
                "default-argument --env=ci", "run-argument --health_check=true", "run-argument --token=secret:",
                "max-wait=1200");
        assertThat(text).doesNotContain(SECRET);
    }

    @Test
    void theSecretsHashIsSaltedWithTheRepositoryAndTheArgument() {
        String hash = Fingerprint.secretHash("data/etl", "--token", SECRET);

        assertThat(hash).hasSize(64).isEqualTo(Fingerprint.secretHash("data/etl", "--token", SECRET))
                .isNotEqualTo(Fingerprint.secretHash("data/other", "--token", SECRET))
                .isNotEqualTo(Fingerprint.secretHash("data/etl", "--key", SECRET))
                .isNotEqualTo(io.github.gluehealthcheck.engine.staging.ScriptStager.sha256(SECRET.getBytes()));
    }
}
