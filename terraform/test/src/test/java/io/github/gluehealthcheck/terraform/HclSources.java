package io.github.gluehealthcheck.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.ParseExceptionResult;
import org.openrewrite.Parser;
import org.openrewrite.SourceFile;
import org.openrewrite.hcl.HclIsoVisitor;
import org.openrewrite.hcl.HclParser;
import org.openrewrite.hcl.tree.Hcl;
import org.openrewrite.hcl.tree.Space;

/**
 * Parses Terraform files with OpenRewrite's HCL2 parser, and refuses anything it could not parse completely.
 *
 * <p>rewrite-hcl does not always throw on bad input: ANTLR's lexer and parser report errors to the execution
 * context and carry on with a partial tree. So a file counts as parsed only if no error was reported, the
 * result is a {@link Hcl.ConfigFile} without a {@link ParseExceptionResult} marker, printing the tree gives
 * back the exact source (nothing was dropped), and no text is hidden in what the tree calls whitespace.
 */
final class HclSources {

    /** The Terraform module under test: {@code terraform/}, set by the POM; {@code ..} when run from an IDE. */
    static final Path MODULE_DIR =
            Path.of(System.getProperty("terraform.module.dir", "..")).toAbsolutePath().normalize();

    private HclSources() {
    }

    /** A file, or a snippet, that is not valid HCL2 as far as rewrite-hcl can tell. */
    static final class HclSyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HclSyntaxError(String message) {
            super(message);
        }
    }

    /** Every {@code .tf} file of the module and its examples, skipping build output and Terraform's own folder. */
    static List<Path> terraformFiles() {
        try (Stream<Path> walk = Files.walk(MODULE_DIR)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tf"))
                    .filter(p -> !isIgnored(MODULE_DIR.relativize(p)))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This Maven module ({@code test/}), build output and Terraform's working folders hold no module code. */
    private static boolean isIgnored(Path relative) {
        if (relative.getName(0).toString().equals("test")) {
            return true;
        }
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".terraform")) {
                return true;
            }
        }
        return false;
    }

    static Hcl.ConfigFile parse(Path file) {
        try {
            return parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code source} as if it were {@code file}; error messages name that file and the line:column. */
    static Hcl.ConfigFile parse(Path file, String source) {
        List<Throwable> errors = new ArrayList<>();
        ExecutionContext ctx = new InMemoryExecutionContext(errors::add);
        List<SourceFile> parsed = HclParser.builder().build()
                .parseInputs(List.of(Parser.Input.fromString(file, source)), null, ctx)
                .collect(Collectors.toList());

        List<String> problems = new ArrayList<>();
        errors.forEach(e -> problems.add(e.getMessage()));
        Hcl.ConfigFile config = null;
        if (parsed.size() != 1) {
            problems.add("parser returned " + parsed.size() + " results");
        } else if (parsed.get(0) instanceof Hcl.ConfigFile) {
            config = (Hcl.ConfigFile) parsed.get(0);
        } else {
            problems.add("not parsed as HCL: " + parsed.get(0).getClass().getSimpleName());
        }
        for (SourceFile result : parsed) {
            result.getMarkers().findFirst(ParseExceptionResult.class)
                    .ifPresent(marker -> problems.add(marker.getMessage()));
        }
        if (problems.isEmpty() && !config.printAll().equals(source)) {
            problems.add("the parsed tree does not print back to the source: part of the file was not understood");
        }
        if (problems.isEmpty()) {
            problems.addAll(textHiddenInWhitespace(config));
        }
        if (!problems.isEmpty()) {
            throw new HclSyntaxError("HCL syntax error in " + file + ":\n  " + String.join("\n  ", problems));
        }
        return config;
    }

    /**
     * rewrite-hcl keeps what follows the last block as end-of-file whitespace, even when it is not whitespace
     * (a stray "}" or ")))" parses without an error). Whitespace and comment suffixes must hold whitespace only.
     */
    private static List<String> textHiddenInWhitespace(Hcl.ConfigFile config) {
        List<String> problems = new ArrayList<>();
        new HclIsoVisitor<List<String>>() {
            @Override
            public Space visitSpace(Space space, Space.Location location, List<String> found) {
                check(space.getWhitespace(), location, found);
                space.getComments().forEach(comment -> check(comment.getSuffix(), location, found));
                return space;
            }

            private void check(String whitespace, Space.Location location, List<String> found) {
                if (whitespace != null && location.name().endsWith("_SUFFIX")) {
                    whitespace = whitespace.replaceFirst("^\\s*,", ""); // the trailing comma of a list or call
                }
                if (whitespace != null && !whitespace.isBlank()) {
                    found.add("unexpected \"" + whitespace.strip() + "\" (" + location + ")");
                }
            }
        }.visit(config, problems);
        return problems;
    }
}
