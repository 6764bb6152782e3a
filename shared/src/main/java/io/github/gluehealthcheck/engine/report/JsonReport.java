package io.github.gluehealthcheck.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.CleanupStep;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.sweep.SweptJob;
import java.time.Instant;

/**
 * {@code report.json}: top-level {@code status} (PASSED, FAILED, ERROR, CANCELLED), {@code checks} with one object
 * per job ({@code jobName}, {@code runId}, {@code state}, {@code errorMessage}, {@code durationSeconds},
 * {@code dpuSeconds}, {@code estimatedCostUsd}, {@code cleanup}, ...), the build context, totals and the sweep.
 */
public final class JsonReport {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(PlanResult result) {
        return toJson(tree(result));
    }

    public static ObjectNode tree(PlanResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", result.status().name());
        root.put("verdict", result.verdict());
        root.put("tool", "glue-health-check");
        root.put("startedAt", time(result.startedAt()));
        root.put("finishedAt", time(result.finishedAt()));
        root.put("durationSeconds", result.durationSeconds());
        if (result.setupError() != null) {
            root.put("error", result.setupError());
        }
        root.set("context", context(result.context()));
        if (result.identity() != null) {
            root.put("account", result.identity().account());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("checks", result.checks().size());
        for (CheckStatus s : CheckStatus.values()) {
            totals.put(s.name().toLowerCase(java.util.Locale.ROOT), result.count(s));
        }
        // reuse_passed: passes that stand for this build's checks without a run (counted among the passed).
        totals.put("reused", result.reusedCount());
        totals.put("estimatedCostUsd", round(result.estimatedCostUsd()));
        // A local run costs nothing: the figures are what the same runs would cost on AWS.
        totals.put("costIsWhatAwsWouldCharge", result.local());
        totals.put("pricesOf", io.github.gluehealthcheck.engine.glue.RunCost.PRICE_REGION);
        ArrayNode checks = root.putArray("checks");
        for (CheckResult c : result.checks()) {
            checks.add(check(c));
        }
        if (result.sweep() != null) {
            ObjectNode sweep = root.putObject("sweep");
            sweep.put("examined", result.sweep().examined());
            sweep.put("deleted", result.sweep().deleted());
            if (result.sweep().error() != null) {
                sweep.put("error", result.sweep().error());
            }
            ArrayNode jobs = sweep.putArray("jobs");
            for (SweptJob j : result.sweep().swept()) {
                ObjectNode n = jobs.addObject();
                n.put("jobName", j.jobName());
                n.put("repo", j.repo());
                n.put("expiresAt", time(j.expiresAt()));
                n.put("outcome", j.outcome().name());
                n.put("detail", j.detail());
            }
        }
        return root;
    }

    static ObjectNode check(CheckResult c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("job", c.baseName());
        n.put("jobName", c.jobName());
        n.put("runId", c.runId());
        n.put("status", c.status().name());
        n.put("verdict", c.verdict());
        n.put("state", c.state());
        n.put("reason", c.reason());
        n.put("errorMessage", c.errorMessage());
        n.put("script", c.script());
        n.put("jobType", c.jobType());
        n.put("glueVersion", c.glueVersion());
        if (c.baseJob() != null) {
            ObjectNode base = n.putObject("baseJob");
            base.put("name", c.baseJob().name());
            c.baseJob().copied().forEach(base.putArray("copied")::add);
            ArrayNode overridden = base.putArray("overridden");
            c.baseJob().overridden().forEach(overridden::add);
        }
        if (c.reused()) {
            // The earlier pass this result stands on: no job was created and no run started in this build.
            ObjectNode reused = n.putObject("reusedFrom");
            reused.put("build", c.reusedFrom().build());
            reused.put("buildUrl", c.reusedFrom().buildUrl());
            reused.put("commit", c.reusedFrom().commit());
            reused.put("passedAt", time(c.reusedFrom().passedAt()));
            reused.put("runId", c.reusedFrom().runId());
            reused.put("durationSeconds", c.reusedFrom().durationSeconds());
            reused.put("estimatedCostUsd", c.reusedFrom().estimatedCostUsd());
            reused.put("fingerprint", c.reusedFrom().fingerprint());
        }
        if (c.passRecorded() != null) {
            n.put("passRecorded", c.passRecorded());
        }
        n.put("checkedOnly", c.checkedOnly());
        n.put("local", c.local());
        n.put("attempt", c.attempt());
        n.put("startedOn", time(c.startedOn()));
        n.put("completedOn", time(c.completedOn()));
        n.put("executionTimeSeconds", c.executionTimeSeconds());
        n.put("durationSeconds", c.durationSeconds());
        n.put("waitingSeconds", c.waitingSeconds());
        n.put("dpuSeconds", c.dpuSeconds());
        n.put("estimatedCostUsd", c.estimatedCostUsd());
        n.put("consoleUrl", c.runId() == null ? null : c.consoleUrl());
        n.put("logsUrl", c.runId() == null ? null : c.logsUrl());
        ArrayNode lines = n.putArray("lastErrorLines");
        c.lastErrorLines().forEach(lines::add);
        ArrayNode cleanup = n.putArray("cleanup");
        for (CleanupStep s : c.cleanup()) {
            ObjectNode step = cleanup.addObject();
            step.put("action", s.action());
            step.put("outcome", s.outcome().name());
            step.put("detail", s.detail());
        }
        return n;
    }

    private static ObjectNode context(CiContext ctx) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("provider", ctx.provider());
        n.put("repo", ctx.repo());
        n.put("branch", ctx.branch().orElse(null));
        n.put("pullRequest", ctx.pullRequest().orElse(null));
        n.put("buildNumber", ctx.buildNumber().orElse(null));
        n.put("buildUrl", ctx.buildUrl().orElse(null));
        n.put("commit", ctx.commit().orElse(null));
        return n;
    }

    static String toJson(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serializes", e);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static double round(double usd) {
        return Math.round(usd * 1_000_000d) / 1_000_000d;
    }
}
