package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.ValidationEngine.Case;
import io.github.gluehealthcheck.terraform.ValidationEngine.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrewrite.hcl.tree.Hcl;

/**
 * The module's validation conditions, run by Terraform's own function engine (HCL and cty, {@link
 * ValidationEngine}) against the table in src/test/resources/validation-cases.hcl: each validated variable has
 * values it must accept and values it must refuse, and every one of its validation blocks refuses at least one of
 * them. A pattern Go's regexp cannot compile, a null-unsafe condition or a validation nobody exercises fails here.
 */
class VariableValidationTest {

    private static final Path VARIABLES = HclSources.MODULE_DIR.resolve("variables.tf");
    private static Report report;

    static synchronized Report report() {
        if (report == null) {
            report = ValidationEngine.evaluate(VARIABLES, ValidationEngine.CASES);
        }
        return report;
    }

    static Stream<Named<Case>> accepted() {
        return report().cases("accepted").stream().map(c -> Named.of(c.variable() + " accepts " + c.value(), c));
    }

    static Stream<Named<Case>> refused() {
        return report().cases("refused").stream().map(c -> Named.of(c.variable() + " refuses " + c.value(), c));
    }

    @Test
    void everyVariableWithAValidationHasAcceptedAndRefusedValues() {
        Set<String> validated = Deployment.MODULE.variables().entrySet().stream()
                .filter(e -> !e.getValue().blocks("validation").isEmpty())
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(LinkedHashSet::new));

        assertThat(report().validations().keySet()).as("what the engine found").containsExactlyInAnyOrderElementsOf(validated);
        assertThat(variablesWith("accepted")).containsExactlyInAnyOrderElementsOf(validated);
        assertThat(variablesWith("refused")).containsExactlyInAnyOrderElementsOf(validated);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsItsAcceptedValues(Case accepted) {
        assertThat(accepted.outcome()).isEqualTo("passed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesItsRefusedValuesWithItsOwnMessage(Case refused) {
        // Refused by a condition that is false, not by an error while evaluating it (which hides the message).
        assertThat(refused.outcome()).startsWith("refused:");
    }

    @Test
    void everyValidationBlockRefusesAtLeastOneValue() {
        List<String> unexercised = new ArrayList<>();
        report().validations().forEach((variable, messages) -> {
            Set<Integer> refusedBy = report().cases("refused").stream()
                    .filter(c -> c.variable().equals(variable))
                    .flatMap(c -> c.refusedBy().stream())
                    .collect(Collectors.toSet());
            for (int i = 0; i < messages.size(); i++) {
                if (!refusedBy.contains(i)) {
                    unexercised.add(variable + ": " + messages.get(i));
                }
            }
        });

        assertThat(unexercised).as("validations no refused value triggers").isEmpty();
    }

    @Test
    void everyDefaultPassesItsOwnValidation() {
        assertThat(report().cases("default")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.outcome()).as(c.variable() + " = " + c.value()).isEqualTo("passed"));
    }

    @Test
    void aRealisticExternalIdIsAccepted() {
        assertThat(ValidationEngine.failedValidations(Deployment.MODULE, "ci_role_trust",
                Map.of("type", "account", "external_id", "glue-health-check:ci"))).isEmpty();
    }

    @Test
    void theEngineRefusesWhatGosRegexpCannotCompileAsTerraformDoes(@TempDir Path dir) throws IOException {
        // The external id validation as it was: Go's regexp refuses repeat counts over 1000, so can() is always
        // false and every external id was refused at plan.
        Path variables = dir.resolve("variables.tf");
        Files.writeString(variables, """
                variable "external_id" {
                  type = string
                  validation {
                    condition     = can(regex("^[A-Za-z0-9_+=,.@:/-]{2,1224}$", var.external_id))
                    error_message = "refused"
                  }
                }
                """);
        Path cases = dir.resolve("cases.hcl");
        Files.writeString(cases, "case \"external_id\" {\n  accepted = [\"glue-health-check:ci\"]\n}\n");

        assertThat(ValidationEngine.evaluate(variables, cases).cases("accepted"))
                .singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo("refused:0"));
    }

    @Test
    void validationsReferOnlyToTheirOwnVariableAsTerraformBefore19Requires() {
        Deployment.MODULE.variables().forEach((name, block) -> {
            for (Hcl.Block validation : block.blocks("validation")) {
                Set<String> referenced = References.of(TerraformConfig.attribute(validation, "condition").orElseThrow())
                        .stream()
                        .filter(r -> !r.bound())
                        .map(r -> r.root() + (r.path().isEmpty() ? "" : "." + r.path().get(0)))
                        .collect(Collectors.toSet());
                assertThat(referenced).as(name).containsExactly("var." + name);
            }
        });
    }

    private static Set<String> variablesWith(String expect) {
        return report().cases(expect).stream().map(Case::variable).collect(Collectors.toSet());
    }
}
