package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.jenkins.binding.CredentialKeys;
import io.github.gluehealthcheck.jenkins.binding.GlobalDefaults;
import io.github.gluehealthcheck.jenkins.binding.RequestBinding;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import io.github.gluehealthcheck.jenkins.run.LocalWorkspace;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every step parameter and every global default reaches the engine: each is set to a value of its own (none a
 * default), the step is bound as Pipeline binds it, and the engine's resolved request must hold each value. A
 * parameter added to the settings contract but not to this table, the step, its form or its help fails here.
 */
class StepParametersReachTheEngineTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/glue-check-role";

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    /** One parameter: the value set, and where the engine's request must show it. */
    record Row(Object given, Function<HealthCheckRequest, Object> resolved, Object expected) {
    }

    static CheckSpec first(HealthCheckRequest r) {
        return r.checks().get(0);
    }

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(workspace.resolve("jobs"));
        Files.writeString(workspace.resolve("jobs/orders.py"), "print(1)\n");
        Files.writeString(workspace.resolve("jobs/customers.py"), "print(2)\n");
        Files.writeString(workspace.resolve("checks.yml"), "jobs:\n  - script: jobs/customers.py\n    job_name: from-file\n");
    }

    /** A Spark job with every job, run, connection and context setting changed from its default. */
    Map<String, Row> sparkJob() {
        Map<String, Row> t = new LinkedHashMap<>();
        t.put("mode", new Row("check", HealthCheckRequest::mode, HealthCheckRequest.Mode.CHECK));
        t.put("script", new Row("jobs/orders.py", r -> first(r).script().fileName(), "orders.py"));
        t.put("jobName", new Row("orders-nightly", r -> first(r).jobName(), "orders-nightly"));
        t.put("glueVersion", new Row("4.0", r -> first(r).glueVersion(), "4.0"));
        t.put("workerType", new Row("G.2X", r -> first(r).workerType(), "G.2X"));
        t.put("numberOfWorkers", new Row(7, r -> first(r).numberOfWorkers(), 7));
        t.put("executionClass", new Row("FLEX", r -> first(r).executionClass().name(), "FLEX"));
        t.put("timeout", new Row(23, r -> first(r).timeoutMinutes(), 23));
        t.put("maxWait", new Row("45m", r -> first(r).maxWait(), Duration.ofMinutes(45)));
        t.put("arguments", new Row(Map.of("source", "sample", "db_password", "pw-1"),
                r -> first(r).arguments(), Map.of("--source", "sample", "--db_password", "pw-1")));
        t.put("secretArguments", new Row(List.of("db_password"), r -> first(r).secretValues(), List.of("pw-1")));
        t.put("healthCheckArgument", new Row("--probe=yes", r -> first(r).healthCheckArgument(), "--probe=yes"));
        t.put("role", new Row(ROLE, r -> first(r).role(), ROLE));
        t.put("scriptsBucket", new Row("s3://bucket-a/checks", r -> first(r).scriptsBucket().toString(),
                "s3://bucket-a/checks"));
        t.put("tempDir", new Row("s3://bucket-t/tmp", r -> first(r).tempDir().toString(), "s3://bucket-t/tmp"));
        t.put("extraPyFiles", new Row(List.of("s3://bucket-b/x.zip", "s3://bucket-b/y.zip"),
                r -> first(r).extraPyFiles().stream().map(Object::toString).toList(), List.of("s3://bucket-b/x.zip", "s3://bucket-b/y.zip")));
        t.put("extraJars", new Row(List.of("s3://bucket-b/j.jar"), r -> first(r).extraJars().stream().map(Object::toString).toList(),
                List.of("s3://bucket-b/j.jar")));
        t.put("additionalPythonModules", new Row(List.of("pyarrow==17.0"), r -> first(r).additionalPythonModules(),
                List.of("pyarrow==17.0")));
        t.put("connections", new Row(List.of("vpc-conn"), r -> first(r).connections(), List.of("vpc-conn")));
        t.put("securityConfiguration", new Row("sec-conf", r -> first(r).securityConfiguration(), "sec-conf"));
        t.put("baseJob", new Row("orders-nightly", r -> first(r).baseJob(), "orders-nightly"));
        t.put("paths", new Row(List.of("lib/**", "sql/*.sql"), r -> first(r).paths(), List.of("lib/**", "sql/*.sql")));
        t.put("reusePassed", new Row("7d", r -> first(r).reusePassed(), Duration.ofDays(7)));
        t.put("tags", new Row(Map.of("team", "data"), r -> first(r).tags().get("team"), "data"));
        t.put("keepJob", new Row("on_failure", r -> first(r).keepJob().name(), "ON_FAILURE"));
        t.put("namePrefix", new Row("ghc-step", HealthCheckRequest::namePrefix, "ghc-step"));
        t.put("region", new Row("ap-south-1", r -> r.connection().region().orElse(null), "ap-south-1"));
        t.put("endpoint", new Row("https://glue.example.test", r -> r.connection().endpoint().orElse(null),
                "https://glue.example.test"));
        t.put("assumeRole", new Row("arn:aws:iam::123456789012:role/assumed",
                r -> r.connection().assumeRole().orElse(null), "arn:aws:iam::123456789012:role/assumed"));
        t.put("roleSessionName", new Row("session-9", r -> r.connection().roleSessionName().orElse(null), "session-9"));
        t.put("credentialsId", new Row("glue-ci", r -> r.connection().secretValues().contains("AKIAFROM-glue-ci"), true));
        t.put("mfaToken", new Row("123456", r -> r.connection().secretValues().contains("secret-with-123456"), true));
        t.put("parallelism", new Row(3, HealthCheckRequest::parallelism, 3));
        t.put("statusReadsPerSecond", new Row(7, HealthCheckRequest::statusReadsPerSecond, 7));
        t.put("sweep", new Row(false, HealthCheckRequest::sweep, false));
        t.put("reportDir", new Row("out/reports", r -> r.reportDir().toString(),
                workspace.resolve("out/reports").toString()));
        t.put("dryRun", new Row(true, HealthCheckRequest::dryRun, true));
        t.put("changedOnly", new Row(true, HealthCheckRequest::changedOnly, true));
        t.put("logLevel", new Row("debug", HealthCheckRequest::debug, true));
        t.put("repo", new Row("acme/glue-jobs", r -> r.context().repo(), "acme/glue-jobs"));
        t.put("branch", new Row("feature-x", r -> r.context().branch().orElse(null), "feature-x"));
        t.put("pullRequest", new Row("42", r -> r.context().pullRequest().orElse(null), "42"));
        t.put("targetBranch", new Row("release/2", r -> r.context().targetBranch().orElse(null), "release/2"));
        t.put("buildNumber", new Row("77", r -> r.context().buildNumber().orElse(null), "77"));
        t.put("buildUrl", new Row("https://ci.example.test/job/77/", r -> r.context().buildUrl().orElse(null),
                "https://ci.example.test/job/77/"));
        t.put("commit", new Row("0123abcd", r -> r.context().commit().orElse(null), "0123abcd"));
        return t;
    }

    /** Python shell jobs listed inline: the job type and capacity that a Spark job cannot take. */
    Map<String, Row> pythonShellJobs() {
        Map<String, Row> t = new LinkedHashMap<>();
        t.put("jobs", new Row(List.of(Map.of("script", "jobs/orders.py"), Map.of("script", "jobs/customers.py")),
                r -> r.checks().stream().map(CheckSpec::jobName).toList(), List.of("orders", "customers")));
        t.put("jobType", new Row("pythonshell", r -> first(r).jobType().name(), "PYTHONSHELL"));
        t.put("maxCapacity", new Row(1.0, r -> first(r).maxCapacity(), 1.0));
        t.put("role", new Row(ROLE, r -> first(r).role(), ROLE));
        t.put("scriptsBucket", new Row("s3://bucket-a/checks", r -> first(r).scriptsBucket().toString(),
                "s3://bucket-a/checks"));
        return t;
    }

    Map<String, Row> configFile() {
        Map<String, Row> t = new LinkedHashMap<>();
        t.put("config", new Row("checks.yml", r -> first(r).jobName(), "from-file"));
        t.put("role", new Row(ROLE, r -> first(r).role(), ROLE));
        t.put("scriptsBucket", new Row("s3://bucket-a/checks", r -> first(r).scriptsBucket().toString(),
                "s3://bucket-a/checks"));
        return t;
    }

    Map<String, Row> sweepOnly() {
        return Map.of("mode", new Row("sweep", HealthCheckRequest::mode, HealthCheckRequest.Mode.SWEEP),
                "region", new Row("ap-south-1", r -> r.connection().region().orElse(null), "ap-south-1"));
    }

    /** Lets the tables' endpoint through, and steps without a credential use the controller's identity. */
    static final GlobalDefaults LISTED_AND_CONTROLLER =
            GlobalDefaults.NONE.allowingEndpoint("https://glue.example.test").allowingControllerCredentials();

    @Test
    void everyStepParameterIsHeldByTheEnginesRequest() throws Exception {
        Set<String> covered = new TreeSet<>();
        for (Map<String, Row> table : List.of(sparkJob(), pythonShellJobs(), configFile(), sweepOnly())) {
            Map<String, Object> given = new LinkedHashMap<>();
            table.forEach((name, row) -> given.put(name, row.given()));
            GlueHealthCheckStep step = Steps.of(given);
            HealthCheckRequest request = bind(step.parameters(), Map.of(), LISTED_AND_CONTROLLER);
            table.forEach((name, row) -> assertThat(row.resolved().apply(request)).as(name).isEqualTo(row.expected()));
            covered.addAll(table.keySet());
        }
        GlueHealthCheckStep unstable = Steps.of(Map.of("unstableOnFailure", true));
        assertThat(unstable.parameters()).containsEntry(StepParameters.UNSTABLE_ON_FAILURE, true);
        covered.add(StepParameters.UNSTABLE_ON_FAILURE);

        assertThat(covered).as("parameters this test sets").isEqualTo(new TreeSet<>(StepParameters.names()));
    }

    /**
     * The same job settings given in a {@code glueJob} of the {@code jobs} list instead of the step: each reaches the
     * engine's check, and a glueJob takes every job setting of the contract (setters and form).
     */
    @Test
    void everyJobSettingOfAGlueJobIsHeldByTheEnginesRequest() throws Exception {
        List<String> jobSettings = StepValues.jobSettingNames();
        Set<String> covered = new TreeSet<>();
        for (Map<String, Row> table : List.of(sparkJob(), pythonShellJobs())) {
            Map<String, Object> job = new LinkedHashMap<>();
            Map<String, Object> step = new LinkedHashMap<>();
            table.forEach((name, row) -> {
                if (jobSettings.contains(name)) {
                    job.put(name, row.given());
                } else if (!name.equals("jobs")) {
                    step.put(name, row.given());
                }
            });
            job.putIfAbsent("script", "jobs/orders.py");
            step.put("jobs", List.of(job));
            HealthCheckRequest request = bind(Steps.of(step).parameters(), Map.of(), LISTED_AND_CONTROLLER);
            job.keySet().stream().filter(table::containsKey).forEach(name -> assertThat(table.get(name).resolved().apply(request)).as("glueJob." + name)
                    .isEqualTo(table.get(name).expected()));
            covered.addAll(job.keySet());
        }
        assertThat(covered).as("job settings this test sets").containsExactlyInAnyOrderElementsOf(jobSettings);
        assertThat(setters(GlueJob.class)).as("glueJob's parameters").containsExactlyInAnyOrderElementsOf(jobSettings);
        String jelly = Files.readString(PluginFiles.viewsOf(GlueJob.class).resolve("config.jelly"));
        assertThat(ResourceFilesTest.fields(jelly)).as("GlueJob/config.jelly").containsExactlyInAnyOrderElementsOf(jobSettings);
        for (String name : jobSettings) {
            assertThat(jelly).as(name + " help is the step's").contains("getHelpFile('" + name + "')");
        }
    }

    @Test
    void everyGlobalDefaultIsHeldByTheEnginesRequest() throws Exception {
        GlobalDefaults defaults = new GlobalDefaults("eu-north-1", ROLE, "s3://default-bucket/p", "owner=platform",
                "ghc-default", true, List.of("https://glue.example.test"), true, "default-ci", 3, "12h");
        HealthCheckRequest r = bind(Map.of("script", "jobs/orders.py", "endpoint", "local"), Map.of(), defaults);
        HealthCheckRequest listed = bind(Map.of("script", "jobs/orders.py", "endpoint", "https://glue.example.test"),
                Map.of(), defaults);
        HealthCheckRequest controller = bind(Map.of("script", "jobs/orders.py"), Map.of(),
                new GlobalDefaults("eu-north-1", ROLE, "s3://default-bucket/p", null, null, false, List.of(), true, null));

        Map<String, Object> resolved = new LinkedHashMap<>();
        resolved.put("region", r.connection().region().orElse(null));
        resolved.put("role", first(r).role());
        resolved.put("scriptsBucket", first(r).scriptsBucket().toString());
        resolved.put("tags", first(r).tags().get("owner"));
        resolved.put("namePrefix", r.namePrefix());
        resolved.put("allowLocalEndpoint", r.connection().isLocal());
        resolved.put("allowedEndpoints", listed.connection().endpoint().orElse(null));
        resolved.put("allowControllerCredentials", !controller.connection().hasStaticKeys());
        resolved.put("credentialsId", listed.connection().secretValues().contains("AKIAFROM-default-ci"));
        resolved.put("statusReadsPerSecond", r.statusReadsPerSecond());
        resolved.put("reusePassed", first(r).reusePassed());
        assertThat(resolved).containsExactly(Map.entry("region", "eu-north-1"), Map.entry("role", ROLE),
                Map.entry("scriptsBucket", "s3://default-bucket/p"), Map.entry("tags", "platform"),
                Map.entry("namePrefix", "ghc-default"), Map.entry("allowLocalEndpoint", true),
                Map.entry("allowedEndpoints", "https://glue.example.test"), Map.entry("allowControllerCredentials", true),
                Map.entry("credentialsId", true), Map.entry("statusReadsPerSecond", 3),
                Map.entry("reusePassed", Duration.ofHours(12)));
        List<String> components = Stream.of(GlobalDefaults.class.getRecordComponents()).map(RecordComponent::getName)
                .toList();
        assertThat(resolved.keySet()).as("every global default is set above").containsExactlyElementsOf(components);
        assertThat(setters(GlueHealthCheckConfiguration.class)).as("the global configuration's fields")
                .containsExactlyInAnyOrderElementsOf(components);
        assertFormAndHelp(GlueHealthCheckConfiguration.class, components);
    }

    @Test
    void theParametersAreTheSettingsContractsAndEachHasAFieldInTheFormAndHelp() throws IOException {
        List<String> expected = new ArrayList<>();
        for (Setting s : Setting.values()) {
            if (!StepParameters.NOT_PARAMETERS.containsKey(s)) {
                expected.add(s.camelCase());
            }
        }
        expected.addAll(StepParameters.JENKINS_ONLY);
        assertThat(StepParameters.names()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(setters(GlueHealthCheckStep.class)).containsExactlyInAnyOrderElementsOf(expected);
        assertFormAndHelp(GlueHealthCheckStep.class, expected);
    }

    private HealthCheckRequest bind(Map<String, Object> parameters, Map<String, String> env, GlobalDefaults defaults)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(env);
        environment.put("JOB_NAME", "etl");
        environment.put("BUILD_NUMBER", "5");
        // A credential store whose credentials resolve to keys that name the id and the MFA code they were given.
        return RequestBinding.bind(parameters, environment, defaults, new LocalWorkspace(workspace), scratch,
                (id, mfa) -> new CredentialKeys("AKIAFROM-" + id, "secret-with-" + mfa, null)).request();
    }

    private static List<String> setters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return names;
    }

    /** The form has exactly these fields, and each has its help page. */
    private static void assertFormAndHelp(Class<?> type, List<String> names) throws IOException {
        Path views = PluginFiles.viewsOf(type);
        String jelly = Files.readString(views.resolve("config.jelly"));
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("field=\"(\\w+)\"").matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        assertThat(fields).as(type.getSimpleName() + "/config.jelly").containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(views.resolve("help-" + name + ".html")).as(name + " help").isRegularFile();
        }
    }
}
