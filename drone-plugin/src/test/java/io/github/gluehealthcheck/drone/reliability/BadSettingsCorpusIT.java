package io.github.gluehealthcheck.drone.reliability;

import io.github.gluehealthcheck.engine.reliability.MatrixSummary;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.gluehealthcheck.drone.Cli;
import io.github.gluehealthcheck.drone.StepEnv;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #5, item 3: the bad-input corpus ({@code bad-settings.yml}, one case per entry) through the CLI jar. Every
 * case: exit code 2, one error line per problem naming the setting as the user wrote it, no stack trace, and not a
 * single request to the endpoint the step points at.
 */
@Tag("reliability")
@Execution(ExecutionMode.CONCURRENT)
class BadSettingsCorpusIT {
    static final String CORPUS = "bad-settings.yml";
    static final Pattern REPEAT = Pattern.compile("\\{\\{(.)\\*(\\d+)}}");
    static final Pattern ERROR_LINE = Pattern.compile("^error: (\\S+?): .+$");
    static final MatrixSummary SUMMARY = new MatrixSummary("bad-input-corpus", "Bad-input corpus (item 3)",
            "kind", "case", "exit", "error lines", "settings named", "requests", "result");
    static final Map<String, AtomicInteger> KINDS = new ConcurrentHashMap<>();
    static final AtomicInteger FAILED = new AtomicInteger();
    static Endpoint endpoint;

    /** One case of the corpus. */
    record Case(int number, String name, String kind, Map<String, String> set, Map<String, String> flags,
            Map<String, String> files, Map<String, String> links, List<String> expect) {
        @Override
        public String toString() {
            return number + ": " + name;
        }
    }

    @SuppressWarnings("unchecked")
    static List<Case> corpus() {
        try (InputStream in = BadSettingsCorpusIT.class.getResourceAsStream(CORPUS)) {
            List<Map<String, Object>> entries = new ObjectMapper(new YAMLFactory()).readValue(in, List.class);
            List<Case> cases = new ArrayList<>();
            for (Map<String, Object> e : entries) {
                cases.add(new Case(cases.size() + 1, (String) e.get("name"), (String) e.get("kind"),
                        strings(e.get("set")), (Map<String, String>) e.get("flags"), strings(e.get("files")),
                        strings(e.get("links")), (List<String>) e.get("expect")));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
        }
        return out;
    }

    @BeforeAll
    static void start() {
        endpoint = Endpoint.start();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        SUMMARY.note("Cases run: " + SUMMARY.size() + " across " + KINDS.size() + " kinds ("
                + String.join(", ", new TreeMap<>(KINDS).entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())
                + "); cases failed: " + FAILED.get() + "; requests the endpoint received from all of them: "
                + endpoint.local.requests().count() + ".");
        SUMMARY.write();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void badSettingsAreRefusedClearlyBeforeAnyCall(Case c, @TempDir Path home, @TempDir Path dir) throws Exception {
        KINDS.computeIfAbsent(c.kind(), k -> new AtomicInteger()).incrementAndGet();
        Path workspace = dir.resolve("workspace");
        StepEnv.write(workspace.resolve("jobs/orders.py"), "print('orders')\n");
        c.files().forEach((file, content) -> {
            if (file.endsWith("/keep")) {
                StepEnv.write(workspace.resolve(file), "");
            } else {
                StepEnv.write(workspace.resolve(file), expand(content));
            }
        });
        for (Map.Entry<String, String> link : c.links().entrySet()) {
            Files.createSymbolicLink(workspace.resolve(link.getKey()), Path.of(link.getValue()));
        }
        String url = endpoint.url();
        Cli.Run run;
        if (c.flags() == null) {
            StepEnv env = StepEnv.drone(home, workspace).pullRequest("12").aws(url)
                    .set("PLUGIN_SCRIPT", "jobs/orders.py").set("PLUGIN_JOB_TYPE", "pythonshell");
            c.set().forEach((k, v) -> {
                if (v == null) {
                    env.remove(k);
                } else {
                    env.set(k, expand(v));
                }
            });
            run = Cli.run(workspace, env.map());
        } else {
            Map<String, String> flags = new LinkedHashMap<>();
            flags.put("--script", "jobs/orders.py");
            flags.put("--job-type", "pythonshell");
            flags.put("--role", "arn:aws:iam::123456789012:role/glue-ci");
            flags.put("--scripts-bucket", "s3://ci-scripts/checks");
            flags.put("--endpoint", url);
            flags.put("--region", "us-east-1");
            flags.put("--repo", "data/etl");
            c.flags().forEach((k, v) -> {
                if (v == null) {
                    flags.remove(k);
                } else {
                    flags.put(k, v);
                }
            });
            List<String> args = new ArrayList<>();
            flags.forEach((k, v) -> args.addAll(List.of(k, v)));
            run = Cli.run(workspace, StepEnv.terminal(home).map(), args.toArray(String[]::new));
        }

        List<String> named = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : run.lines()) {
            if (line.startsWith("error: ")) {
                Matcher m = ERROR_LINE.matcher(line);
                if (m.matches()) {
                    named.add(m.group(1));
                } else {
                    problems.add("an error line names no setting: " + line);
                }
            }
        }
        long requests = endpoint.local.requests().count();
        if (run.exitCode() != 2) {
            problems.add("exit " + run.exitCode() + ", not 2");
        }
        if (!sameMultiset(named, c.expect())) {
            problems.add("error lines name " + named + ", expected one line each for " + c.expect());
        }
        if (run.everything().contains("Exception") || run.everything().matches("(?s).*\\n\\s+at [a-z].*")) {
            problems.add("a stack trace or exception was printed");
        }
        if (!run.stderr().isBlank()) {
            problems.add("stderr is not empty: " + run.stderr());
        }
        if (!run.output().contains("Nothing was called.")) {
            problems.add("the output does not say that nothing was called");
        }
        // Requests are counted for the whole corpus (cases run concurrently), so any request fails every case
        // still running; the summary's total must be 0.
        if (requests > 0) {
            problems.add(requests + " request(s) reached the endpoint: " + endpoint.local.requests().operations());
        }
        SUMMARY.row(String.format("%s-%03d", c.kind(), c.number()), c.kind(), c.name(), run.exitCode(), named.size(),
                String.join(" ", named), requests, problems.isEmpty() ? "ok" : "FAILED: " + String.join("; ", problems));
        if (!problems.isEmpty()) {
            FAILED.incrementAndGet();
        }
        assertThat(problems).as("case %s; %s", c, run).isEmpty();
    }

    @Test
    void theCorpusHasAtLeastSixtyCasesOfEveryKindTheIssueNames() {
        List<Case> cases = corpus();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases.stream().map(Case::kind).distinct()).contains("missing required", "wrong type",
                "out of range", "bad S3 URI", "bad ARN", "unknown enum value", "reserved argument key",
                "oversized arguments", "invalid YAML config", "script outside the workspace or missing",
                "conflicting settings");
        assertThat(cases).allSatisfy(c -> assertThat(c.expect()).as(c.name()).isNotEmpty());
    }

    private static boolean sameMultiset(List<String> a, List<String> b) {
        List<String> x = new ArrayList<>(a);
        List<String> y = new ArrayList<>(b);
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }

    private static String expand(String text) {
        Matcher m = REPEAT.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(b);
        return b.toString();
    }
}
