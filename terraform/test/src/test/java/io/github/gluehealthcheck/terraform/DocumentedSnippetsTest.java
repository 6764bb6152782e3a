package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Hcl;

/**
 * The {@code hcl} snippets users copy from the READMEs parse, call this module, and pass only its variables.
 */
class DocumentedSnippetsTest {
    private static final Pattern HCL_BLOCK = Pattern.compile("```hcl\\n(.*?)```", Pattern.DOTALL);
    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "providers", "count", "for_each",
            "depends_on");

    @ParameterizedTest
    @ValueSource(strings = {"../README.md", "README.md"})
    void moduleCallsInTheReadmeUseOnlyRealVariables(String readme) throws IOException {
        Path file = HclSources.MODULE_DIR.resolve(readme).normalize();
        Matcher m = HCL_BLOCK.matcher(Files.readString(file));
        List<Hcl.Block> calls = new ArrayList<>();
        while (m.find()) {
            for (BodyContent content : HclSources.parse(file, m.group(1)).getBody()) {
                if (content instanceof Hcl.Block block && "module".equals(TerraformConfig.source(block.getType()).trim())) {
                    calls.add(block);
                }
            }
        }
        assertThat(calls).as("module calls in " + readme).isNotEmpty();
        Set<String> variables = Deployment.MODULE.variables().keySet();
        for (Hcl.Block call : calls) {
            Set<String> arguments = TerraformConfig.attributes(call).keySet();
            assertThat(arguments).contains("source");
            assertThat(arguments.stream().filter(a -> !META_ARGUMENTS.contains(a))).as(readme).isSubsetOf(variables);
        }
    }
}
