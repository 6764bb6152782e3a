package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished job's {@link CheckResult}, in a form Pipeline can persist with the step (it serializes running steps
 * with JBoss Marshalling, which is safest with plain classes: no records, no JDK immutable collections). It holds what
 * a result holds, which is never a secret.
 */
public final class JobOutcome implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String baseName;
    private final String jobName;
    private final String checkId;
    private final String runId;
    private final String status;
    private final String state;
    private final String reason;
    private final String errorMessage;
    private final Integer attempt;
    private final Instant startedOn;
    private final Instant completedOn;
    private final Integer executionTimeSeconds;
    private final Double dpuSeconds;
    private final Double estimatedCostUsd;
    private final double durationSeconds;
    private final ArrayList<String> lastErrorLines;
    private final String consoleUrl;
    private final String logsUrl;
    private final ArrayList<String[]> cleanup;
    private final boolean checkedOnly;
    private final String script;
    private final String jobType;
    private final String glueVersion;
    private final String region;

    private JobOutcome(CheckResult r) {
        this.baseName = r.baseName();
        this.jobName = r.jobName();
        this.checkId = r.checkId();
        this.runId = r.runId();
        this.status = r.status().name();
        this.state = r.state();
        this.reason = r.reason();
        this.errorMessage = r.errorMessage();
        this.attempt = r.attempt();
        this.startedOn = r.startedOn();
        this.completedOn = r.completedOn();
        this.executionTimeSeconds = r.executionTimeSeconds();
        this.dpuSeconds = r.dpuSeconds();
        this.estimatedCostUsd = r.estimatedCostUsd();
        this.durationSeconds = r.durationSeconds();
        this.lastErrorLines = new ArrayList<>(r.lastErrorLines());
        this.consoleUrl = r.consoleUrl();
        this.logsUrl = r.logsUrl();
        this.cleanup = new ArrayList<>();
        for (CleanupStep s : r.cleanup()) {
            cleanup.add(new String[] {s.action(), s.outcome().name(), s.detail()});
        }
        this.checkedOnly = r.checkedOnly();
        this.script = r.script();
        this.jobType = r.jobType();
        this.glueVersion = r.glueVersion();
        this.region = r.region();
    }

    public static JobOutcome of(CheckResult result) {
        return new JobOutcome(result);
    }

    /** The result again, equal in every field to the one this was made from. */
    public CheckResult toResult() {
        List<CleanupStep> steps = new ArrayList<>();
        for (String[] s : cleanup) {
            steps.add(new CleanupStep(s[0], CleanupStep.Outcome.valueOf(s[1]), s[2]));
        }
        return CheckResult.builder().baseName(baseName).jobName(jobName).checkId(checkId).runId(runId)
                .status(CheckStatus.valueOf(status)).state(state).reason(reason).errorMessage(errorMessage)
                .attempt(attempt).startedOn(startedOn).completedOn(completedOn)
                .executionTimeSeconds(executionTimeSeconds).dpuSeconds(dpuSeconds).estimatedCostUsd(estimatedCostUsd)
                .durationSeconds(durationSeconds).lastErrorLines(lastErrorLines).consoleUrl(consoleUrl).logsUrl(logsUrl)
                .cleanup(steps).checkedOnly(checkedOnly).script(script).jobType(jobType).glueVersion(glueVersion)
                .region(region).build();
    }

    public String baseName() {
        return baseName;
    }

    public CheckStatus status() {
        return CheckStatus.valueOf(status);
    }
}
