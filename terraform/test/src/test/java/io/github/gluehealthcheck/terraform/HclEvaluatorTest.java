package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gluehealthcheck.terraform.HclEvaluator.EvalException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openrewrite.hcl.tree.Hcl;

/** The evaluator reads expressions as Terraform does, where that differs from what the tree or Java suggest. */
class HclEvaluatorTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = "=>", value = {
        "1 + 2 * 3 => 7",
        "2 * 3 + 1 => 7",
        "10 - 4 - 3 => 3",
        "(1 + 2) * 3 => 9",
        "2 * (10 - 4) - 3 => 9",
    })
    void arithmeticFollowsHclPrecedenceNotTheParsersTree(String expression, int expected) {
        assertThat(eval(expression)).isEqualTo(BigDecimal.valueOf(expected));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = "=>", value = {
        "1 == 1 && 2 != 3 => true",
        "true || false && false => true",
        "false && true || true => true",
        "1 < 2 == true => true",
        "3 > 0 && floor(3) == 3 => true",
        "!false || false => true",
        "(true || false) && false => false",
    })
    void comparisonsAndLogicFollowHclPrecedence(String expression, boolean expected) {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void orEvaluatesBothSidesLikeTerraformBefore112SoANullUnsafeConditionFails() {
        assertThatThrownBy(() -> eval("var.x == null || length(var.x) > 0", "x", null))
                .isInstanceOf(EvalException.class)
                .hasMessageContaining("null");
    }

    @Test
    void aConditionalEvaluatesOnlyTheChosenBranch() {
        assertThat(eval("var.x == null ? true : length(var.x) > 0", "x", null)).isEqualTo(true);
    }

    @Test
    void regularExpressionsAreLeftToTerraformsOwnEngine() {
        assertThatThrownBy(() -> eval("can(regex(\"^a$\", \"a\"))")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("ValidationEngine");
    }

    @Test
    void quotedStringsUnescapeLikeHcl() {
        assertThat(eval("\"a\\nb\\\\c\\\"d\"")).isEqualTo("a\nb\\c\"d");
        assertThat(eval("\"$${not_interpolated}\"")).isEqualTo("${not_interpolated}");
    }

    @Test
    void templatesInterpolateAndRefuseNull() {
        assertThat(eval("\"job/${var.x}*\"", "x", "p")).isEqualTo("job/p*");
        assertThatThrownBy(() -> eval("\"job/${var.x}*\"", "x", null)).isInstanceOf(EvalException.class);
    }

    @Test
    void forExpressionsFilterAndMap() {
        assertThat(eval("[for s in [\"a\", \"b\", \"c\"] : upper(s) if s != \"b\"]")).isEqualTo(List.of("A", "C"));
        assertThat(eval("[for k, v in { b = 2, a = 1 } : k]")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void resourceAttributesAreUnknownAndKeepTheirAddressInStrings() {
        assertThat(eval("\"${aws_iam_role.glue.arn}/x\"")).isEqualTo("${aws_iam_role.glue.arn}/x");
        assertThat(eval("aws_iam_role.ci[0].arn")).hasToString("${aws_iam_role.ci[0].arn}");
    }

    @Test
    void stringFunctionsBehaveLikeTerraforms() {
        assertThat(eval("substr(\"abcdef\", 0, 3)")).isEqualTo("abc");
        assertThat(eval("substr(\"ab\", 0, 10)")).isEqualTo("ab");
        assertThat(eval("replace(\"a_b_c\", \"_\", \"-\")")).isEqualTo("a-b-c");
        assertThat(eval("split(\":x/\", \"a:x/b\")")).isEqualTo(List.of("a", "b"));
        assertThat(eval("element(split(\"/\", \"a/b\"), 1)")).isEqualTo("b");
        assertThat(eval("coalesce(null, \"\", \"c\")")).isEqualTo("c");
        assertThat(eval("jsonencode({ b = [1], a = \"x\" })")).isEqualTo("{\"a\":\"x\",\"b\":[1]}");
    }

    @Test
    void anUnknownFunctionIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> eval("formatlist(\"%s\", [\"a\"])"))
                .isInstanceOf(EvalException.class)
                .hasMessageContaining("formatlist");
    }

    private static Object eval(String expression, Object... variables) {
        Hcl.ConfigFile file = HclSources.parse(Path.of("expression.tf"), "locals {\n  v = " + expression + "\n}\n");
        Hcl.Block locals = (Hcl.Block) file.getBody().get(0);
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            values.put((String) variables[i], variables[i + 1]);
        }
        return new HclEvaluator(null, values, Map.of())
                .eval(((Hcl.Attribute) locals.getBody().get(0)).getValue());
    }
}
