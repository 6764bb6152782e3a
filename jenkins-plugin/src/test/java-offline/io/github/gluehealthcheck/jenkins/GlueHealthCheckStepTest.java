package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/** How Pipeline and the Snippet Generator bind the step's parameters: one per setting, camelCase, by its setter. */
class GlueHealthCheckStepTest {

    @Test
    void everyParameterHasADataBoundSetterAndAGetterGivingItBack() throws Exception {
        for (String name : StepParameters.names()) {
            Method setter = Steps.setter(name);
            Class<?> type = setter.getParameterTypes()[0];
            Object value = type == boolean.class || type == Boolean.class ? Boolean.TRUE
                    : type == Integer.class ? 7 : type == Double.class ? 0.5
                    : type == List.class ? List.of("value-of-" + name, "second") : "value-of-" + name;
            GlueHealthCheckStep step = new GlueHealthCheckStep();
            setter.invoke(step, value);
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            Method getter = type == boolean.class || type == Boolean.class ? GlueHealthCheckStep.class.getMethod("is" + cap)
                    : GlueHealthCheckStep.class.getMethod("get" + cap);
            assertThat(getter.invoke(step)).as(name).isEqualTo(value);
        }
        assertThat(GlueHealthCheckStep.class.getConstructor().isAnnotationPresent(DataBoundConstructor.class)).isTrue();
    }

    @Test
    void parametersAreTypedSoPipelineCanDescribeThem() {
        // structs reads an Object parameter as a choice over every Describable in Jenkins: only the three settings
        // that take a Groovy map (or list of maps) or Snippet Generator text keep it.
        List<String> untyped = new java.util.ArrayList<>();
        for (String name : StepParameters.names()) {
            if (Steps.setter(name).getParameterTypes()[0] == Object.class) {
                untyped.add(name);
            }
        }
        assertThat(untyped).containsExactlyInAnyOrder("jobs", "arguments", "tags");
    }

    @Test
    void theSnippetGeneratorsListTextBecomesEntries() {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        step.setExtraPyFiles(List.of(" s3://b/a.zip, s3://b/c.zip\ns3://b/d.zip "));
        step.setConnections(List.of(" "));

        assertThat(step.getExtraPyFiles()).containsExactly("s3://b/a.zip", "s3://b/c.zip", "s3://b/d.zip");
        assertThat(step.getConnections()).isNull();
    }

    @Test
    void anUntouchedSnippetGeneratorBoxReadsAsTheDefault() {
        // The Snippet Generator leaves out a parameter whose getter gives what a new step's gives.
        GlueHealthCheckStep fresh = new GlueHealthCheckStep();
        GlueHealthCheckStep formDefaults = new GlueHealthCheckStep();
        formDefaults.setSweep(true); // the box is ticked by default
        formDefaults.setDryRun(false);
        assertThat(formDefaults.isSweep()).isEqualTo(fresh.isSweep()).isTrue();
        assertThat(formDefaults.isDryRun()).isEqualTo(fresh.isDryRun()).isFalse();
        // An explicit value in a script is still passed on (it outranks .glue-health.yml); an unset one is not.
        assertThat(formDefaults.parameters()).containsEntry("sweep", true);
        assertThat(fresh.parameters()).doesNotContainKey("sweep");
    }

    @Test
    void credentialsAreNotParameters() {
        for (String secret : List.of("accessKey", "secretKey", "sessionToken", "externalId", "workspace")) {
            assertThat(GlueHealthCheckStep.class.getMethods()).as(secret)
                    .noneMatch(m -> m.getName().equalsIgnoreCase("set" + secret));
        }
    }

    @Test
    void theParametersAreWhatWasSetWithGroovyTypesKept() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("script", " jobs/orders.py ");
        given.put("role", "");
        given.put("numberOfWorkers", 3);
        given.put("maxWait", " ");
        given.put("arguments", Map.of("source", "sample"));
        given.put("extraPyFiles", List.of("s3://b/lib.zip"));
        given.put("sweep", false);
        given.put("unstableOnFailure", true);

        Map<String, Object> p = Steps.of(given).parameters();

        assertThat(p).containsExactly(Map.entry("script", "jobs/orders.py"), Map.entry("numberOfWorkers", 3),
                Map.entry("arguments", Map.of("source", "sample")), Map.entry("extraPyFiles", List.of("s3://b/lib.zip")),
                Map.entry("sweep", false), Map.entry("unstableOnFailure", true));
        assertThat(StepParameters.toSettings(p)).doesNotContainKey("unstableOnFailure").hasSize(5);
    }

    @Test
    void theStepIsCalledGlueHealthCheckAndNeedsTheEnvironment() {
        GlueHealthCheckStep.DescriptorImpl d = new GlueHealthCheckStep.DescriptorImpl();

        assertThat(d.getFunctionName()).isEqualTo("glueHealthCheck");
        assertThat(d.takesImplicitBlockArgument()).isFalse();
        Set<Class<?>> required = Set.copyOf(d.getRequiredContext());
        assertThat(required).isEqualTo(Set.of(Run.class, TaskListener.class, EnvVars.class, FlowNode.class));
    }
}
