package io.github.gluehealthcheck.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalState;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code reuse_passed} against the local endpoint: a pass is recorded in the scripts bucket, and a later check with
 * the very same fingerprint is reported as a reused pass without a job; anything that changes the outcome runs again.
 */
class ReusePassedTest {
    static final String PASSING = "import sys\nprint('ok', sys.argv[1:])\n";
    static final String RECORDS = "checks/data/etl/passes/";

    @RegisterExtension
    final LocalAws local = new LocalAws();

    private final CiContext nextBuild = local.context.toBuilder().buildNumber("35").build();

    private CheckSpec.Builder orders(String script) {
        return local.pythonShell("orders.py", script).reusePassed(Duration.ofDays(7))
                .arguments(Map.of("--env", "ci"));
    }

    private CheckResult check(CheckSpec spec, CiContext context) {
        return check(spec, context, Clock.systemUTC());
    }

    /** A new engine each time, as a new build would have. */
    private CheckResult check(CheckSpec spec, CiContext context, Clock clock) {
        return new HealthCheck(local.aws, LocalAws.fastOptions().clock(clock).build())
                .run(spec, context, new LocalAws.Recorder(), new Cancellation());
    }

    private List<LocalState.StoredObject> records() {
        return local.endpoint.state().objects().stream().filter(o -> o.key().startsWith(RECORDS)).toList();
    }

    private String recordText() {
        LocalState.StoredObject o = records().get(0);
        return new String(local.endpoint.state().objectContent(o.bucket(), o.key()).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aSecondIdenticalCheckReusesThePassWithoutCreatingAJob() {
        CheckResult first = check(orders(PASSING).build(), local.context);
        assertThat(first.status()).as(first.reason()).isEqualTo(CheckStatus.PASSED);
        assertThat(first.reused()).isFalse();
        assertThat(records()).singleElement().satisfies(o ->
                assertThat(first.passRecorded()).isEqualTo("s3://ci-scripts/" + o.key()));
        assertThat(recordText()).contains("\"build\":\"34\"", "\"runId\":\"" + first.runId() + "\"",
                "\"repo\":\"data/etl\"", "\"status\":\"PASSED\"", "\"passedAt\"", "\"durationSeconds\"");
        local.endpoint.requests().clear();

        CheckResult second = check(orders(PASSING).build(), nextBuild);

        assertThat(second.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(second.reused()).isTrue();
        assertThat(second.reusedFrom().build()).isEqualTo("34");
        assertThat(second.reusedFrom().runId()).isEqualTo(first.runId());
        assertThat(second.verdict()).matches("PASSED \\(reused from build 34 of \\d{4}-\\d{2}-\\d{2}\\)");
        assertThat(second.jobName()).isNull();
        assertThat(second.runId()).isNull();
        assertThat(second.estimatedCostUsd()).isEqualTo(0.0);
        // One identity read and one GetObject: no job, no run, no upload.
        assertThat(local.endpoint.requests().operations()).containsExactly("sts:GetCallerIdentity", "s3:GetObject");
        assertThat(local.leftovers()).allMatch(l -> l.startsWith("object " + RECORDS));
    }

    @Test
    void aChangedScriptArgumentOrDefinitionRunsAgain() {
        assertThat(check(orders(PASSING).build(), local.context).passRecorded()).isNotNull();
        // Built one at a time: each writes the script file it checks.
        List<Supplier<CheckSpec>> changed = List.of(
                () -> orders(PASSING + "# one more line\n").build(),
                () -> orders(PASSING).arguments(Map.of("--env", "staging")).build(),
                () -> orders(PASSING).maxCapacity(1.0).build(),
                () -> orders(PASSING).timeoutMinutes(5).build(),
                () -> orders(PASSING).healthCheckArgument("--smoke=yes").build());
        for (Supplier<CheckSpec> next : changed) {
            CheckSpec spec = next.get();
            int runsBefore = local.endpoint.state().runs().size();
            CheckResult again = check(spec, nextBuild);
            assertThat(again.reused()).as(spec.toString()).isFalse();
            assertThat(again.status()).as(again.reason()).isEqualTo(CheckStatus.PASSED);
            assertThat(local.endpoint.state().runs()).hasSize(runsBefore + 1);
        }
        // Each distinct check recorded its own pass.
        assertThat(records()).hasSize(1 + changed.size());
    }

    @Test
    void aPassOlderThanTheSettingIsNotReused() {
        check(orders(PASSING).build(), local.context);

        CheckResult later = check(orders(PASSING).build(), nextBuild,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(7).plusMinutes(1)));

        assertThat(later.reused()).isFalse();
        assertThat(later.runId()).isNotNull();
        assertThat(later.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void aFailedCheckRecordsNoPassAndFailsAgainNextTime() {
        String failing = "raise SystemExit('broken')\n";
        CheckResult first = check(orders(failing).build(), local.context);
        assertThat(first.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(first.passRecorded()).isNull();
        assertThat(records()).isEmpty();

        CheckResult second = check(orders(failing).build(), nextBuild);

        assertThat(second.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(second.runId()).isNotNull();
    }

    @Test
    void withoutReusePassedNothingIsLookedUpOrRecorded() {
        CheckResult result = check(orders(PASSING).reusePassed(null).build(), local.context);

        assertThat(result.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(result.passRecorded()).isNull();
        assertThat(records()).isEmpty();
        assertThat(local.endpoint.requests().count("s3", "GetObject")).isZero();
    }

    @Test
    void aRecordThatNamesAnotherRepositoryIsNotHonoured() {
        check(orders(PASSING).build(), local.context);
        String key = records().get(0).key();
        String forged = recordText().replace("\"repo\":\"data/etl\"", "\"repo\":\"other/repo\"");
        local.aws.s3().putObject(r -> r.bucket("ci-scripts").key(key), RequestBody.fromString(forged));

        CheckResult second = check(orders(PASSING).build(), nextBuild);

        assertThat(second.reused()).isFalse();
        assertThat(second.runId()).isNotNull();
    }

    @Test
    void aSecretArgumentChangesTheFingerprintButIsNeverWritten() {
        String secret = "FAKEsecretValue-0123456789";
        CheckSpec withSecret = orders(PASSING).arguments(Map.of("--env", "ci", "--token", secret))
                .secretArguments(List.of("--token")).build();
        check(withSecret, local.context);
        assertThat(recordText()).doesNotContain(secret);
        assertThat(records().get(0).key()).doesNotContain(secret);

        CheckResult sameSecret = check(withSecret, nextBuild);
        CheckResult otherSecret = check(orders(PASSING).arguments(Map.of("--env", "ci", "--token", secret + "x"))
                .secretArguments(List.of("--token")).build(), nextBuild);

        assertThat(sameSecret.reused()).isTrue();
        assertThat(otherSecret.reused()).isFalse();
    }
}
