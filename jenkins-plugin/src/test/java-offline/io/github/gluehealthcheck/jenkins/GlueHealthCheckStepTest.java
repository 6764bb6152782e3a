package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
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
            Type element = setter.getGenericParameterTypes()[0] instanceof ParameterizedType list
                    ? list.getActualTypeArguments()[0] : null;
            Object value = type == boolean.class || type == Boolean.class ? Boolean.TRUE
                    : type == Integer.class ? 7 : type == Double.class ? 0.5
                    : element == GlueJobArgument.class ? List.of(new GlueJobArgument("value-of-" + name, "v"))
                    : element == GlueJobTag.class ? List.of(new GlueJobTag("value-of-" + name, "v"))
                    : element == GlueJob.class ? List.of(Steps.job(Map.of("script", "value-of-" + name)))
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
        // structs reads an Object parameter (or a list of Objects) as a choice over every Describable in Jenkins, and
        // a Map as a type it cannot describe: every parameter of the step and of a glueJob has a type of its own.
        for (String name : StepParameters.names()) {
            assertDescribable(name, Steps.setter(name).getGenericParameterTypes()[0]);
        }
        for (String name : StepValues.jobSettingNames()) {
            assertDescribable("glueJob." + name, Steps.setter(GlueJob.class, name).getGenericParameterTypes()[0]);
        }
        // The nested types are concrete Describables with a descriptor and a symbol, so structs sees one nested
        // object per list element (not a choice) and the Snippet Generator writes glueArgument(...), glueTag(...), glueJob(...).
        for (Class<?> nested : List.of(GlueJobArgument.class, GlueJobTag.class, GlueJob.class)) {
            assertThat(Modifier.isFinal(nested.getModifiers())).as(nested + " is final").isTrue();
            assertThat(hudson.model.Describable.class).isAssignableFrom(nested);
            assertThat(Arrays.stream(nested.getConstructors()).anyMatch(c -> c.isAnnotationPresent(DataBoundConstructor.class)))
                    .as(nested + " has a @DataBoundConstructor").isTrue();
            Class<?> descriptor = Arrays.stream(nested.getClasses()).filter(c -> c.getSimpleName().equals("DescriptorImpl"))
                    .findFirst().orElseThrow();
            assertThat(descriptor.getAnnotation(org.jenkinsci.Symbol.class)).as(nested + "'s symbol").isNotNull();
            assertThat(descriptor.getAnnotation(hudson.Extension.class)).as(nested + "'s descriptor is an extension").isNotNull();
        }
        assertThat(List.of(GlueJobArgument.class, GlueJobTag.class, GlueJob.class)).extracting(c -> Arrays.stream(c.getClasses())
                .filter(d -> d.getSimpleName().equals("DescriptorImpl")).findFirst().orElseThrow()
                .getAnnotation(org.jenkinsci.Symbol.class).value()[0]).containsExactly("glueArgument", "glueTag", "glueJob");
    }

    private static void assertDescribable(String name, Type type) {
        if (type instanceof ParameterizedType list) {
            assertThat(list.getRawType()).as(name).isEqualTo(List.class);
            assertThat(list.getActualTypeArguments()[0]).as(name + "'s elements")
                    .isIn(String.class, GlueJobArgument.class, GlueJobTag.class, GlueJob.class);
        } else {
            assertThat(type).as(name).isIn(String.class, Integer.class, Double.class, Boolean.class, boolean.class);
        }
    }

    @Test
    void groovyMapsStillBindAsTheyDidBeforeTheParametersWereTyped() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("arguments", Map.of("source_table", "orders_sample"));
        given.put("tags", Map.of("team", "data"));
        given.put("jobs", List.of(Map.of("script", "jobs/orders.py", "number_of_workers", 3,
                "arguments", Map.of("--day", 7)), Map.of("script", "jobs/customers.py", "jobType", "pythonshell")));

        GlueHealthCheckStep step = Steps.of(given);

        assertThat(step.getArguments()).containsExactly(new GlueJobArgument("source_table", "orders_sample"));
        assertThat(step.getTags()).containsExactly(new GlueJobTag("team", "data"));
        assertThat(step.getJobs()).extracting(GlueJob::getScript).containsExactly("jobs/orders.py", "jobs/customers.py");
        assertThat(step.getJobs().get(0).getNumberOfWorkers()).isEqualTo(3);
        assertThat(step.parameters()).containsEntry("arguments", Map.of("source_table", "orders_sample"))
                .containsEntry("tags", Map.of("team", "data"))
                .containsEntry("jobs", List.of(Map.of("script", "jobs/orders.py", "numberOfWorkers", 3,
                        "arguments", Map.of("--day", "7")), Map.of("script", "jobs/customers.py", "jobType", "pythonshell")));
    }

    @Test
    void theTypedFormsBindToTheSameParameters() {
        GlueHealthCheckStep step = new GlueHealthCheckStep();
        step.setArguments(List.of(new GlueJobArgument(" source_table ", "orders_sample"), new GlueJobArgument("", "")));
        step.setTags(List.of(new GlueJobTag("team", "data"), new GlueJobTag("team", "platform")));
        GlueJob job = new GlueJob();
        job.setScript("jobs/orders.py");
        job.setTags(List.of(new GlueJobTag(" ", "")));
        step.setJobs(List.of(job, new GlueJob()));

        // An empty row of the Snippet Generator's form is no entry; a tag given twice keeps its last value.
        assertThat(step.getArguments()).hasSize(1);
        assertThat(step.parameters()).containsEntry("arguments", Map.of("source_table", "orders_sample"))
                .containsEntry("tags", Map.of("team", "platform"))
                .containsEntry("jobs", List.of(Map.of("script", "jobs/orders.py")));
        step.setArguments(List.of(new GlueJobArgument(null, "x")));
        step.setJobs(List.of());
        assertThat(step.parameters()).doesNotContainKeys("arguments", "jobs");
    }

    @Test
    void textAndUnknownJobKeysAreRefusedWithOneLineNamingTheParameter() {
        GlueHealthCheckStep.DescriptorImpl d = new GlueHealthCheckStep.DescriptorImpl();
        assertThatThrownBy(() -> d.customInstantiate(Map.of("arguments", "source=x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("arguments: write a map")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> d.customInstantiate(Map.of("tags", "{\"team\": \"data\"}")))
                .hasMessageStartingWith("tags: write a map (tags: [team: 'data'])");
        assertThatThrownBy(() -> d.customInstantiate(Map.of("jobs", "[{}]"))).hasMessageStartingWith("jobs: write a list");
        assertThatThrownBy(() -> d.customInstantiate(Map.of("jobs", List.of(Map.of("script", "a.py"),
                Map.of("script", "b.py", "region", "eu-west-1")))))
                .hasMessageStartingWith("jobs entry 2: 'region' is not a job setting (job settings: script, baseJob,");
        // Everything else is left for structs to bind.
        Map<String, Object> typed = Map.of("arguments", List.of(new GlueJobArgument("a", "b")), "script", "a.py");
        assertThat(d.customInstantiate(typed)).isEqualTo(typed);
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
