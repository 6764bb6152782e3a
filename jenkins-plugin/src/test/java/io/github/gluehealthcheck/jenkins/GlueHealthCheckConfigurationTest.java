package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The administrator's defaults, configured as code (JCasC) and exported back. Runs only with {@code -Pjenkins}. */
@WithJenkinsConfiguredWithCode
class GlueHealthCheckConfigurationTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void theDefaultsAreConfigurableAsCode(JenkinsConfiguredWithCodeRule r) throws Exception {
        GlueHealthCheckConfiguration config = ExtensionList.lookupSingleton(GlueHealthCheckConfiguration.class);

        assertThat(config.defaults()).isEqualTo(new GlobalDefaults("eu-west-1", "glue-health-check",
                "s3://ci-glue-scripts/checks", "team=data\ncost-center=ci", "ci-check", false,
                List.of("https://glue.eu-west-1.amazonaws.com", "https://vpce-1.s3.eu-west-1.vpce.amazonaws.com"), false,
                "glue-ci", 3, null));

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("glueHealthCheck");
        assertThat(Util.toYamlString(exported)).contains("region:").contains("eu-west-1").contains("scriptsBucket:")
                .contains("s3://ci-glue-scripts/checks").contains("namePrefix:").contains("ci-check")
                .contains("credentialsId:").contains("glue-ci").contains("allowedEndpoints:")
                .contains("statusReadsPerSecond: 3");
    }
}
