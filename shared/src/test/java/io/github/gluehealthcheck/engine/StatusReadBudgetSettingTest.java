package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.local.RecordedRequest;
import io.github.gluehealthcheck.engine.local.RunScript;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code status_reads_per_second} as a user sets it: read from the settings, applied by the session to the plan (over
 * whatever the caller's engine options said), with the default poll schedule. At the lowest budget a single job still
 * has its end noticed within a second; a plan of several jobs stays within the budget it was given.
 */
class StatusReadBudgetSettingTest {
    @RegisterExtension
    final LocalAws local = new LocalAws();

    private HealthCheckRequest request(Map<String, Object> settings) {
        Map<String, Object> s = local.settings(settings);
        s.put("access_key", "FAKEKEYBUDGETTEST01");
        s.put("secret_key", "fake-secret-budget-test");
        s.put("sweep", "false");
        return SettingsReader.read(s, Map.of(), CiContext.builder().repo("data/etl").buildNumber("1"));
    }

    /** Runs the request with the product's poll schedule; the fixture's lifted budget must not win over the setting. */
    private PlanResult check(HealthCheckRequest request) {
        try (CheckSession session = CheckSession.open(request,
                LocalAws.fastOptions().statusReadsPerSecond(1_000).pollSchedule(PollSchedule.adaptive()))) {
            assertThat(session.options().statusReadsPerSecond()).isEqualTo(request.statusReadsPerSecond());
            return session.check(ProgressListener.NONE, new Cancellation());
        }
    }

    private List<Instant> reads(String jobName) {
        return local.endpoint.requests().forOperation("glue", "GetJobRun").stream()
                .filter(r -> jobName == null || jobName.equals(r.jobName())).map(RecordedRequest::at).sorted().toList();
    }

    @Test
    void atTheLowestBudgetASingleJobStillHasItsEndNoticedWithinASecond() {
        local.script("one.py", "print(1)\n");
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofMillis(3500)).thenSucceed());
        HealthCheckRequest request = request(Map.of("script", "jobs/one.py", "job_type", "pythonshell",
                "status_reads_per_second", "1"));
        assertThat(request.statusReadsPerSecond()).isEqualTo(1);

        PlanResult result = check(request);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        LocalState.Run run = local.endpoint.state().runs().get(0);
        List<Instant> reads = reads(run.jobName());
        // The last read saw the end (the engine reads no more once it has); stamped as it arrived, it can come a
        // moment before CompletedOn when the run ends while the read is answered.
        Instant noticed = reads.get(reads.size() - 1);
        // The budget allows one read a second, counted from each read's start, and the schedule asks for at most
        // that, counted from each read's start too: the reads come a second apart and the read after the end within
        // a second of it, plus what a busy machine adds to a wake-up and a call (0.1 s allowed).
        assertThat(Duration.between(run.completedOn(), noticed)).as("end to the read that saw it")
                .isLessThanOrEqualTo(Duration.ofMillis(1100));
        for (int i = 1; i < reads.size(); i++) {
            assertThat(Duration.between(reads.get(i - 1), reads.get(i))).as("gap before read " + i)
                    .isLessThanOrEqualTo(Duration.ofMillis(1100));
        }
        // The schedule's first reads (0.1, 0.23, 0.38 s ...) are held back to one a second.
        assertThat(reads.size()).as("reads over a 3.5 s run at one a second").isLessThanOrEqualTo(7);
        assertThat(local.leftovers()).isEmpty();
    }

    @Test
    void aPlanOfSeveralJobsStaysWithinTheBudgetItWasGiven() {
        StringBuilder jobs = new StringBuilder("[");
        for (int i = 0; i < 6; i++) {
            local.script("job" + i + ".py", "print(" + i + ")\n");
            jobs.append(i == 0 ? "" : ",").append("{\"script\": \"jobs/job").append(i).append(".py\"}");
        }
        local.endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(4)).thenSucceed());
        HealthCheckRequest request = request(Map.of("jobs", jobs.append("]").toString(), "job_type", "pythonshell",
                "parallelism", "6", "status_reads_per_second", "2"));

        PlanResult result = check(request);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        List<Instant> reads = reads(null);
        double seconds = Duration.between(reads.get(0), reads.get(reads.size() - 1)).toMillis() / 1000.0;
        // Unbudgeted, six runs on the adaptive schedule make about 30 reads in their first second alone.
        assertThat((double) reads.size()).as("GetJobRun calls over %.1f s", seconds)
                .isLessThanOrEqualTo(2 * (seconds + 1) + 1);
        for (LocalState.Run run : local.endpoint.state().runs()) {
            List<Instant> ofRun = reads(run.jobName());
            Instant noticed = ofRun.get(ofRun.size() - 1);
            // Six runs share two reads a second: each is read at least every three seconds.
            assertThat(Duration.between(run.completedOn(), noticed)).as("end of " + run.jobName() + " to its read")
                    .isLessThanOrEqualTo(Duration.ofSeconds(4));
        }
        assertThat(local.leftovers()).isEmpty();
    }
}
