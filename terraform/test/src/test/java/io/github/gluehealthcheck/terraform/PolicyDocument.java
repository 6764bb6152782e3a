package io.github.gluehealthcheck.terraform;

import io.github.gluehealthcheck.terraform.HclEvaluator.EvalException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * A {@code data "aws_iam_policy_document"} evaluated for one set of variable values: its statements, with
 * {@code dynamic} blocks expanded as Terraform expands them, and every argument checked against the data
 * source's schema (so a misspelt {@code resource = [...]} fails here instead of at plan time).
 */
record PolicyDocument(List<Statement> statements) {

    record Statement(String sid, String effect, List<String> actions, List<String> notActions,
            List<String> resources, List<String> notResources, List<Principal> principals,
            List<Principal> notPrincipals, List<Condition> conditions) {

        boolean allows() {
            return effect.equals("Allow");
        }

        @Override
        public String toString() {
            return (sid == null ? "statement" : sid) + " " + effect + " " + actions + " on " + resources
                    + (conditions.isEmpty() ? "" : " if " + conditions);
        }
    }

    record Principal(String type, List<String> identifiers) {
    }

    record Condition(String test, String variable, List<String> values) {
    }

    // The aws_iam_policy_document schema (AWS provider 5.x and 6.x).
    private static final Set<String> DOCUMENT_ATTRIBUTES = Set.of("count", "version", "policy_id",
            "source_policy_documents", "override_policy_documents");
    private static final Set<String> STATEMENT_ATTRIBUTES = Set.of("sid", "effect", "actions", "not_actions",
            "resources", "not_resources");
    private static final Set<String> STATEMENT_BLOCKS = Set.of("principals", "not_principals", "condition");
    private static final Map<String, Set<String>> NESTED_ATTRIBUTES = Map.of(
            "principals", Set.of("type", "identifiers"),
            "not_principals", Set.of("type", "identifiers"),
            "condition", Set.of("test", "variable", "values"));

    /** The document, or empty when its {@code count} is 0. */
    static Optional<PolicyDocument> evaluate(TerraformConfig.TopBlock data, HclEvaluator evaluator) {
        if (!data.labels().get(0).equals("aws_iam_policy_document")) {
            throw new IllegalArgumentException(data.where() + " is not a policy document");
        }
        Hcl.Block block = data.block();
        checkArguments(block, DOCUMENT_ATTRIBUTES, Set.of("statement"), data.where());
        Optional<Expression> count = data.attribute("count");
        if (count.isPresent() && HclEvaluator.number(evaluator.eval(count.get()), count.get()).signum() == 0) {
            return Optional.empty();
        }
        List<Statement> statements = new ArrayList<>();
        for (Expanded statement : expand(block, "statement", Map.of(), evaluator, data.where())) {
            statements.add(statement(statement.block(), statement.frame(), evaluator, data.where()));
        }
        return Optional.of(new PolicyDocument(List.copyOf(statements)));
    }

    List<Statement> allowStatements() {
        return statements.stream().filter(Statement::allows).collect(Collectors.toList());
    }

    Optional<Statement> statement(String sid) {
        return statements.stream().filter(s -> sid.equals(s.sid())).findFirst();
    }

    private record Expanded(Hcl.Block block, Map<String, Object> frame) {
    }

    /** The nested blocks of one type, static ones as they are and dynamic ones once per for_each element. */
    private static List<Expanded> expand(Hcl.Block parent, String type, Map<String, Object> frame,
            HclEvaluator evaluator, String where) {
        List<Expanded> expanded = new ArrayList<>();
        for (BodyContent content : parent.getBody()) {
            if (!(content instanceof Hcl.Block)) {
                continue;
            }
            Hcl.Block block = (Hcl.Block) content;
            String blockType = block.getType().getName();
            if (blockType.equals(type)) {
                expanded.add(new Expanded(block, frame));
            } else if (blockType.equals("dynamic") && TerraformConfig.labels(block).equals(List.of(type))) {
                checkArguments(block, Set.of("for_each", "iterator", "labels"), Set.of("content"), where);
                Map<String, Expression> attributes = TerraformConfig.attributes(block);
                String iterator = attributes.containsKey("iterator")
                        ? TerraformConfig.source(attributes.get("iterator"))
                        : type;
                Object collection = evaluator.eval(attributes.get("for_each"), frame);
                Hcl.Block contentBlock = TerraformConfig.blocks(block, "content").get(0);
                for (Map.Entry<Object, Object> element : HclEvaluator.elements(collection, attributes.get("for_each")).entrySet()) {
                    Map<String, Object> inner = new HashMap<>(frame);
                    Object key = collection instanceof List ? element.getValue() : element.getKey();
                    Map<String, Object> iteration = new HashMap<>();
                    iteration.put("key", key);
                    iteration.put("value", element.getValue());
                    inner.put(iterator, iteration);
                    expanded.add(new Expanded(contentBlock, inner));
                }
            }
        }
        return expanded;
    }

