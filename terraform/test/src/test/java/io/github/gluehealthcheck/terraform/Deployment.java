package io.github.gluehealthcheck.terraform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The module applied with some variable values in some account, partition and region, as far as it can be
 * worked out before an apply: policy documents, names and outputs evaluate to what Terraform would send to AWS,
 * with resource attributes (known only after apply) shown as {@code ${address}}.
 */
final class Deployment {

    /** Parsed once: the module is read-only for every test. */
    static final TerraformConfig MODULE = TerraformConfig.module();

    private final String partition;
    private final String region;
    private final String accountId;
    private final Map<String, Object> variables = new LinkedHashMap<>();

    private Deployment(String partition, String region, String accountId) {
        this.partition = partition;
        this.region = region;
        this.accountId = accountId;
    }

    /** A commercial-partition account; the values are deliberately not the ones in any example. */
    static Deployment inEuWest1() {
        return new Deployment("aws", "eu-west-1", "123456789012");
    }

    /** Another partition, so that a hard-coded "arn:aws:" or region shows up as a difference. */
    static Deployment inGovCloud() {
        return new Deployment("aws-us-gov", "us-gov-west-1", "210987654321");
    }

    static Deployment in(String partition, String region, String accountId) {
        return new Deployment(partition, region, accountId);
    }

    Deployment with(String variable, Object value) {
        variables.put(variable, value);
        return this;
    }

    String partition() {
        return partition;
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    HclEvaluator evaluator() {
        Map<String, Object> known = Map.of(
                "data.aws_partition.current.partition", partition,
                "data.aws_region.current.region", region,
                "data.aws_caller_identity.current.account_id", accountId);
        return new HclEvaluator(MODULE, Variables.values(MODULE, variables), known);
    }

    /** The policy document {@code data "aws_iam_policy_document" "<name>"}, if its count is not 0. */
    Optional<PolicyDocument> policy(String name) {
        return PolicyDocument.evaluate(MODULE.data("aws_iam_policy_document", name), evaluator());
    }

    /** The value of {@code output "<name>"}. */
    Object output(String name) {
        return evaluator().eval(MODULE.outputs().get(name).attribute("value").orElseThrow());
    }

    /** The value of {@code local.<name>}. */
    Object local(String name) {
        return evaluator().local(name);
    }

    /** The value of one argument of a resource, e.g. ("aws_lambda_function", "janitor", "handler"). */
    Object resourceArgument(String type, String name, String argument) {
        return evaluator().eval(MODULE.resource(type, name).attribute(argument)
                .orElseThrow(() -> new AssertionError(type + "." + name + " has no argument " + argument)));
    }

    /** The value of {@code var.<name>}: given, or the default, converted to its type. */
    Object variable(String name) {
        return Variables.values(MODULE, variables).get(name);
    }

    /** How many instances of a resource (or data source) Terraform would plan: its count, 1 without one. */
    int instances(String blockType, String type, String name) {
        TerraformConfig.TopBlock block = blockType.equals("data") ? MODULE.data(type, name) : MODULE.resource(type, name);
        HclEvaluator evaluator = evaluator();
        if (block.attribute("count").isPresent()) {
            return HclEvaluator.number(evaluator.eval(block.attribute("count").get()), null).intValueExact();
        }
        if (block.attribute("for_each").isPresent()) {
            Object collection = evaluator.eval(block.attribute("for_each").get());
            return collection instanceof java.util.List ? ((java.util.List<?>) collection).size()
                    : HclEvaluator.map(collection).size();
        }
        return 1;
    }

    /** The value of an argument of a nested block, e.g. ("aws_lambda_function", "janitor", "environment", "variables"). */
    Object nestedArgument(String type, String name, String block, String argument) {
        java.util.List<org.openrewrite.hcl.tree.Hcl.Block> blocks = MODULE.resource(type, name).blocks(block);
        if (blocks.size() != 1) {
            throw new AssertionError(type + "." + name + " has " + blocks.size() + " " + block + " blocks");
        }
        return evaluator().eval(TerraformConfig.attribute(blocks.get(0), argument)
                .orElseThrow(() -> new AssertionError(type + "." + name + " " + block + " has no " + argument)));
    }

    /** An ARN in this deployment's partition, region and account: {@code arn("glue", "job/x")}. */
    String arn(String service, String resource) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
