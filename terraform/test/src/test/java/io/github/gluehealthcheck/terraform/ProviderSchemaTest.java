package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.References.Reference;
import io.github.gluehealthcheck.terraform.TerraformConfig.TopBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Hcl;

/**
 * Without terraform validate, the provider schema is not available here. This keeps, for each resource and data
 * source the module and examples use, the arguments, nested blocks and exported attributes they rely on, as the
 * AWS provider documents them for 6.x, so a misspelt argument ({@code force_destory}) or attribute fails the build
 * instead of the first plan, and nothing the pinned range deprecates is used (a deprecation warning on every plan
 * of every user, and a removal in the next major version). The lists are deliberately only what is used; extend
 * them, from the provider docs, when the module starts using more.
 */
class ProviderSchemaTest {

    /** The AWS provider versions the module and its examples accept (versions.tf). */
    static final String PINNED_RANGE = ">= 6.0, < 7.0";

    /**
     * What the provider deprecates within {@link #PINNED_RANGE}, per type: arguments, block paths and "@attr"
     * attributes, each with where the deprecation is documented (hashicorp/terraform-provider-aws).
     */
    private static final Map<String, Map<String, String>> DEPRECATED = Map.of(
            "data.aws_region", Map.of(
                    "name", "6.0: website/docs/d/region.html.markdown (use region)",
                    "@name", "6.0: website/docs/d/region.html.markdown (use region)"),
            "aws_iam_role", Map.of(
                    "inline_policy", "5.68.0: CHANGELOG.md, #39203 (use aws_iam_role_policy)",
                    "managed_policy_arns", "5.72.0: CHANGELOG.md, #39718 (use aws_iam_role_policy_attachment)"),
            "aws_s3_bucket_lifecycle_configuration", Map.of(
                    "rule.prefix", "website/docs/r/s3_bucket_lifecycle_configuration.html.markdown (use rule.filter)"),
            "aws_s3_bucket", Map.ofEntries(
                    // The 4.0 refactor moved these to their own resources (version-4-upgrade guide, "S3 Bucket Refactor").
                    Map.entry("acceleration_status", "4.0: version-4-upgrade"), Map.entry("acl", "4.0: version-4-upgrade"),
                    Map.entry("cors_rule", "4.0: version-4-upgrade"), Map.entry("grant", "4.0: version-4-upgrade"),
                    Map.entry("lifecycle_rule", "4.0: version-4-upgrade"), Map.entry("logging", "4.0: version-4-upgrade"),
                    Map.entry("policy", "4.0: version-4-upgrade"), Map.entry("replication_configuration", "4.0: version-4-upgrade"),
                    Map.entry("request_payer", "4.0: version-4-upgrade"),
                    Map.entry("server_side_encryption_configuration", "4.0: version-4-upgrade"),
                    Map.entry("versioning", "4.0: version-4-upgrade"), Map.entry("website", "4.0: version-4-upgrade")));

