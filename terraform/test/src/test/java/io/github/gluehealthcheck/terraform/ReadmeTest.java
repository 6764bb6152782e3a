package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.TerraformConfig.TopBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * The README's inputs and outputs tables are the code's variables and outputs, cell by cell, so the README
 * cannot drift. After changing a variable or output, regenerate them with
 * {@code ./mvnw -pl terraform/test -am verify -Dterraform.readme.update=true} and review the diff.
 */
class ReadmeTest {

    private static final Path README = HclSources.MODULE_DIR.resolve("README.md");
    private static final boolean UPDATE = Boolean.getBoolean("terraform.readme.update");

    @Test
    void theInputsTableListsExactlyTheVariablesInDeclarationOrder() throws IOException {
        assertThat(names(section("INPUTS")))
                .containsExactlyElementsOf(Deployment.MODULE.variables().keySet());
    }

    @Test
    void theOutputsTableListsExactlyTheOutputsInDeclarationOrder() throws IOException {
        assertThat(names(section("OUTPUTS")))
                .containsExactlyElementsOf(Deployment.MODULE.outputs().keySet());
    }

    @Test
    void theTablesMatchTheCodeCellByCell() throws IOException {
        String inputs = inputsTable(Deployment.MODULE);
        String outputs = outputsTable(Deployment.MODULE);
        if (UPDATE) {
            String readme = replaceSection(replaceSection(read(), "INPUTS", inputs), "OUTPUTS", outputs);
            Files.writeString(README, readme, StandardCharsets.UTF_8);
        }

        assertThat(section("INPUTS")).as("README inputs (regenerate with -Dterraform.readme.update=true)").isEqualTo(inputs);
        assertThat(section("OUTPUTS")).as("README outputs (regenerate with -Dterraform.readme.update=true)").isEqualTo(outputs);
    }

    // -----------------------------------------------------------------------------------------------------------

    static String inputsTable(TerraformConfig config) {
        HclEvaluator constants = new HclEvaluator(config, Map.of(), Map.of());
        StringBuilder table = new StringBuilder()
                .append("| Name | Description | Type | Default | Required |\n")
                .append("|------|-------------|------|---------|:--------:|\n");
        for (Map.Entry<String, TopBlock> variable : config.variables().entrySet()) {
            TopBlock block = variable.getValue();
            String description = (String) constants.eval(block.attribute("description").orElseThrow());
            boolean required = block.attribute("default").isEmpty();
            table.append("| `").append(variable.getKey()).append("` | ").append(cell(description))
                    .append(" | `").append(oneLine(block.attribute("type").orElseThrow())).append("` | ")
                    .append(required ? "n/a" : "`" + oneLine(block.attribute("default").get()) + "`")
                    .append(" | ").append(required ? "yes" : "no").append(" |\n");
        }
        return table.toString();
    }

    static String outputsTable(TerraformConfig config) {
        HclEvaluator constants = new HclEvaluator(config, Map.of(), Map.of());
        StringBuilder table = new StringBuilder()
                .append("| Name | Description |\n")
                .append("|------|-------------|\n");
        for (Map.Entry<String, TopBlock> output : config.outputs().entrySet()) {
            String description = (String) constants.eval(output.getValue().attribute("description").orElseThrow());
            table.append("| `").append(output.getKey()).append("` | ").append(cell(description)).append(" |\n");
        }
        return table.toString();
    }

    /** Markdown table cells: no pipes, and no angle brackets that a renderer would take for HTML. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An expression on one line, e.g. a multi-line object type as object({ a = string, b = optional(...) }). */
    static String oneLine(Expression expression) {
        if (expression instanceof Hcl.FunctionCall) {
            Hcl.FunctionCall call = (Hcl.FunctionCall) expression;
            return call.getName().getName() + "(" + call.getVariables().stream()
                    .filter(a -> !(a instanceof Hcl.Empty))
                    .map(ReadmeTest::oneLine)
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (expression instanceof Hcl.ObjectValue) {
            List<String> attributes = new ArrayList<>();
            for (Expression element : ((Hcl.ObjectValue) expression).getAttributes()) {
                if (element instanceof Hcl.Attribute) {
                    Hcl.Attribute attribute = (Hcl.Attribute) element;
                    attributes.add(TerraformConfig.source(attribute.getName()) + " = " + oneLine(attribute.getValue()));
                }
            }
            return attributes.isEmpty() ? "{}" : "{ " + String.join(", ", attributes) + " }";
        }
        if (expression instanceof Hcl.Tuple) {
            return "[" + ((Hcl.Tuple) expression).getValues().stream()
                    .filter(v -> !(v instanceof Hcl.Empty))
                    .map(ReadmeTest::oneLine)
                    .collect(Collectors.joining(", ")) + "]";
        }
        return TerraformConfig.source(expression).replaceAll("\\s+", " ");
    }

    private static List<String> names(String table) {
        List<String> names = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9_]+)` \\|").matcher(table);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    private static String section(String name) throws IOException {
        Matcher section = sectionPattern(name).matcher(read());
        assertThat(section.find()).as("README.md has <!-- BEGIN_%s --> ... <!-- END_%s -->", name, name).isTrue();
        return section.group(2);
    }

    private static String replaceSection(String readme, String name, String content) {
        return sectionPattern(name).matcher(readme).replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + content + m.group(3)));
    }

    private static Pattern sectionPattern(String name) {
        return Pattern.compile("(?s)(<!-- BEGIN_" + name + " -->\n)(.*?)(<!-- END_" + name + " -->)");
    }

    private static String read() throws IOException {
        return Files.readString(README, StandardCharsets.UTF_8);
    }
}
