package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.JobType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A check shows a run's lines from wherever Glue writes them, each once, and keeps as error lines only those Glue
 * marks as errors: per job type and version, with and without continuous logging, with a security configuration
 * and with custom prefixes. The local endpoint writes each layout to the groups Glue uses.
 */
class LogLayoutsTest {
    private static final String PRINTED = "read 42 rows";
    private static final String TRACEBACK = "Traceback (most recent call last):";
    private static final String EXCEPTION = "ValueError: no rows for 2026-12-06";

    @RegisterExtension
    final LocalAws local = new LocalAws();

    private record Seen(CheckResult result, List<LogLine> lines) {
        List<String> messages() {
            return lines.stream().map(LogLine::message).toList();
        }

        List<String> groups() {
            return lines.stream().map(LogLine::group).distinct().toList();
        }
    }

    private Seen check(CheckSpec.Builder spec) {
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(100))
                .logOutput(PRINTED).logError(TRACEBACK, EXCEPTION).running(Duration.ofMillis(300)).thenSucceed());
        LocalAws.Recorder events = new LocalAws.Recorder();
        CheckResult result = local.healthCheck().run(spec.build(), local.context, events, new Cancellation());
        assertThat(result.status()).as(result.reason()).isEqualTo(CheckStatus.PASSED);
        synchronized (events.lines) {
            return new Seen(result, List.copyOf(events.lines));
        }
    }

    private CheckSpec.Builder spark(String version) {
        local.script("spark.py", "print('spark')\n");
        return CheckSpec.builder().workspace(local.workspace).script("jobs/spark.py").jobType(JobType.GLUEETL)
                .glueVersion(version).role(LocalAws.ROLE).scriptsBucket(LocalAws.BUCKET).maxWait(Duration.ofSeconds(30));
    }

    private static void eachOnceWithTheTracebackAsErrors(Seen seen) {
        assertThat(seen.messages()).containsOnlyOnce(PRINTED, TRACEBACK, EXCEPTION);
        assertThat(seen.result().lastErrorLines()).containsExactly(TRACEBACK, EXCEPTION);
    }

    @Test
    void spark4WithContinuousLoggingShowsEachLineOnceThoughGlueWritesItTwice() {
        Seen seen = check(spark("4.0"));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).contains("/aws-glue/jobs/logs-v2");
    }

    @Test
    void spark4WithoutContinuousLoggingReadsOutputAndError() {
        Seen seen = check(spark("4.0").arguments(Map.of("--enable-continuous-cloudwatch-log", "false")));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).containsExactlyInAnyOrder("/aws-glue/jobs/output", "/aws-glue/jobs/error");
    }

    @Test
    void spark4WithItsOwnContinuousGroupReadsThatGroup() {
        Seen seen = check(spark("4.0").arguments(Map.of("--continuous-log-logGroup", "/data/etl/continuous")));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).contains("/data/etl/continuous");
    }

    @Test
    void spark5KeepsGluesInfoLinesOfTheErrorGroupOutOfTheErrorLines() {
        Seen seen = check(spark("5.0"));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.lines()).filteredOn(l -> l.group().equals("/aws-glue/jobs/error")).isNotEmpty()
                .allSatisfy(l -> assertThat(l.error()).as(l.message()).isFalse());
    }

    @Test
    void spark5WithCustomPrefixesReadsTheRenamedGroupsAndStreams() {
        Seen seen = check(spark("5.0").arguments(Map.of("--custom-logGroup-prefix", "/data/etl",
                "--custom-logStream-prefix", "orders-check")));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).contains("/data/etl/output").allSatisfy(g -> assertThat(g).startsWith("/data/etl/"));
        assertThat(seen.lines()).allSatisfy(l -> assertThat(l.stream()).startsWith("orders-check"));
    }

    @Test
    void aSecurityConfigurationRenamesTheGroupsAndTheRunSaysWhere() {
        Seen seen = check(spark("5.0").securityConfiguration("kms-logs"));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).contains("/aws-glue/jobs/kms-logs-role/glue-ci/output");
    }

    @Test
    void spark4WithASecurityConfigurationStreamsToItsOwnContinuousGroup() {
        Seen seen = check(spark("4.0").securityConfiguration("kms-logs"));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).contains("/aws-glue/jobs/logs-v2-kms-logs");
    }

    @Test
    void pythonShellStderrIsTheErrorOutput() {
        Seen seen = check(local.pythonShell("shell.py", "print(1)\n"));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).containsExactlyInAnyOrder("/aws-glue/python-jobs/output", "/aws-glue/python-jobs/error");
    }

    @Test
    void rayHasOneGroupAndErrorsByTheirText() {
        local.script("ray.py", "import ray\n");
        Seen seen = check(CheckSpec.builder().workspace(local.workspace).script("jobs/ray.py").jobType(JobType.GLUERAY)
                .role(LocalAws.ROLE).scriptsBucket(LocalAws.BUCKET).maxWait(Duration.ofSeconds(30)));
        eachOnceWithTheTracebackAsErrors(seen);
        assertThat(seen.groups()).containsExactly("/aws-glue/ray/jobs/script-log");
        assertThat(seen.lines()).filteredOn(l -> l.message().equals(PRINTED)).singleElement()
                .satisfies(l -> assertThat(l.error()).isFalse());
    }
}