    /** Arguments and block paths ("rule.filter") per type; "@attr" entries are exported attributes. */
    private static final Map<String, Set<String>> SCHEMA = Map.ofEntries(
            Map.entry("aws_s3_bucket", Set.of("bucket", "force_destroy", "tags", "@id", "@arn")),
            Map.entry("aws_s3_bucket_ownership_controls", Set.of("bucket", "rule", "rule.object_ownership")),
            Map.entry("aws_s3_bucket_public_access_block", Set.of("bucket", "block_public_acls", "block_public_policy",
                    "ignore_public_acls", "restrict_public_buckets")),
            Map.entry("aws_s3_bucket_server_side_encryption_configuration", Set.of("bucket", "rule",
                    "rule.apply_server_side_encryption_by_default",
                    "rule.apply_server_side_encryption_by_default.sse_algorithm",
                    "rule.apply_server_side_encryption_by_default.kms_master_key_id", "rule.bucket_key_enabled")),
            Map.entry("aws_s3_bucket_lifecycle_configuration", Set.of("bucket", "rule", "rule.id", "rule.status",
                    "rule.filter", "rule.filter.prefix", "rule.expiration", "rule.expiration.days",
                    "rule.abort_incomplete_multipart_upload",
                    "rule.abort_incomplete_multipart_upload.days_after_initiation")),
            Map.entry("aws_s3_bucket_policy", Set.of("bucket", "policy")),
            Map.entry("aws_iam_role", Set.of("name", "path", "description", "assume_role_policy",
                    "permissions_boundary", "max_session_duration", "tags", "@arn", "@name", "@id")),
            Map.entry("aws_iam_role_policy", Set.of("name", "role", "policy")),
            Map.entry("aws_iam_role_policy_attachment", Set.of("role", "policy_arn")),
            Map.entry("aws_iam_user_policy_attachment", Set.of("user", "policy_arn")),
            Map.entry("aws_iam_policy", Set.of("name", "path", "description", "policy", "tags", "@arn")),
            Map.entry("aws_iam_instance_profile", Set.of("name", "path", "role", "tags", "@name")),
            Map.entry("aws_sns_topic", Set.of("name", "kms_master_key_id", "tags", "@arn")),
            Map.entry("aws_sns_topic_policy", Set.of("arn", "policy")),
            Map.entry("aws_sns_topic_subscription", Set.of("topic_arn", "protocol", "endpoint")),
            Map.entry("aws_cloudwatch_event_rule", Set.of("name", "description", "event_pattern", "schedule_expression",
                    "tags", "@arn", "@name")),
            Map.entry("aws_cloudwatch_event_target", Set.of("rule", "target_id", "arn", "input_transformer",
                    "input_transformer.input_paths", "input_transformer.input_template")),
            Map.entry("aws_cloudwatch_log_group", Set.of("name", "retention_in_days", "tags")),
            Map.entry("aws_lambda_function", Set.of("function_name", "description", "role", "handler", "runtime",
                    "architectures", "filename", "source_code_hash", "memory_size", "timeout", "environment",
                    "environment.variables", "tags", "@arn", "@function_name")),
            Map.entry("aws_lambda_permission", Set.of("statement_id", "action", "function_name", "principal",
                    "source_arn")),
            Map.entry("aws_cloudwatch_metric_alarm", Set.of("alarm_name", "alarm_description", "namespace",
                    "metric_name", "dimensions", "statistic", "period", "evaluation_periods", "threshold",
                    "comparison_operator", "treat_missing_data", "alarm_actions", "tags")),
            Map.entry("aws_kms_key", Set.of("description", "enable_key_rotation", "deletion_window_in_days", "@arn")),
            Map.entry("data.aws_caller_identity", Set.of("@account_id")),
            Map.entry("data.aws_partition", Set.of("@partition")),
            Map.entry("data.aws_region", Set.of("@region")),
            Map.entry("data.aws_iam_policy_document", Set.of("@json")), // its body is checked by PolicyDocument
            Map.entry("data.aws_eks_cluster", Set.of("name", "@identity")),
            Map.entry("data.aws_iam_openid_connect_provider", Set.of("url", "@arn")));

    /** Meta-arguments Terraform itself handles, on any resource or data source. */
    private static final Set<String> META = Set.of("count", "for_each", "depends_on", "provider", "lifecycle");

