package io.github.gluehealthcheck.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {
    @TempDir
    Path dir;

    private PlanResult result() {
        CheckResult passed = CheckResult.builder().baseName("orders").jobName("glue-health-check-orders-etl-b1-aa")
                .runId("jr_1").status(CheckStatus.PASSED).state("SUCCEEDED").reason("the job succeeded")
                .durationSeconds(12.5).dpuSeconds(120.0).estimatedCostUsd(0.014667).consoleUrl("https://c").logsUrl("https://l")
                .cleanup(List.of(new CleanupStep("delete job", CleanupStep.Outcome.DONE, "x"))).build();
        CheckResult failed = CheckResult.builder().baseName("customers").jobName("glue-health-check-customers-etl-b1-bb")
                .runId("jr_2").status(CheckStatus.FAILED).state("FAILED").reason("the job failed")
                .errorMessage("ValueError: bad <input> & \"quotes\" leaked-secret-123")
                .lastErrorLines(List.of("Traceback (most recent call last):", "ValueError: bad input"))
                .durationSeconds(3).waitingSeconds(1260).build();
        return new PlanResult(CheckStatus.FAILED, List.of(passed, failed),
                CiContext.builder().repo("data/etl").pullRequest("5").buildNumber("1").build(), null, null, null,
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:00:20Z"));
    }

    @Test
    void writesAllFourFilesWithTheDesignedFields() throws Exception {
        List<Path> files = Reports.writeAll(result(), dir, Redactor.of(List.of("leaked-secret-123")));
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("report.json", "junit.xml", "summary.md", "badge.svg");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        JsonNode first = json.get("checks").get(0);
        for (String field : List.of("jobName", "runId", "state", "errorMessage", "durationSeconds", "dpuSeconds",
                "estimatedCostUsd", "cleanup")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(json.get("checks").get(1).get("errorMessage").asText()).contains("****").doesNotContain("leaked-secret-123");
        for (Path f : files) {
            assertThat(Files.readString(f)).doesNotContain("leaked-secret-123");
        }
    }

    @Test
    void costsSayWhosePricesTheyAreAndQueuedTimeIsReported() throws Exception {
        Reports.writeAll(result(), dir, Redactor.NONE);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.get("totals").get("pricesOf").asText()).isEqualTo("us-east-1");
        assertThat(json.get("checks").get(1).get("waitingSeconds").asDouble()).isEqualTo(1260.0);
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("estimated cost $0.0147 at us-east-1 prices")
                .contains("| customers | FAILED | FAILED (queued 1260 s) |");
    }

    @Test
    void junitIsWellFormedWithOneTestcasePerJob() throws Exception {
        Reports.writeAll(result(), dir, Redactor.NONE);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void summaryAndBadgeSayTheVerdict() throws Exception {
        Reports.writeAll(result(), dir, Redactor.NONE);
        assertThat(Files.readString(dir.resolve("summary.md"))).startsWith("## Glue health check: failed")
                .contains("| orders | passed | SUCCEEDED |").contains("Traceback (most recent call last):");
        assertThat(Files.readString(dir.resolve("badge.svg"))).contains("glue health: failed");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("badge.svg").toFile());
    }
}
