package io.github.gluehealthcheck.terraform;

import io.github.gluehealthcheck.terraform.HclEvaluator.EvalException;
import io.github.gluehealthcheck.terraform.HclEvaluator.Unknown;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * Input variables as Terraform sees them: the caller's value or the default, {@code nullable = false} applied,
 * converted to the declared type (object attributes declared {@code optional(type, default)} filled in), and
 * checked by the variable's {@code validation} blocks.
 */
final class Variables {

    private Variables() {
    }

    /** The value of every variable of {@code config}: {@code given} where present, the default elsewhere. */
    static Map<String, Object> values(TerraformConfig config, Map<String, ?> given) {
        for (String name : given.keySet()) {
            if (!config.variables().containsKey(name)) {
                throw new EvalException("no variable \"" + name + "\" in " + config.dir());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        config.variables().forEach((name, block) -> {
            Object value = given.containsKey(name) ? fromJava(given.get(name)) : defaultValue(block);
            if (value == null && !nullable(block)) {
                value = defaultValue(block);
            }
            if (value == null && !given.containsKey(name) && block.attribute("default").isEmpty()) {
                throw new EvalException("variable \"" + name + "\" is required");
            }
            Optional<Expression> type = block.attribute("type");
            values.put(name, type.isPresent() ? convert(type.get(), value, "var." + name) : value);
        });
        return values;
    }

    /** Java values as the evaluator represents them: every number a BigDecimal, collections deeply. */
    static Object fromJava(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double) {
            return BigDecimal.valueOf((Double) value);
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            ((List<?>) value).forEach(element -> list.add(fromJava(element)));
            return list;
        }
        if (value instanceof Map) {
            Map<String, Object> map = new LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(String.valueOf(k), fromJava(v)));
            return map;
        }
        return value;
    }

    /**
     * The error messages of the validations {@code value} fails (empty: valid), other variables at default, as
     * Terraform's own engine evaluates them ({@link ValidationEngine}).
     */
    static List<String> failedValidations(TerraformConfig config, String name, Object value) {
        if (!config.variables().containsKey(name)) {
            throw new EvalException("no variable \"" + name + "\" in " + config.dir());
        }
        return ValidationEngine.failedValidations(config, name, value);
    }

    static boolean nullable(TerraformConfig.TopBlock variable) {
        return variable.attribute("nullable")
                .map(e -> !"false".equals(TerraformConfig.source(e)))
                .orElse(true);
    }

    private static Object defaultValue(TerraformConfig.TopBlock variable) {
        return variable.attribute("default").map(Variables::constant).orElse(null);
    }

    /** Defaults and optional() defaults are constants: they may not refer to anything. */
    private static Object constant(Expression expression) {
        return new HclEvaluator(null, Map.of(), Map.of()).eval(expression);
    }

    /** Converts {@code value} to the type written as {@code type} (string, list(string), object({...}), ...). */
    static Object convert(Expression type, Object value, String where) {
        if (value == null || value instanceof Unknown) {
            return value;
        }
        if (type instanceof Hcl.VariableExpression) {
            return primitive(((Hcl.VariableExpression) type).getName().getName(), value, where);
        }
        if (!(type instanceof Hcl.FunctionCall)) {
            throw new EvalException("unsupported type expression " + TerraformConfig.source(type));
        }
        Hcl.FunctionCall call = (Hcl.FunctionCall) type;
        List<Expression> args = arguments(call);
        switch (call.getName().getName()) {
            case "list":
            case "set": {
                List<Object> converted = new ArrayList<>();
                for (Object element : asList(value, where)) {
                    converted.add(convert(args.get(0), element, where + "[*]"));
                }
                if (call.getName().getName().equals("set")) {
                    return converted.stream().allMatch(e -> e instanceof String)
                            ? new ArrayList<>(new TreeSet<>(converted.stream().map(String::valueOf).toList()))
                            : new ArrayList<>(new LinkedHashSet<>(converted));
                }
                return converted;
            }
            case "map": {
                Map<String, Object> converted = new LinkedHashMap<>();
                asMap(value, where).forEach((k, v) -> converted.put(k, convert(args.get(0), v, where + "[\"" + k + "\"]")));
                return converted;
            }
            case "object":
                return object((Hcl.ObjectValue) args.get(0), asMap(value, where), where);
            default:
                throw new EvalException("unsupported type " + TerraformConfig.source(type));
        }
    }

    /** Stricter than Terraform in one way: an attribute the type does not declare is an error, not dropped. */
    private static Map<String, Object> object(Hcl.ObjectValue type, Map<String, Object> value, String where) {
        Map<String, Object> converted = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        for (Expression element : type.getAttributes()) {
            if (!(element instanceof Hcl.Attribute)) {
                continue;
            }
            Hcl.Attribute attribute = (Hcl.Attribute) element;
            String name = TerraformConfig.source(attribute.getName());
            declared.add(name);
            Expression attributeType = attribute.getValue();
            Object attributeValue = value.get(name);
            boolean optional = attributeType instanceof Hcl.FunctionCall
                    && ((Hcl.FunctionCall) attributeType).getName().getName().equals("optional");
            if (optional) {
                List<Expression> optionalArgs = arguments((Hcl.FunctionCall) attributeType);
                attributeType = optionalArgs.get(0);
                if (attributeValue == null && optionalArgs.size() > 1) {
                    attributeValue = constant(optionalArgs.get(1));
                }
            } else if (!value.containsKey(name)) {
                throw new EvalException(where + ": attribute \"" + name + "\" is required");
            }
            converted.put(name, convert(attributeType, attributeValue, where + "." + name));
        }
        for (String name : value.keySet()) {
            if (!declared.contains(name)) {
                throw new EvalException(where + ": unexpected attribute \"" + name + "\"");
            }
        }
        return converted;
    }

    private static Object primitive(String type, Object value, String where) {
        switch (type) {
            case "any":
                return value;
            case "string":
                if (value instanceof String || value instanceof BigDecimal || value instanceof Boolean) {
                    return HclEvaluator.text(value);
                }
                break;
            case "number":
                if (value instanceof BigDecimal) {
                    return value;
                }
                if (value instanceof String) {
                    try {
                        return new BigDecimal((String) value);
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
                break;
            case "bool":
                if (value instanceof Boolean) {
                    return value;
                }
                if ("true".equals(value) || "false".equals(value)) {
                    return Boolean.valueOf((String) value);
                }
                break;
            default:
                throw new EvalException("unsupported type " + type);
        }
        throw new EvalException(where + ": a " + type + " is required, got " + HclEvaluator.describe(value));
    }

    private static List<Expression> arguments(Hcl.FunctionCall call) {
        return call.getVariables().stream().filter(a -> !(a instanceof Hcl.Empty)).toList();
    }

    private static List<?> asList(Object value, String where) {
        if (value instanceof List) {
            return (List<?>) value;
        }
        throw new EvalException(where + ": a list is required, got " + HclEvaluator.describe(value));
    }

    private static Map<String, Object> asMap(Object value, String where) {
        if (value instanceof Map) {
            return HclEvaluator.map(value);
        }
        throw new EvalException(where + ": an object is required, got " + HclEvaluator.describe(value));
    }

    private static Map<String, Object> mapOf(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return map;
    }
}
