package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.References.Reference;
import io.github.gluehealthcheck.terraform.TerraformConfig.TopBlock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrewrite.hcl.tree.Expression;

/** The examples use the module as a caller would: only its variables, only its outputs, valid values. */
class ExamplesTest {

    private static final Set<String> META_ARGUMENTS = Set.of("source", "version", "providers", "count", "for_each",
            "depends_on");

    /** Each example, with values for the variables it requires and arguments whose values are known at plan. */
    static Stream<Named<Example>> examples() {
        return Stream.of(
                Named.of("minimal", new Example("examples/minimal", Map.of(), Set.of())),
                Named.of("complete", new Example("examples/complete",
                        Map.of("eks_cluster_name", "ci", "test_data_bucket", "team-test-data"),
                        Set.of("name_prefix", "tags", "scripts_expiration_days", "notification_states",
                                "janitor_schedule_expression", "janitor_architecture", "janitor_package_path"))));
    }

    record Example(String folder, Map<String, Object> required, Set<String> knownArguments) {
        Path dir() {
            return HclSources.MODULE_DIR.resolve(folder);
        }

        TerraformConfig config() {
            return TerraformConfig.load(dir());
        }

        TopBlock call() {
            return config().moduleCalls().get("glue_health_check");
        }

        HclEvaluator evaluator() {
            TerraformConfig config = config();
            return new HclEvaluator(config, Variables.values(config, required), Map.of("path.module", dir().toString()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void callsTheModuleFromTwoFoldersUp(Example example) {
        assertThat(example.config().moduleCalls()).containsOnlyKeys("glue_health_check");
        assertThat(example.evaluator().eval(example.call().attribute("source").orElseThrow())).isEqualTo("../..");
        assertThat(example.dir().resolve("../..").normalize()).isEqualTo(HclSources.MODULE_DIR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void passesOnlyArgumentsThatAreModuleVariablesAndEveryRequiredOne(Example example) {
        Set<String> arguments = TerraformConfig.attributes(example.call().block()).keySet();
        Set<String> variables = Deployment.MODULE.variables().keySet();
        Set<String> required = Deployment.MODULE.variables().entrySet().stream()
                .filter(e -> e.getValue().attribute("default").isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());

        assertThat(arguments.stream().filter(a -> !META_ARGUMENTS.contains(a))).isSubsetOf(variables);
        assertThat(arguments).containsAll(required);
        assertThat(example.call().block().getBody()).as("no nested blocks in a module call")
                .allSatisfy(content -> assertThat(content).isInstanceOf(org.openrewrite.hcl.tree.Hcl.Attribute.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void referencesOnlyOutputsTheModuleHas(Example example) {
        List<String> used = new ArrayList<>();
        for (TopBlock block : example.config().blocks()) {
            for (Reference reference : References.of(block.block())) {
                if (reference.root().equals("module")) {
                    assertThat(reference.path()).as(reference.source()).hasSizeGreaterThanOrEqualTo(2);
                    used.add(reference.path().get(1));
                }
            }
        }

        assertThat(used).isNotEmpty().isSubsetOf(Deployment.MODULE.outputs().keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void passesValuesTheModuleAccepts(Example example) {
        HclEvaluator evaluator = example.evaluator();
        List<String> checked = new ArrayList<>();

        for (Map.Entry<String, Expression> argument : TerraformConfig.attributes(example.call().block()).entrySet()) {
            if (META_ARGUMENTS.contains(argument.getKey())) {
                continue;
            }
            Object value = evaluator.eval(argument.getValue());
            if (knownOnlyAfterApply(value)) {
                continue; // Terraform validates these at apply time too
            }
            assertThat(Variables.failedValidations(Deployment.MODULE, argument.getKey(), value))
                    .as("%s = %s", argument.getKey(), value).isEmpty();
            checked.add(argument.getKey());
        }

        assertThat(checked).containsAll(example.knownArguments());
    }

    private static boolean knownOnlyAfterApply(Object value) {
        if (value instanceof HclEvaluator.Unknown) {
            return true;
        }
        if (value instanceof String) {
            return ((String) value).contains("${");
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().anyMatch(ExamplesTest::knownOnlyAfterApply);
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).values().stream().anyMatch(ExamplesTest::knownOnlyAfterApply);
        }
        return false;
    }
}
