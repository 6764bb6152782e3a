package io.github.gluehealthcheck.drone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.gluehealthcheck.engine.CheckResult;
import io.github.gluehealthcheck.engine.CheckStatus;
import io.github.gluehealthcheck.engine.Redactor;
import io.github.gluehealthcheck.engine.UntrustedText;
import io.github.gluehealthcheck.engine.glue.RunCost;
import io.github.gluehealthcheck.engine.plan.PlanResult;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * The card the Drone UI shows under the step (Drone 2.6+, docker runner 1.8+): {@code {"schema": <template URL>,
 * "data": {...}}}, where the template is the Adaptive Card {@code drone-plugin/card.json}. Written as raw JSON to
 * the file {@code DRONE_CARD_PATH} names, or, when that is {@code /dev/stdout}, as the escape sequence the runner
 * picks out of the log. Every text in it is masked and kept to one line of plain text.
 */
final class DroneCard {
    static final String STDOUT = "/dev/stdout";
    private static final String START = "\u001B]1338;";
    private static final String END = "\u001B]0m";
    private static final ObjectMapper JSON = new ObjectMapper();

    private DroneCard() {
    }

    /** The template's data: the verdict, the build, and one entry per job. */
    static ObjectNode data(PlanResult result, Redactor redactor) {
        CiContext ctx = result.context();
        ObjectNode d = JSON.createObjectNode();
        d.put("status", result.status().name());
        d.put("verdict", result.verdict());
        d.put("title", "Glue health check " + result.verdict().toLowerCase(Locale.ROOT));
        d.put("color", color(result.status()));
        long reused = result.reusedCount();
        d.put("summary", String.format(Locale.ROOT, "%d passed%s, %d failed, %d error(s), %s%d cancelled%s",
                result.count(CheckStatus.PASSED), reused > 0 ? " (" + reused + " reused from earlier builds)" : "",
                result.count(CheckStatus.FAILED), result.count(CheckStatus.ERROR),
                result.count(CheckStatus.NOT_CHECKED_LOCALLY) > 0
                        ? result.count(CheckStatus.NOT_CHECKED_LOCALLY) + " not checked locally, " : "",
                result.count(CheckStatus.CANCELLED),
                result.count(CheckStatus.SKIPPED) > 0 ? ", " + result.count(CheckStatus.SKIPPED) + " skipped" : ""));
        d.put("repo", ctx.repo());
        d.put("branch", ctx.branch().orElse("-"));
        d.put("pullRequest", ctx.pullRequest().map(p -> "#" + p).orElse("-"));
        d.put("build", ctx.buildNumber().map(b -> "#" + b).orElse("-"));
        d.put("commit", ctx.commit().map(c -> c.length() > 8 ? c.substring(0, 8) : c).orElse("-"));
        d.put("buildUrl", ctx.buildUrl().orElse(""));
        d.put("duration", seconds(result.durationSeconds()));
        d.put("cost", String.format(Locale.ROOT, "$%.4f at %s", result.estimatedCostUsd(), RunCost.PRICES_LABEL)
                + (result.local() ? " on AWS (ran locally at no cost)" : ""));
        d.put("problem", result.setupError() == null ? "" : result.setupError());
        ArrayNode jobs = d.putArray("jobs");
        for (CheckResult c : result.checks()) {
            ObjectNode j = jobs.addObject();
            j.put("name", c.baseName());
            j.put("status", c.verdict());
            j.put("color", color(c.status()));
            j.put("state", c.reused() ? "not run: reused run " + c.reusedFrom().runId() : c.state() == null ? "-" : c.state());
            j.put("duration", seconds(c.durationSeconds()));
            j.put("cost", c.estimatedCostUsd() == null ? "-" : String.format(Locale.ROOT, "$%.4f", c.estimatedCostUsd())
                    + (c.local() ? " on AWS" : ""));
            j.put("reason", c.reason() + (c.errorMessage() == null || c.errorMessage().isBlank() ? "" : ": " + c.errorMessage()));
            j.put("runId", c.runId() == null ? "-" : c.runId());
            j.put("consoleUrl", c.consoleUrl() == null ? "" : c.consoleUrl());
            j.put("logsUrl", c.logsUrl() == null ? "" : c.logsUrl());
        }
        mask(d, redactor);
        return d;
    }

