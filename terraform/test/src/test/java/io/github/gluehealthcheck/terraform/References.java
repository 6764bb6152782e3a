package io.github.gluehealthcheck.terraform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.openrewrite.Tree;
import org.openrewrite.hcl.HclIsoVisitor;
import org.openrewrite.hcl.tree.Hcl;

/** The names an expression or block refers to, as Terraform resolves them: {@code var.x}, {@code local.y}, ... */
final class References {

    /**
     * A reference: its first name ({@code var}, {@code aws_iam_role}, {@code statement}), the attribute names
     * after it ({@code [name_prefix]}), and whether the first name is bound inside the tree itself (a for
     * expression's or a dynamic block's iterator, {@code each}, {@code count}, {@code self}).
     */
    record Reference(String root, List<String> path, boolean bound, String source) {
        String address(int parts) {
            List<String> all = new ArrayList<>();
            all.add(root);
            all.addAll(path.subList(0, Math.min(parts - 1, path.size())));
            return String.join(".", all);
        }
    }

    /** Words of type constraints ({@code list(string)}), which parse as names but refer to nothing. */
    private static final Set<String> TYPE_WORDS = Set.of("string", "number", "bool", "any");
    private static final Set<String> CONTEXTUAL = Set.of("each", "count", "self");

    private References() {
    }

    static List<Reference> of(Hcl tree) {
        List<Reference> references = new ArrayList<>();
        new HclIsoVisitor<List<Reference>>() {
            @Override
            public Hcl.VariableExpression visitVariableExpression(Hcl.VariableExpression variable, List<Reference> found) {
                String root = variable.getName().getName();
                if (TYPE_WORDS.contains(root)) {
                    return variable;
                }
                List<Hcl> ancestors = getCursor().getPathAsStream()
                        .filter(value -> value instanceof Hcl)
                        .map(value -> (Hcl) value)
                        .collect(Collectors.toList());
                List<String> path = new ArrayList<>();
                Tree current = variable;
                Hcl outermost = variable;
                for (Hcl ancestor : ancestors.subList(1, ancestors.size())) {
                    if (ancestor instanceof Hcl.AttributeAccess && ((Hcl.AttributeAccess) ancestor).getAttribute() == current) {
                        path.add(((Hcl.AttributeAccess) ancestor).getPadding().getName().getElement().getName());
                    } else if (!(ancestor instanceof Hcl.Index && ((Hcl.Index) ancestor).getIndexed() == current)
                            && !(ancestor instanceof Hcl.Splat && ((Hcl.Splat) ancestor).getSelect() == current)) {
                        break;
                    }
                    current = ancestor;
                    outermost = ancestor;
                }
                boolean bound = CONTEXTUAL.contains(root) || ancestors.stream().anyMatch(a -> binds(a, root));
                found.add(new Reference(root, List.copyOf(path), bound, TerraformConfig.source(outermost)));
                return variable;
            }
        }.visit(tree, references);
        return references;
    }

    private static boolean binds(Hcl ancestor, String name) {
        if (ancestor instanceof Hcl.ForTuple) {
            return names(((Hcl.ForTuple) ancestor).getIntro()).contains(name);
        }
        if (ancestor instanceof Hcl.ForObject) {
            return names(((Hcl.ForObject) ancestor).getIntro()).contains(name);
        }
        if (ancestor instanceof Hcl.Block && ((Hcl.Block) ancestor).getType().getName().equals("dynamic")) {
            Hcl.Block dynamic = (Hcl.Block) ancestor;
            String iterator = TerraformConfig.attribute(dynamic, "iterator").map(TerraformConfig::source)
                    .orElse(TerraformConfig.labels(dynamic).get(0));
            return iterator.equals(name);
        }
        return false;
    }

    private static List<String> names(Hcl.ForIntro intro) {
        return intro.getVariables().stream().map(Hcl.Identifier::getName).collect(Collectors.toList());
    }
}
