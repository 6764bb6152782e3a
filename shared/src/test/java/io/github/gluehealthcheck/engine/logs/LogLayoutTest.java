package io.github.gluehealthcheck.engine.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.LogCursor;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The groups named in the Glue developer guide's logging pages, per job type, version and setting. */
class LogLayoutTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/service/glue-ci";
    private static final Map<String, String> CONTINUOUS = Map.of("--enable-continuous-cloudwatch-log", "true");

    private static List<String> groups(LogLayout layout, String runLogGroupName) {
        return layout.cursors(runLogGroupName).stream().map(LogCursor::group).toList();
    }

    @Test
    void spark4ContinuousLoggingReadsLogsV2ThenOutputAndError() {
        assertThat(groups(LogLayout.of(JobType.GLUEETL, "4.0", CONTINUOUS, null, ROLE), null))
                .containsExactly("/aws-glue/jobs/logs-v2", "/aws-glue/jobs/output", "/aws-glue/jobs/error");
        assertThat(groups(LogLayout.of(JobType.GLUEETL, "4.0", Map.of(), null, ROLE), null))
                .containsExactly("/aws-glue/jobs/output", "/aws-glue/jobs/error");
    }

    @Test
    void aSecurityConfigurationRenamesEveryGroupUntilTheRunSaysOtherwise() {
        LogLayout layout = LogLayout.of(JobType.GLUEETL, "4.0", CONTINUOUS, "kms-logs", ROLE);
        assertThat(groups(layout, null)).containsExactly("/aws-glue/jobs/logs-v2-kms-logs",
                "/aws-glue/jobs/kms-logs-role/glue-ci/output", "/aws-glue/jobs/kms-logs-role/glue-ci/error");
        // A configuration that does not encrypt CloudWatch logs leaves the names alone, which the run then says.
        assertThat(groups(layout, "/aws-glue/jobs"))
                .containsExactly("/aws-glue/jobs/logs-v2", "/aws-glue/jobs/output", "/aws-glue/jobs/error");
    }

    @Test
    void spark5CustomPrefixesRenameGroupsAndStreams() {
        List<LogCursor> cursors = LogLayout.of(JobType.GLUEETL, "5.1",
                Map.of("--custom-logGroup-prefix", "/data/etl", "--custom-logStream-prefix", "orders"), null, ROLE)
                .cursors(null);
        assertThat(cursors).extracting(LogCursor::group).containsExactly("/data/etl/output", "/data/etl/error");
        assertThat(cursors).extracting(LogCursor::streamPrefix).containsOnly("orders");
        assertThat(cursors).noneMatch(LogCursor::errorGroup);
    }

    @Test
    void pythonShellErrorsAreItsStderrAndRayHasNoErrorGroup() {
        List<LogCursor> shell = LogLayout.of(JobType.PYTHONSHELL, "3.0", Map.of(), null, ROLE).cursors("/aws-glue/python-jobs");
        assertThat(shell).extracting(LogCursor::group).containsExactly("/aws-glue/python-jobs/output", "/aws-glue/python-jobs/error");
        assertThat(shell).extracting(LogCursor::errorGroup).containsExactly(false, true);
        assertThat(groups(LogLayout.of(JobType.GLUERAY, "4.0", Map.of(), null, ROLE), null))
                .containsExactly("/aws-glue/ray/jobs/script-log");
    }

    @Test
    void errorLinesAreTracebacksExceptionsAndErrorLevelLinesOnly() {
        assertThat(List.of("Traceback (most recent call last):", "  File \"/tmp/job.py\", line 3, in <module>",
                "ValueError: boom", "py4j.protocol.Py4JJavaError: An error occurred",
                "25/12/06 10:00:00 ERROR Executor: Exception in task 0.0", "2026-12-06 ERROR [main] glue: failed"))
                .allSatisfy(l -> assertThat(LogTail.looksLikeError(l)).as(l).isTrue());
        assertThat(List.of("25/12/06 10:00:00 INFO GlueContext: started", "read 42 rows", "0 ERRORS found",
                "WARN  error handling is on"))
                .allSatisfy(l -> assertThat(LogTail.looksLikeError(l)).as(l).isFalse());
    }

    @Test
    void aLineAlreadyShownFromAnotherGroupIsNotShownAgain() {
        SeenLines seen = new SeenLines();
        assertThat(seen.show("/aws-glue/jobs/logs-v2", "read 42 rows")).isTrue();
        assertThat(seen.show("/aws-glue/jobs/logs-v2", "read 42 rows")).isTrue();
        assertThat(seen.show("/aws-glue/jobs/output", "read 42 rows")).isFalse();
        assertThat(seen.copy().show("/aws-glue/jobs/output", "read 42 rows")).isFalse();
    }
}
