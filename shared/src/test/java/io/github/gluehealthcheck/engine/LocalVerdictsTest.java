package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.report.Badge;
import io.github.gluehealthcheck.engine.report.JsonReport;
import io.github.gluehealthcheck.engine.report.JunitReport;
import io.github.gluehealthcheck.engine.report.MarkdownSummary;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run that cannot judge a Python shell job (a library Glue provides is missing here, or there is no Python)
 * is NOT CHECKED LOCALLY, never FAILED; a real failure stays a failure. The endpoint is reached by URL, as a
 * standalone local endpoint would be, so the engine learns that it is local from the endpoint's answers.
 */
class LocalVerdictsTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    @BeforeAll
    static void theseModulesAreMissingHere() throws Exception {
        // The tests rely on this machine's python3 lacking awswrangler (Glue provides it on Python 3.9).
        Process p = new ProcessBuilder("python3", "-c", "import awswrangler").redirectErrorStream(true).start();
        assertThat(p.waitFor()).as("awswrangler must not be installed for these tests").isNotZero();
    }

    @Test
    void aLibraryGluesPythonShellProvidesButThisPythonLacksIsNotCheckedLocally() {
        CheckSpec spec = local.pythonShell("wrangle.py", "import awswrangler as wr\nprint(wr.__version__)\n").build();

        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_CHECKED_LOCALLY);
        assertThat(result.reason()).isEqualTo("needs awswrangler, which Glue's Python shell provides; install it"
                + " here or check on AWS");
        assertThat(result.errorMessage()).isEqualTo("NOT CHECKED LOCALLY: " + result.reason());
        assertThat(result.verdict()).isEqualTo("NOT CHECKED LOCALLY");
        assertThat(result.local()).isTrue();
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aModuleOfAdditionalPythonModulesIsProvidedToo() {
        CheckSpec spec = local.pythonShell("extra.py", "import glue_hc_extra_lib\n")
                .additionalPythonModules(List.of("glue-hc-extra-lib==1.2")).build();

        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.NOT_CHECKED_LOCALLY);
        assertThat(result.reason()).isEqualTo("needs glue_hc_extra_lib, which Glue installs"
                + " from additional_python_modules; install it here or check on AWS");
    }

    @Test
    void aModuleNobodyProvidesIsARealFailure() {
        CheckSpec spec = local.pythonShell("typo.py", "import pandsa\n").build();

        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(result.errorMessage()).contains("No module named 'pandsa'");
    }

    @Test
    void aScriptCannotDisguiseItsFailureAsNotChecked() {
        CheckSpec spec = local.pythonShell("sly.py", """
                import sys
                print("NOT CHECKED LOCALLY: needs nothing", file=sys.stderr)
                sys.exit(1)
                """).build();

        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());

        assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void aFailureElsewhereOutranksNotCheckedLocally() {
        assertThat(CheckStatus.overall(List.of(CheckStatus.NOT_CHECKED_LOCALLY, CheckStatus.FAILED)))
                .isEqualTo(CheckStatus.FAILED);
        assertThat(CheckStatus.overall(List.of(CheckStatus.PASSED, CheckStatus.NOT_CHECKED_LOCALLY)))
                .isEqualTo(CheckStatus.NOT_CHECKED_LOCALLY);
    }

    @Test
    void everyReportSaysNotCheckedLocallyAndJunitSkipsIt() {
        CheckSpec spec = local.pythonShell("wrangle.py", "import awswrangler\n").build();
        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        PlanResult plan = new PlanResult(CheckStatus.overall(List.of(result.status())), List.of(result), local.context,
                null, null, null, Instant.now(), Instant.now());

        String junit = JunitReport.render(plan);
        assertThat(junit).contains("skipped=\"1\"", "failures=\"0\"", "errors=\"0\"")
                .contains("<skipped message=\"NOT CHECKED LOCALLY: needs awswrangler, which Glue's Python shell")
                .doesNotContain("<failure", "<error");
        assertThat(JsonReport.tree(plan).get("status").asText()).isEqualTo("NOT_CHECKED_LOCALLY");
        assertThat(JsonReport.tree(plan).get("verdict").asText()).isEqualTo("NOT CHECKED LOCALLY");
        assertThat(MarkdownSummary.render(plan)).contains("## Glue health check: not checked locally",
                "| NOT CHECKED LOCALLY |", "NOT CHECKED LOCALLY: needs awswrangler");
        assertThat(Badge.render(plan)).contains("glue health: not checked locally");
    }

    @Test
    void sparkOnALocalEndpointGivenByUrlIsCompiledOnlyInEveryReport() {
        local.script("spark.py", "from pyspark.sql import SparkSession\n");
        CheckSpec spec = CheckSpec.builder().workspace(local.workspace).script("jobs/spark.py").role(LocalAws.ROLE)
                .scriptsBucket(LocalAws.BUCKET).build();

        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        PlanResult plan = new PlanResult(result.status(), List.of(result), local.context, null, null, null,
                Instant.now(), Instant.now());

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.checkedOnly()).isTrue();
        assertThat(result.verdict()).isEqualTo("COMPILED ONLY");
        assertThat(result.estimatedCostUsd()).as("a compiled script did not run, so it has no cost").isNull();
        assertThat(plan.verdict()).isEqualTo("COMPILED ONLY");
        assertThat(MarkdownSummary.render(plan)).contains("## Glue health check: compiled only", "| compiled only |")
                .doesNotContain("| passed |");
        assertThat(JunitReport.render(plan)).contains("status: COMPILED ONLY");
        assertThat(JsonReport.tree(plan).get("verdict").asText()).isEqualTo("COMPILED ONLY");
        assertThat(JsonReport.tree(plan).get("checks").get(0).get("verdict").asText()).isEqualTo("COMPILED ONLY");
        assertThat(Badge.render(plan)).contains("glue health: compiled only");
    }

    @Test
    void theCostOfALocalRunIsLabelledAsWhatAwsWouldCharge() {
        CheckSpec spec = local.pythonShell("ok.py", "print('ok')\n").build();
        CheckResult result = local.healthCheck().run(spec, local.context, ProgressListener.NONE, new Cancellation());
        PlanResult plan = new PlanResult(result.status(), List.of(result), local.context, null, null, null,
                Instant.now(), Instant.now());

        assertThat(result.local()).isTrue();
        assertThat(MarkdownSummary.render(plan)).contains("ran locally at no cost; on AWS it would cost $")
                .containsPattern("\\| \\$\\d\\.\\d{4} on AWS \\|");
        assertThat(JsonReport.tree(plan).get("totals").get("costIsWhatAwsWouldCharge").asBoolean()).isTrue();
    }
}
