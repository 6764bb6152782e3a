package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepParametersTest {

    @Test
    void everyContractSettingIsAParameterExceptCredentialsControllerFilesAndTheWorkspace() {
        assertThat(StepParameters.NOT_PARAMETERS.keySet()).containsExactlyInAnyOrder(Setting.ACCESS_KEY,
                Setting.SECRET_KEY, Setting.SESSION_TOKEN, Setting.EXTERNAL_ID, Setting.WEB_IDENTITY_TOKEN_FILE,
                Setting.WORKSPACE);
        assertThat(StepParameters.settings()).hasSize(Setting.values().length - 6)
                .allSatisfy(s -> assertThat(s.isSecret()).isFalse());
        assertThat(StepParameters.names()).contains("scriptsBucket", "numberOfWorkers", "unstableOnFailure",
                "credentialsId", "mfaToken").doesNotContain("secretKey", "workspace", "webIdentityTokenFile");
        assertThat(Arrays.stream(Setting.values()).filter(Setting::isSecret))
                .as("every secret setting is kept out").allSatisfy(s -> assertThat(StepParameters.NOT_PARAMETERS).containsKey(s));
    }

    @Test
    void unsetValuesAndJenkinsOnlyParametersDoNotReachTheEngine() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("script", "jobs/orders.py");
        p.put("role", "  ");
        p.put("tags", Map.of());
        p.put("extraJars", List.of());
        p.put("parallelism", 2);
        p.put("arguments", Map.of("source", "sample"));
        p.put("unstableOnFailure", true);

        assertThat(StepParameters.toSettings(p)).containsOnlyKeys("script", "parallelism", "arguments")
                .containsEntry("parallelism", 2).containsEntry("arguments", Map.of("source", "sample"));
    }

    @Test
    void noneMeansNoHealthCheckArgumentWhileBlankMeansTheDefault() {
        assertThat(StepParameters.toSettings(Map.of("healthCheckArgument", "none"))).containsEntry("healthCheckArgument", "");
        assertThat(StepParameters.toSettings(Map.of("healthCheckArgument", " "))).isEmpty();
        assertThat(StepParameters.toSettings(Map.of("healthCheckArgument", "--sample=true")))
                .containsEntry("healthCheckArgument", "--sample=true");
    }

    @Test
    void aNameThatIsNotAParameterIsAProgrammingError() {
        assertThatThrownBy(() -> StepParameters.toSettings(Map.of("secretKey", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StepParameters.toSettings(Map.of("scripts_bucket", "s3://b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
