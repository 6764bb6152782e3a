package io.github.gluehealthcheck.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openrewrite.Cursor;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;
import org.openrewrite.hcl.tree.Label;

/**
 * One Terraform module, i.e. the {@code .tf} files directly in one folder, as parsed trees: its variables,
 * outputs, locals, resources, data sources and module calls, in file order.
 */
final class TerraformConfig {

    /** A top-level block and the file it is in (for messages). */
    record TopBlock(Path file, Hcl.Block block) {
        String type() {
            return block.getType().getName();
        }

        List<String> labels() {
            return TerraformConfig.labels(block);
        }

        /** {@code resource "aws_iam_role" "glue"} is {@code aws_iam_role.glue}; a variable is its name. */
        String address() {
            return String.join(".", labels());
        }

        Optional<Expression> attribute(String name) {
            return TerraformConfig.attribute(block, name);
        }

        List<Hcl.Block> blocks(String type) {
            return TerraformConfig.blocks(block, type);
        }

        String where() {
            return file.getFileName() + ": " + type() + " " + address();
        }
    }

    private final Path dir;
    private final List<Path> files;
    private final List<TopBlock> blocks;

    private TerraformConfig(Path dir, List<Path> files, List<TopBlock> blocks) {
        this.dir = dir;
        this.files = files;
        this.blocks = blocks;
    }

    /** The module in {@code dir}: every {@code .tf} file directly in it (Terraform ignores sub-folders). */
    static TerraformConfig load(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<TopBlock> blocks = new ArrayList<>();
        for (Path file : files) {
            for (BodyContent content : HclSources.parse(file).getBody()) {
                if (content instanceof Hcl.Block) {
                    blocks.add(new TopBlock(file, (Hcl.Block) content));
                }
            }
        }
        return new TerraformConfig(dir, List.copyOf(files), List.copyOf(blocks));
    }

    static TerraformConfig module() {
        return load(HclSources.MODULE_DIR);
    }

    Path dir() {
        return dir;
    }

    List<Path> files() {
        return files;
    }

    List<TopBlock> blocks() {
        return blocks;
    }

    List<TopBlock> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).collect(Collectors.toList());
    }

    /** Variables by name, in the order they are declared. */
    Map<String, TopBlock> variables() {
        return byFirstLabel("variable");
    }

    /** Outputs by name, in the order they are declared. */
    Map<String, TopBlock> outputs() {
        return byFirstLabel("output");
    }

    /** Module calls by name. */
    Map<String, TopBlock> moduleCalls() {
        return byFirstLabel("module");
    }

    /** Every local value of every {@code locals} block. */
    Map<String, Expression> locals() {
        Map<String, Expression> locals = new LinkedHashMap<>();
        for (TopBlock block : blocks("locals")) {
            for (BodyContent content : block.block().getBody()) {
                if (content instanceof Hcl.Attribute) {
                    Hcl.Attribute attribute = (Hcl.Attribute) content;
                    locals.put(attribute.getSimpleName(), attribute.getValue());
                }
            }
        }
        return locals;
    }

    List<TopBlock> resources() {
        return blocks("resource");
    }

    TopBlock resource(String type, String name) {
        return find("resource", type, name);
    }

    TopBlock data(String type, String name) {
        return find("data", type, name);
    }

    private TopBlock find(String blockType, String type, String name) {
        return blocks(blockType).stream()
                .filter(b -> b.labels().equals(List.of(type, name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + blockType + " " + type + "." + name + " in " + dir));
    }

    private Map<String, TopBlock> byFirstLabel(String type) {
        Map<String, TopBlock> byName = new LinkedHashMap<>();
        for (TopBlock block : blocks(type)) {
            byName.put(block.labels().get(0), block);
        }
        return byName;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Tree helpers
    // -----------------------------------------------------------------------------------------------------------

    static List<String> labels(Hcl.Block block) {
        List<String> labels = new ArrayList<>();
        for (Label label : block.getLabels()) {
            if (label instanceof Hcl.Identifier) {
                labels.add(((Hcl.Identifier) label).getName());
            } else if (label instanceof Hcl.Literal) {
                labels.add(unquote(((Hcl.Literal) label).getValueSource()));
            } else {
                labels.add(source((Hcl) label));
            }
        }
        return labels;
    }

    /**
     * The name of an attribute. Unlike {@link Hcl.Attribute#getSimpleName()}, which throws on them, this also
     * reads the quoted keys of object values ({@code "detail-type" = [...]}).
     */
    static String name(Hcl.Attribute attribute) {
        Expression name = attribute.getName();
        if (name instanceof Hcl.Identifier) {
            return ((Hcl.Identifier) name).getName();
        }
        if (name instanceof Hcl.VariableExpression) {
            return ((Hcl.VariableExpression) name).getName().getName();
        }
        return unquote(source(name));
    }

    /** The attributes of a block body, by name, in source order. */
    static Map<String, Expression> attributes(Hcl.Block block) {
        Map<String, Expression> attributes = new LinkedHashMap<>();
        for (BodyContent content : block.getBody()) {
            if (content instanceof Hcl.Attribute) {
                Hcl.Attribute attribute = (Hcl.Attribute) content;
                attributes.put(attribute.getSimpleName(), attribute.getValue());
            }
        }
        return attributes;
    }

    static Optional<Expression> attribute(Hcl.Block block, String name) {
        return Optional.ofNullable(attributes(block).get(name));
    }

    /** Nested blocks of one type, e.g. the {@code validation} blocks of a variable. */
    static List<Hcl.Block> blocks(Hcl.Block block, String type) {
        List<Hcl.Block> blocks = new ArrayList<>();
        for (BodyContent content : block.getBody()) {
            if (content instanceof Hcl.Block && ((Hcl.Block) content).getType().getName().equals(type)) {
                blocks.add((Hcl.Block) content);
            }
        }
        return blocks;
    }

    /** The printer is found through the enclosing source file; any HCL file will do for a detached subtree. */
    private static final Cursor PRINT_CURSOR = new Cursor(new Cursor(null, Cursor.ROOT_VALUE),
            HclSources.parse(Path.of("print.tf"), "locals {}\n"));

    /** The source text of a tree, without its leading whitespace. */
    static String source(Hcl tree) {
        return tree.printTrimmed(PRINT_CURSOR);
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1)
                : text;
    }
}