    /**
     * The card file's content, at most {@link #MAX_BYTES}: Drone keeps a step's card in one database column, which
     * holds 64 KiB on MySQL, so long failure reasons are shortened (and, if that is not enough, jobs left out with
     * a count) rather than the card being lost.
     */
    static String payload(PlanResult result, String templateUrl, Redactor redactor) {
        ObjectNode card = JSON.createObjectNode();
        card.put("schema", templateUrl);
        ObjectNode data = data(result, redactor);
        card.set("data", data);
        String json = json(card);
        for (int limit : new int[] {2000, 500, 120}) {
            if (bytes(json) <= MAX_BYTES) {
                return json;
            }
            shorten(data, "problem", limit);
            data.withArray("jobs").forEach(j -> shorten((ObjectNode) j, "reason", limit));
            json = json(card);
        }
        ArrayNode jobs = data.withArray("jobs");
        int left = 0;
        while (bytes(json) > MAX_BYTES && !jobs.isEmpty()) {
            jobs.remove(jobs.size() - 1);
            left++;
            data.put("summary", data.get("summary").asText().replaceFirst(" \\(\\d+ more jobs? in report\\.json\\)$", "")
                    + " (" + left + " more job" + (left == 1 ? "" : "s") + " in report.json)");
            json = json(card);
        }
        return json;
    }

    /** Under Drone's 64 KiB, with room for the escape sequence's base64 to stay a single log write. */
    static final int MAX_BYTES = 60_000;

    private static void shorten(ObjectNode node, String field, int limit) {
        String v = node.path(field).asText("");
        if (v.length() > limit) {
            node.put(field, v.substring(0, limit) + "... (shortened; full text in report.json)");
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String json(ObjectNode card) {
        try {
            return JSON.writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the card where {@code cardPath} says: the escape-sequence form on standard output for
     * {@code /dev/stdout} (one write, at the start of a line, after everything before it was flushed), else the
     * raw JSON to the file.
     */
    static void write(String cardPath, String payload, PrintStream stdout) throws IOException {
        if (STDOUT.equals(cardPath)) {
            byte[] sequence = (START + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                    + END + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (stdout) {
                stdout.flush();
                stdout.write(sequence);
                stdout.flush();
            }
            return;
        }
        Path file = Path.of(cardPath);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, payload, StandardCharsets.UTF_8);
    }

    private static String color(CheckStatus s) {
        return switch (s) {
            case PASSED -> "good";
            case FAILED -> "attention";
            case ERROR, CANCELLED, NOT_CHECKED_LOCALLY -> "warning";
            case SKIPPED -> "default"; // an Adaptive Card text colour: neither good nor a warning
        };
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /**
     * A TextBlock renders a Markdown subset (emphasis, lists, links) with whatever Markdown processor the Drone UI
     * gives its Adaptive Cards renderer, backslash escapes or not: so text from a job or Glue is one line, and
     * {@code ](} is split, which no Markdown reads as a link or image.
     */
    static String cardText(String text) {
        return UntrustedText.oneLine(text).replace("](", "] (");
    }

    private static void mask(ObjectNode node, Redactor redactor) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isTextual()) {
                e.setValue(JSON.getNodeFactory().textNode(cardText(redactor.mask(e.getValue().asText()))));
            } else if (e.getValue() instanceof ObjectNode o) {
                mask(o, redactor);
            } else if (e.getValue() instanceof ArrayNode a) {
                a.forEach(n -> {
                    if (n instanceof ObjectNode o) {
                        mask(o, redactor);
                    }
                });
            }
        }
    }
}