    static Stream<Named<TerraformConfig>> configurations() {
        return ModuleConventionsTest.configurations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyArgumentAndNestedBlockIsOneTheProviderDocuments(TerraformConfig config) {
        List<String> unknown = new ArrayList<>();
        for (TopBlock block : config.blocks()) {
            if (!block.type().equals("resource") && !block.type().equals("data")) {
                continue;
            }
            String type = (block.type().equals("data") ? "data." : "") + block.labels().get(0);
            Set<String> schema = SCHEMA.get(type);
            if (schema == null) {
                unknown.add(block.where() + ": type " + type + " is not in this test's schema list");
            } else if (!type.equals("data.aws_iam_policy_document")) {
                collect(block.block(), "", schema, block.where(), unknown);
            }
        }

        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void everyAttributeReadIsOneTheTypeExports(TerraformConfig config) {
        List<String> unknown = new ArrayList<>();
        for (TopBlock block : config.blocks()) {
            for (Reference reference : References.of(block.block())) {
                if (reference.bound()) {
                    continue;
                }
                String type;
                String attribute;
                if (reference.root().equals("data") && reference.path().size() >= 3) {
                    type = "data." + reference.path().get(0);
                    attribute = reference.path().get(2);
                } else if (reference.root().startsWith("aws_") && reference.path().size() >= 2) {
                    type = reference.root();
                    attribute = reference.path().get(1);
                } else {
                    continue;
                }
                if (!SCHEMA.getOrDefault(type, Set.of()).contains("@" + attribute)) {
                    unknown.add(block.where() + ": " + reference.source());
                }
            }
        }

        assertThat(unknown).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void nothingThePinnedProviderRangeDeprecatesIsUsed(TerraformConfig config) {
        List<String> used = new ArrayList<>();
        for (TopBlock block : config.blocks()) {
            if (block.type().equals("resource") || block.type().equals("data")) {
                String type = (block.type().equals("data") ? "data." : "") + block.labels().get(0);
                Map<String, String> deprecated = DEPRECATED.getOrDefault(type, Map.of());
                List<String> arguments = new ArrayList<>();
                collect(block.block(), "", null, block.where(), arguments);
                for (String argument : arguments) {
                    String name = argument.substring(argument.lastIndexOf(' ') + 1);
                    if (deprecated.containsKey(name)) {
                        used.add(block.where() + ": " + name + ", deprecated in " + deprecated.get(name));
                    }
                }
            }
            for (Reference reference : References.of(block.block())) {
                String[] read = attributeRead(reference);
                if (read != null && DEPRECATED.getOrDefault(read[0], Map.of()).containsKey("@" + read[1])) {
                    used.add(block.where() + ": " + reference.source() + ", deprecated in "
                            + DEPRECATED.get(read[0]).get("@" + read[1]));
                }
            }
        }

        assertThat(used).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theDeprecationCheckSeesAnAttributeTheRangeDeprecates(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("main.tf"), """
                data "aws_region" "current" {}
                locals {
                  region = data.aws_region.current.name
                }
                """);
        TerraformConfig config = TerraformConfig.load(dir);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> nothingThePinnedProviderRangeDeprecatesIsUsed(config))
                .hasMessageContaining("data.aws_region.current.name, deprecated in 6.0");
    }

    /** {type, attribute} of a reference to a resource's or data source's attribute, or null. */
    private static String[] attributeRead(Reference reference) {
        if (reference.bound()) {
            return null;
        }
        if (reference.root().equals("data") && reference.path().size() >= 3) {
            return new String[] {"data." + reference.path().get(0), reference.path().get(2)};
        }
        if (reference.root().startsWith("aws_") && reference.path().size() >= 2) {
            return new String[] {reference.root(), reference.path().get(1)};
        }
        return null;
    }

    /** Every argument and nested block of {@code block}; with a schema, only those it lacks. */
    private static void collect(Hcl.Block block, String path, Set<String> schema, String where, List<String> unknown) {
        for (BodyContent content : block.getBody()) {
            if (content instanceof Hcl.Attribute) {
                String name = path + ((Hcl.Attribute) content).getSimpleName();
                if (!(path.isEmpty() && META.contains(name)) && (schema == null || !schema.contains(name))) {
                    unknown.add(where + ": argument " + name);
                }
            } else if (content instanceof Hcl.Block) {
                Hcl.Block nested = (Hcl.Block) content;
                String name = path + nested.getType().getName();
                if (path.isEmpty() && META.contains(name)) {
                    continue;
                }
                if (schema == null || !schema.contains(name)) {
                    unknown.add(where + ": block " + name);
                }
                collect(nested, name + ".", schema, where, unknown);
            }
        }
    }
}