    private static Statement statement(Hcl.Block block, Map<String, Object> frame, HclEvaluator evaluator,
            String where) {
        checkArguments(block, STATEMENT_ATTRIBUTES, STATEMENT_BLOCKS, where);
        Map<String, Expression> attributes = TerraformConfig.attributes(block);
        String effect = attributes.containsKey("effect") ? string(evaluator.eval(attributes.get("effect"), frame)) : "Allow";
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new EvalException(where + ": effect must be Allow or Deny, not " + effect);
        }
        return new Statement(
                attributes.containsKey("sid") ? string(evaluator.eval(attributes.get("sid"), frame)) : null,
                effect,
                strings(attributes.get("actions"), frame, evaluator),
                strings(attributes.get("not_actions"), frame, evaluator),
                strings(attributes.get("resources"), frame, evaluator),
                strings(attributes.get("not_resources"), frame, evaluator),
                principals(block, "principals", frame, evaluator, where),
                principals(block, "not_principals", frame, evaluator, where),
                conditions(block, frame, evaluator, where));
    }

    private static List<Principal> principals(Hcl.Block statement, String type, Map<String, Object> frame,
            HclEvaluator evaluator, String where) {
        List<Principal> principals = new ArrayList<>();
        for (Expanded block : expand(statement, type, frame, evaluator, where)) {
            checkArguments(block.block(), NESTED_ATTRIBUTES.get(type), Set.of(), where);
            Map<String, Expression> attributes = TerraformConfig.attributes(block.block());
            principals.add(new Principal(string(evaluator.eval(attributes.get("type"), block.frame())),
                    strings(attributes.get("identifiers"), block.frame(), evaluator)));
        }
        return principals;
    }

    private static List<Condition> conditions(Hcl.Block statement, Map<String, Object> frame,
            HclEvaluator evaluator, String where) {
        List<Condition> conditions = new ArrayList<>();
        for (Expanded block : expand(statement, "condition", frame, evaluator, where)) {
            checkArguments(block.block(), NESTED_ATTRIBUTES.get("condition"), Set.of(), where);
            Map<String, Expression> attributes = TerraformConfig.attributes(block.block());
            conditions.add(new Condition(string(evaluator.eval(attributes.get("test"), block.frame())),
                    string(evaluator.eval(attributes.get("variable"), block.frame())),
                    strings(attributes.get("values"), block.frame(), evaluator)));
        }
        return conditions;
    }

    private static void checkArguments(Hcl.Block block, Set<String> attributes, Set<String> blocks, String where) {
        for (BodyContent content : block.getBody()) {
            if (content instanceof Hcl.Attribute) {
                String name = ((Hcl.Attribute) content).getSimpleName();
                if (!attributes.contains(name)) {
                    throw new EvalException(where + ": unsupported argument \"" + name + "\" in "
                            + block.getType().getName());
                }
            } else if (content instanceof Hcl.Block) {
                Hcl.Block nested = (Hcl.Block) content;
                String type = nested.getType().getName();
                boolean known = blocks.contains(type)
                        || type.equals("dynamic") && blocks.containsAll(TerraformConfig.labels(nested))
                        || type.equals("content") && block.getType().getName().equals("dynamic");
                if (!known) {
                    throw new EvalException(where + ": unsupported block \"" + type + "\" in "
                            + block.getType().getName());
                }
            }
        }
    }

    private static List<String> strings(Expression expression, Map<String, Object> frame, HclEvaluator evaluator) {
        if (expression == null) {
            return List.of();
        }
        return HclEvaluator.list(evaluator.eval(expression, frame)).stream()
                .map(PolicyDocument::string)
                .collect(Collectors.toList());
    }

    /** Strings as they will appear in the JSON; values known only after apply as {@code ${address}}. */
    private static String string(Object value) {
        if (value instanceof String || value instanceof HclEvaluator.Unknown) {
            return value.toString();
        }
        throw new EvalException("expected a string, got " + HclEvaluator.describe(value));
    }
}
