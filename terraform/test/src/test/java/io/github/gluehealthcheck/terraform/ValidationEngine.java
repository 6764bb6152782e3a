package io.github.gluehealthcheck.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Variable validations evaluated by Terraform's own function engine: HashiCorp's HCL and cty, from Debian's
 * golang-github-hashicorp-hcl-v2-dev and golang-github-zclconf-go-cty-dev, driven by the small Go program in
 * src/test/go/validations. It is built here, offline (GOPATH mode, no module proxy), into target/ on first use.
 * Without Go the tests fail rather than skip: .ci/run installs it.
 */
final class ValidationEngine {

    static final Path TEST_MODULE = HclSources.MODULE_DIR.resolve("test");
    static final Path SOURCE = TEST_MODULE.resolve("src/test/go/validations");
    static final Path CASES = TEST_MODULE.resolve("src/test/resources/validation-cases.hcl");
    private static final Path TARGET = TEST_MODULE.resolve("target/go-validations");
    private static final String DEBIAN_PACKAGES =
            "golang-go golang-github-hashicorp-hcl-v2-dev golang-github-zclconf-go-cty-dev";

    private static Path binary;

    private ValidationEngine() {
    }

    /** One value given to a variable, and what the validations made of it. */
    record Case(String variable, String expect, String value, String outcome) {

        boolean passed() {
            return outcome.equals("passed");
        }

        /** Refused by conditions that evaluated to false (not by an evaluation error, which hides the message). */
        boolean refusedByConditions() {
            return outcome.startsWith("refused:");
        }

        List<Integer> refusedBy() {
            if (!refusedByConditions()) {
                return List.of();
            }
            List<Integer> indexes = new ArrayList<>();
            for (String index : outcome.substring("refused:".length()).split(",")) {
                indexes.add(Integer.parseInt(index));
            }
            return indexes;
        }
    }

    /** What the engine said about a variables file: each variable's validation messages, in order, and the cases. */
    record Report(Map<String, List<String>> validations, List<Case> cases) {

        List<Case> cases(String expect) {
            return cases.stream().filter(c -> c.expect().equals(expect)).collect(Collectors.toList());
        }
    }

    /** Evaluates every validation of {@code variablesTf} against the defaults and the values in {@code casesFile}. */
    static Report evaluate(Path variablesTf, Path casesFile) {
        List<String> command = List.of(binary().toString(), variablesTf.toString(), casesFile.toString());
        Run run = run(command, TEST_MODULE, Map.of());
        if (run.exit() != 0) {
            throw new AssertionError("the validation engine failed on " + casesFile + ":\n" + run.output());
        }
        Map<String, List<String>> validations = new LinkedHashMap<>();
        List<Case> cases = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("validation")) {
                validations.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[3]);
            } else if (f[0].equals("case")) {
                cases.add(new Case(f[1], f[2], f[3], f[4]));
            } else {
                throw new AssertionError("unexpected line from the validation engine: " + line);
            }
        }
        return new Report(validations, cases);
    }

    /**
     * The error messages of the validations of {@code name} that {@code value} fails (empty: accepted), as
     * Terraform would report them; an error while evaluating a condition fails instead.
     */
    static List<String> failedValidations(TerraformConfig config, String name, Object value) {
        binary(); // builds the engine, and creates TARGET for the case file
        try {
            Path cases = Files.createTempFile(TARGET, "case-", ".hcl");
            try {
                Files.writeString(cases, "case " + literal(name) + " {\n  accepted = [" + literal(value) + "]\n}\n");
                Report report = evaluate(config.dir().resolve("variables.tf"), cases);
                Case result = report.cases("accepted").get(0);
                if (result.passed()) {
                    return List.of();
                }
                if (!result.refusedByConditions()) {
                    throw new HclEvaluator.EvalException("validation of " + name + " = " + result.value() + ": " + result.outcome());
                }
                List<String> messages = report.validations().get(name);
                return result.refusedBy().stream().map(messages::get).collect(Collectors.toList());
            } finally {
                Files.deleteIfExists(cases);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Java value as an HCL literal: strings quoted and escaped (including template sequences), numbers exact. */
    static String literal(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '$', '%' -> out.append(c).append(s.startsWith("{", i + 1) ? String.valueOf(c) : "");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValidationEngine::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> literal(String.valueOf(e.getKey())) + " = " + literal(e.getValue()))
                    .collect(Collectors.joining(", ", "{ ", " }"));
        }
        throw new IllegalArgumentException("no HCL literal for " + value.getClass().getSimpleName() + " " + value);
    }

    /** Builds the engine once per test run. */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        try {
            Files.createDirectories(TARGET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = TARGET.resolve("validations");
        Map<String, String> env = new LinkedHashMap<>();
        // GOPATH mode against Debian's Go sources; nothing is fetched (there is no module proxy to fetch from).
        env.put("GO111MODULE", "off");
        env.put("GOPATH", System.getProperty("go.path", "/usr/share/gocode"));
        env.put("GOPROXY", "off");
        env.put("GOFLAGS", "");
        env.put("CGO_ENABLED", "0");
        env.put("GOCACHE", TARGET.resolve("cache").toString());
        Run build;
        try {
            build = run(List.of("go", "build", "-o", out.toString(), "."), SOURCE, env);
        } catch (UncheckedIOException e) {
            throw new AssertionError("Go is needed to evaluate the module's validations as Terraform does; install the "
                    + "Debian packages " + DEBIAN_PACKAGES + " (as .ci/run does): " + e.getCause().getMessage());
        }
        if (build.exit() != 0) {
            throw new AssertionError("building the validation engine failed (are " + DEBIAN_PACKAGES
                    + " installed?):\n" + build.output());
        }
        binary = out;
        return binary;
    }

    private record Run(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Run run(List<String> command, Path dir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        try {
            Path stdout = Files.createTempFile("validations", ".out");
            Path stderr = Files.createTempFile("validations", ".err");
            try {
                Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes");
                }
                return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command.get(0));
        }
    }
}
