package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.References.Reference;
import io.github.gluehealthcheck.terraform.TerraformConfig.TopBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrewrite.hcl.HclIsoVisitor;
import org.openrewrite.hcl.HclVisitor;
import org.openrewrite.hcl.tree.Hcl;

/** The module is laid out and written like a registry module, and refers only to things that exist. */
class ModuleConventionsTest {

    private static final TerraformConfig MODULE = Deployment.MODULE;

    static Stream<Named<TerraformConfig>> configurations() {
        return Stream.of(
                Named.of("module", MODULE),
                Named.of("examples/minimal", TerraformConfig.load(HclSources.MODULE_DIR.resolve("examples/minimal"))),
                Named.of("examples/complete", TerraformConfig.load(HclSources.MODULE_DIR.resolve("examples/complete"))));
    }

    @Test
    void theModuleIsSplitByConcernWithAReadme() {
        assertThat(MODULE.files().stream().map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                "versions.tf", "variables.tf", "main.tf", "storage.tf", "iam.tf", "notifications.tf", "janitor.tf",
                "outputs.tf");
        assertThat(HclSources.MODULE_DIR.resolve("README.md")).isRegularFile();
    }

    @Test
    void eachKindOfBlockLivesInItsFile() {
        for (TopBlock block : MODULE.blocks()) {
            String file = block.file().getFileName().toString();
            switch (block.type()) {
                case "variable":
                    assertThat(file).as(block.where()).isEqualTo("variables.tf");
                    break;
                case "output":
                    assertThat(file).as(block.where()).isEqualTo("outputs.tf");
                    break;
                case "terraform":
                    assertThat(file).as(block.where()).isEqualTo("versions.tf");
                    break;
                case "provider":
                    throw new AssertionError(block.where() + ": a module must not configure providers");
                default:
                    assertThat(file).as(block.where()).isNotIn("variables.tf", "outputs.tf", "versions.tf");
            }
        }
        assertThat(MODULE.blocks().stream().filter(b -> b.file().getFileName().toString().equals("main.tf")))
                .as("main.tf keeps the shared lookups and names only")
                .allSatisfy(b -> assertThat(b.type()).isIn("data", "locals"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void requiresTerraform15AndAwsProvider6(TerraformConfig config) {
        List<TopBlock> terraform = config.blocks("terraform");
        assertThat(terraform).hasSize(1);
        Hcl.Block block = terraform.get(0).block();
        HclEvaluator constants = new HclEvaluator(config, Map.of(), Map.of());

        assertThat(constants.eval(TerraformConfig.attribute(block, "required_version").orElseThrow())).isEqualTo(">= 1.5");
        Hcl.Block providers = TerraformConfig.blocks(block, "required_providers").get(0);
        assertThat(constants.eval(TerraformConfig.attribute(providers, "aws").orElseThrow()))
                .isEqualTo(Map.of("source", "hashicorp/aws", "version", ProviderSchemaTest.PINNED_RANGE));
        assertThat(terraform.get(0).file().getFileName()).hasToString("versions.tf");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyVariableHasATypeAndAOneLineDescription(TerraformConfig config) {
        config.variables().forEach((name, variable) -> {
            assertThat(variable.attribute("type")).as("%s has a type", name).isPresent();
            Object description = new HclEvaluator(config, Map.of(), Map.of())
                    .eval(variable.attribute("description").orElseThrow(() -> new AssertionError(name + " has no description")));
            assertThat((String) description).as(name).isNotBlank().doesNotContain("\n").endsWith(".");
        });
    }

    @Test
    void collectionAndBoolVariablesAreNotNullable() {
        MODULE.variables().forEach((name, variable) -> {
            String type = TerraformConfig.source(variable.attribute("type").orElseThrow());
            if (type.equals("bool") || type.startsWith("list(") || type.startsWith("map(") || type.startsWith("object(")
                    || type.startsWith("set(")) {
                assertThat(Variables.nullable(variable)).as("%s (%s) must say nullable = false", name, type).isFalse();
            }
        });
    }

    @Test
    void everyVariableThatIsNotABoolHasAValidation() {
        MODULE.variables().forEach((name, variable) -> {
            if (!TerraformConfig.source(variable.attribute("type").orElseThrow()).equals("bool")) {
                assertThat(variable.blocks("validation")).as("%s has a validation block", name).isNotEmpty();
            }
            for (Hcl.Block validation : variable.blocks("validation")) {
                assertThat(TerraformConfig.attribute(validation, "condition")).as(name).isPresent();
                assertThat(TerraformConfig.attribute(validation, "error_message")).as(name).isPresent();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyOutputHasADescription(TerraformConfig config) {
        config.outputs().forEach((name, output) -> {
            assertThat(output.attribute("description")).as("%s has a description", name).isPresent();
            assertThat(output.attribute("value")).as("%s has a value", name).isPresent();
        });
    }

    /** Resource types that take tags; every type the module uses is in one list or the other. */
    private static final Set<String> TAGGABLE = Set.of("aws_s3_bucket", "aws_iam_role", "aws_iam_policy",
            "aws_iam_instance_profile", "aws_sns_topic", "aws_cloudwatch_event_rule", "aws_lambda_function",
            "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm");
    private static final Set<String> NOT_TAGGABLE = Set.of("aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_public_access_block", "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_policy", "aws_iam_role_policy",
            "aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment", "aws_cloudwatch_event_target",
            "aws_lambda_permission", "aws_sns_topic_policy", "aws_sns_topic_subscription");

    @Test
    void everyTaggableResourceCarriesTheTagsVariable() {
        for (TopBlock resource : MODULE.resources()) {
            String type = resource.labels().get(0);
            assertThat(type).as("%s: decide whether it takes tags", resource.where()).isIn(union(TAGGABLE, NOT_TAGGABLE));
            if (TAGGABLE.contains(type)) {
                assertThat(resource.attribute("tags").map(TerraformConfig::source).orElse("")).as(resource.where())
                        .matches("local\\.tags|merge\\(local\\.tags, .*\\)");
            }
        }
        assertThat(TerraformConfig.source(MODULE.locals().get("tags"))).isEqualTo("var.tags");
    }

    @Test
    void optionalPartsAreSwitchedByTheirVariable() {
        Map<String, String> toggles = Map.of(
                "storage.tf", "var.create_scripts_bucket",
                "notifications.tf", "var.enable_notifications",
                "janitor.tf", "var.enable_janitor");
        for (TopBlock block : MODULE.blocks()) {
            String toggle = toggles.get(block.file().getFileName().toString());
            if (toggle == null || !block.type().equals("resource")) {
                continue;
            }
            String condition = block.attribute("count").or(() -> block.attribute("for_each"))
                    .map(TerraformConfig::source)
                    .orElseThrow(() -> new AssertionError(block.where() + " has neither count nor for_each"));
            assertThat(condition).as(block.where()).contains(toggle);
        }
        for (String ciRolePart : List.of("aws_iam_role.ci", "aws_iam_role_policy_attachment.ci_role", "aws_iam_instance_profile.ci")) {
            String[] address = ciRolePart.split("\\.");
            assertThat(MODULE.resource(address[0], address[1]).attribute("count").map(TerraformConfig::source))
                    .as(ciRolePart).hasValueSatisfying(count -> assertThat(count).contains("var.create_ci_role"));
        }
    }

    private static final Pattern ACCOUNT_ID = Pattern.compile("(?<![0-9])[0-9]{12}(?![0-9])");
    private static final Pattern REGION = Pattern.compile("\\b(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-[a-z]+-[0-9]\\b");

    @Test
    void nothingIsHardCodedToAnAccountRegionOrPartition() {
        List<String> found = new ArrayList<>();
        for (TopBlock block : MODULE.blocks()) {
            if (block.type().equals("variable")) {
                continue; // descriptions and error messages give examples
            }
            new HclVisitor<List<String>>() {
                @Override
                public Hcl visitAttribute(Hcl.Attribute attribute, List<String> problems) {
                    if (Set.of("description", "error_message", "alarm_description").contains(TerraformConfig.name(attribute))) {
                        return attribute;
                    }
                    return super.visitAttribute(attribute, problems);
                }

                @Override
                public Hcl visitLiteral(Hcl.Literal literal, List<String> problems) {
                    String text = literal.getValueSource();
                    if (text.contains("arn:aws:") || ACCOUNT_ID.matcher(text).find() || REGION.matcher(text).find()) {
                        problems.add(block.where() + ": " + text);
                    }
                    return literal;
                }
            }.visit(block.block(), found);
        }

        assertThat(found).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyReferenceResolvesToADeclaration(TerraformConfig config) {
        Set<String> locals = config.locals().keySet();
        Set<String> declared = config.blocks().stream()
                .filter(b -> b.type().equals("resource") || b.type().equals("data"))
                .map(b -> (b.type().equals("data") ? "data." : "") + b.address())
                .collect(Collectors.toSet());
        List<String> unresolved = new ArrayList<>();

        for (TopBlock block : config.blocks()) {
            for (Reference reference : References.of(block.block())) {
                if (reference.bound() || reference.path().isEmpty() && reference.root().equals("path")) {
                    continue;
                }
                String name = reference.path().isEmpty() ? "" : reference.path().get(0);
                boolean ok;
                switch (reference.root()) {
                    case "var":
                        ok = config.variables().containsKey(name);
                        break;
                    case "local":
                        ok = locals.contains(name);
                        break;
                    case "data":
                        ok = declared.contains(reference.address(3));
                        break;
                    case "module":
                        ok = config.moduleCalls().containsKey(name);
                        break;
                    case "path":
                        ok = Set.of("module", "root", "cwd").contains(name);
                        break;
                    default:
                        ok = declared.contains(reference.address(2));
                }
                if (!ok) {
                    unresolved.add(block.where() + ": " + reference.source());
                }
            }
        }

        assertThat(unresolved).isEmpty();
    }

    /** Built-in functions and the Terraform version that introduced them, where later than 1.0. */
    private static final Map<String, String> FUNCTIONS_SINCE = Map.ofEntries(
            Map.entry("startswith", "1.3"), Map.entry("endswith", "1.3"), Map.entry("timecmp", "1.3"),
            Map.entry("strcontains", "1.5"), Map.entry("plantimestamp", "1.5"), Map.entry("issensitive", "1.8"),
            Map.entry("templatestring", "1.9"), Map.entry("ephemeralasnull", "1.10"));
    private static final Set<String> FUNCTIONS = Set.of("abs", "ceil", "floor", "log", "max", "min", "parseint",
            "pow", "signum", "chomp", "format", "formatlist", "indent", "join", "lower", "regex", "regexall",
            "replace", "split", "strrev", "substr", "title", "trim", "trimprefix", "trimsuffix", "trimspace", "upper",
            "alltrue", "anytrue", "chunklist", "coalesce", "coalescelist", "compact", "concat", "contains", "distinct",
            "element", "flatten", "index", "keys", "length", "lookup", "matchkeys", "merge", "one", "range",
            "reverse", "setintersection", "setproduct", "setsubtract", "setunion", "slice", "sort", "sum",
            "transpose", "values", "zipmap", "base64decode", "base64encode", "base64gzip", "csvdecode", "jsondecode",
            "jsonencode", "textdecodebase64", "textencodebase64", "urlencode", "yamldecode", "yamlencode", "abspath",
            "dirname", "pathexpand", "basename", "file", "fileexists", "fileset", "filebase64", "templatefile",
            "formatdate", "timeadd", "timestamp", "base64sha256", "base64sha512", "bcrypt", "filebase64sha256",
            "filebase64sha512", "filemd5", "filesha1", "filesha256", "filesha512", "md5", "rsadecrypt", "sha1",
            "sha256", "sha512", "uuid", "uuidv5", "cidrhost", "cidrnetmask", "cidrsubnet", "cidrsubnets", "can",
            "nonsensitive", "sensitive", "tobool", "tolist", "tomap", "tonumber", "toset", "tostring", "try", "type",
            // type constraints
            "list", "map", "set", "object", "tuple", "optional");

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void usesOnlyFunctionsThatExistInTerraform15(TerraformConfig config) {
        List<String> problems = new ArrayList<>();
        for (TopBlock block : config.blocks()) {
            new HclIsoVisitor<List<String>>() {
                @Override
                public Hcl.FunctionCall visitFunctionCall(Hcl.FunctionCall call, List<String> found) {
                    String name = call.getName().getName();
                    String since = FUNCTIONS_SINCE.get(name);
                    if (since == null && !FUNCTIONS.contains(name)) {
                        found.add(block.where() + ": unknown function " + name);
                    } else if (since != null && compare(since, "1.5") > 0) {
                        found.add(block.where() + ": " + name + " needs Terraform " + since);
                    }
                    return super.visitFunctionCall(call, found);
                }
            }.visit(block.block(), problems);
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void namesDeriveFromTheNamePrefixAndFitAwsLimitsEvenForThe64CharacterPrefix() {
        String longest = "Q" + "x".repeat(63);
        Deployment deployment = Deployment.in("aws", "ap-southeast-5", "123456789012").with("name_prefix", longest)
                .with("create_ci_role", true).with("enable_notifications", true).with("enable_janitor", true)
                .with("janitor_package_path", "j.jar");
        Map<String, Integer> limits = Map.of("aws_iam_role", 64, "aws_lambda_function", 64,
                "aws_cloudwatch_event_rule", 64, "aws_iam_policy", 128, "aws_iam_instance_profile", 128,
                "aws_sns_topic", 256, "aws_cloudwatch_metric_alarm", 255, "aws_cloudwatch_log_group", 512,
                "aws_s3_bucket", 63);

        for (TopBlock resource : MODULE.resources()) {
            String type = resource.labels().get(0);
            String argument = Stream.of("name", "function_name", "alarm_name", "bucket")
                    .filter(a -> resource.attribute(a).isPresent()).findFirst().orElse(null);
            if (argument == null || !limits.containsKey(type)) {
                continue;
            }
            String name = (String) deployment.resourceArgument(type, resource.labels().get(1), argument);
            assertThat(name.length()).as("%s %s: %s", resource.where(), argument, name).isLessThanOrEqualTo(limits.get(type));
            String expectedStart = type.equals("aws_s3_bucket") ? "qxxx" : type.equals("aws_cloudwatch_log_group")
                    ? "/aws/lambda/Qxxx" : "Qxxx";
            assertThat(name).as(resource.where()).startsWith(expectedStart);
        }
    }

    @Test
    void noResourceIsNamedTwice() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true).with("enable_notifications", true)
                .with("enable_janitor", true).with("janitor_package_path", "j.jar");
        Map<String, List<String>> namesByType = new java.util.HashMap<>();
        for (TopBlock resource : MODULE.resources()) {
            for (String argument : List.of("name", "function_name", "alarm_name")) {
                if (resource.attribute(argument).isPresent()) {
                    Object name = deployment.resourceArgument(resource.labels().get(0), resource.labels().get(1), argument);
                    if (name instanceof String) { // not the name of another resource, e.g. a permission's function
                        namesByType.computeIfAbsent(resource.labels().get(0), t -> new ArrayList<>()).add((String) name);
                    }
                }
            }
        }
        namesByType.forEach((type, names) -> assertThat(names).as(type).doesNotHaveDuplicates());
    }

    // -----------------------------------------------------------------------------------------------------------

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }
}
