package io.github.gluehealthcheck.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * Evaluates Terraform expressions from the parsed tree, with Terraform's semantics for the subset this module
 * uses: literals and templates, {@code var.}, {@code local.} and {@code data.} references, operators,
 * conditionals, for-expressions and the built-in functions listed in {@link #call}. What only exists after an
 * apply (a resource's attributes) evaluates to an {@link Unknown}, which prints as {@code ${address}} inside
 * strings, so an ARN built from it still shows where it came from.
 *
 * <p>Where Terraform differs from Java or from the parsed tree, the evaluator follows Terraform: binary
 * operators group by HCL precedence (the tree leans right regardless), {@code &&} and {@code ||} evaluate both
 * sides (as Terraform before 1.12 does, so a null-unsafe validation fails here as it would there), a
 * conditional evaluates only the chosen branch. Regular expressions ({@code regex}, {@code replace} with
 * {@code /re/}) are not emulated: they appear only in variable validations, which {@link ValidationEngine}
 * evaluates with Terraform's own HCL and cty (Go's regexp).
 */
final class HclEvaluator {

    /** Not an EvalException, so that can() and try() do not turn it into a quiet false. */
    private static final String NO_REGEX = "regular expressions are left to Terraform's own engine (ValidationEngine)";

    /** An expression Terraform would reject at plan time, or one this evaluator does not know. */
    static final class EvalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvalException(String message) {
            super(message);
        }
    }

    /** A value known only after apply, named by the expression that produces it. */
    record Unknown(String address) {
        @Override
        public String toString() {
            return "${" + address + "}";
        }
    }

    /** A reference that is not a value yet: {@code data.aws_region}, {@code aws_iam_role.glue}, ... */
    private record Ref(String path) {
    }

    /** The elements of a splat ({@code x[*]}), to which further attribute access applies one by one. */
    private record Splatted(List<Object> elements) {
    }

    private static final Set<String> NAMESPACES = Set.of("var", "local", "data", "module", "path", "terraform");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TerraformConfig config;
    private final Map<String, Object> variables;
    private final Map<String, Object> known;
    private final Map<String, Object> localValues = new HashMap<>();
    private final Set<String> localsInProgress = new HashSet<>();

    /**
     * @param variables the value of every {@code var.} (see {@link Variables})
     * @param known values of references known before apply, by address: {@code data.aws_region.current.region},
     *     {@code path.module}, ...; any other data source or resource attribute is {@link Unknown}
     */
    HclEvaluator(TerraformConfig config, Map<String, Object> variables, Map<String, Object> known) {
        this.config = config;
        this.variables = variables;
        this.known = known;
    }

    Object eval(Expression expression) {
        return eval(expression, Map.of());
    }

    /** Evaluates with iterator variables in scope, e.g. {@code statement} inside a dynamic block. */
    Object eval(Expression expression, Map<String, Object> frame) {
        Object value = evalRaw(expression, frame);
        if (value instanceof Splatted) {
            return ((Splatted) value).elements().stream()
                    .map(element -> element instanceof Ref ? new Unknown(((Ref) element).path()) : element)
                    .collect(Collectors.toList());
        }
        if (value instanceof Ref) {
            Ref ref = (Ref) value;
            if (NAMESPACES.contains(ref.path())) {
                throw new EvalException("incomplete reference: " + ref.path());
            }
            return new Unknown(ref.path());
        }
        return value;
    }

    Object local(String name) {
        if (localValues.containsKey(name)) {
            return localValues.get(name);
        }
        Expression expression = config.locals().get(name);
        if (expression == null) {
            throw new EvalException("reference to undeclared local value local." + name);
        }
        if (!localsInProgress.add(name)) {
            throw new EvalException("local." + name + " refers to itself");
        }
        try {
            Object value = eval(expression);
            localValues.put(name, value);
            return value;
        } finally {
            localsInProgress.remove(name);
        }
    }

    private Object evalRaw(Expression e, Map<String, Object> frame) {
        if (e instanceof Hcl.Literal) {
            return literal((Hcl.Literal) e);
        }
        if (e instanceof Hcl.QuotedTemplate) {
            return template(((Hcl.QuotedTemplate) e).getExpressions(), frame);
        }
        if (e instanceof Hcl.HeredocTemplate) {
            throw new EvalException("heredoc templates are not evaluated here: " + TerraformConfig.source(e));
        }
        if (e instanceof Hcl.Parentheses) {
            return eval(((Hcl.Parentheses) e).getExpression(), frame);
        }
        if (e instanceof Hcl.VariableExpression) {
            return name(((Hcl.VariableExpression) e).getName().getName(), frame);
        }
        if (e instanceof Hcl.AttributeAccess) {
            Hcl.AttributeAccess access = (Hcl.AttributeAccess) e;
            String attribute = access.getPadding().getName().getElement().getName();
            return attribute(evalRaw(access.getAttribute(), frame), attribute, e);
        }
        if (e instanceof Hcl.Index) {
            Hcl.Index index = (Hcl.Index) e;
            return index(evalRaw(index.getIndexed(), frame), eval(index.getPosition().getPosition(), frame), e);
        }
        if (e instanceof Hcl.Splat) {
            return splat(evalRaw(((Hcl.Splat) e).getSelect(), frame), frame, e);
        }
        if (e instanceof Hcl.Tuple) {
            List<Object> values = new ArrayList<>();
            for (Expression value : ((Hcl.Tuple) e).getValues()) {
                if (!(value instanceof Hcl.Empty)) {
                    values.add(eval(value, frame));
                }
            }
            return values;
        }
        if (e instanceof Hcl.ObjectValue) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (Expression element : ((Hcl.ObjectValue) e).getAttributes()) {
                if (element instanceof Hcl.Attribute) {
                    Hcl.Attribute attribute = (Hcl.Attribute) element;
                    object.put(objectKey(attribute.getName(), frame), eval(attribute.getValue(), frame));
                }
            }
            return object;
        }
        if (e instanceof Hcl.Unary) {
            return unary((Hcl.Unary) e, frame);
        }
        if (e instanceof Hcl.Binary) {
            return binary((Hcl.Binary) e, frame);
        }
        if (e instanceof Hcl.Conditional) {
            Hcl.Conditional conditional = (Hcl.Conditional) e;
            Object condition = eval(conditional.getCondition(), frame);
            if (!(condition instanceof Boolean)) {
                throw new EvalException("condition is not a bool (" + describe(condition) + "): "
                        + TerraformConfig.source(conditional.getCondition()));
            }
            return eval((Boolean) condition ? conditional.getTruePart() : conditional.getFalsePart(), frame);
        }
        if (e instanceof Hcl.ForTuple) {
            return forTuple((Hcl.ForTuple) e, frame);
        }
        if (e instanceof Hcl.ForObject) {
            return forObject((Hcl.ForObject) e, frame);
        }
        if (e instanceof Hcl.FunctionCall) {
            return call((Hcl.FunctionCall) e, frame);
        }
        throw new EvalException("cannot evaluate " + e.getClass().getSimpleName() + ": " + TerraformConfig.source(e));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Literals, templates and names
    // -----------------------------------------------------------------------------------------------------------

    private static Object literal(Hcl.Literal literal) {
        String source = literal.getValueSource();
        switch (source) {
            case "null":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                try {
                    return new BigDecimal(source);
                } catch (NumberFormatException notANumber) {
                    throw new EvalException("unexpected literal " + source);
                }
        }
    }

    private String template(List<Expression> parts, Map<String, Object> frame) {
        StringBuilder text = new StringBuilder();
        for (Expression part : parts) {
            if (part instanceof Hcl.Literal) {
                text.append(unescape(((Hcl.Literal) part).getValueSource()));
            } else if (part instanceof Hcl.TemplateInterpolation) {
                Object value = eval(((Hcl.TemplateInterpolation) part).getExpression(), frame);
                text.append(templateText(value, part));
            } else {
                throw new EvalException("unexpected template part " + TerraformConfig.source(part));
            }
        }
        return text.toString();
    }

    private static String templateText(Object value, Expression where) {
        if (value == null) {
            throw new EvalException("null value in string template: " + TerraformConfig.source(where));
        }
        if (value instanceof List || value instanceof Map) {
            throw new EvalException("cannot include a " + describe(value) + " in a string template: "
                    + TerraformConfig.source(where));
        }
        return asText(value);
    }

    /** HCL's escapes in quoted strings. */
    static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case 'u':
                        out.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 5), 16));
                        i += 4;
                        break;
                    case 'U':
                        out.appendCodePoint(Integer.parseInt(raw.substring(i + 1, i + 9), 16));
                        i += 8;
                        break;
                    default:
                        throw new EvalException("invalid escape \\" + next + " in \"" + raw + "\"");
                }
            } else if ((c == '$' || c == '%') && raw.startsWith(c + "" + c + "{", i)) {
                out.append(c).append('{');
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Object name(String name, Map<String, Object> frame) {
        if (frame.containsKey(name)) {
            return frame.get(name);
        }
        if (NAMESPACES.contains(name) || name.contains("_")) {
            return new Ref(name); // a namespace, or a resource type such as aws_iam_role
        }
        throw new EvalException("unknown name " + name);
    }

    private Object attribute(Object base, String name, Expression where) {
        if (base instanceof Splatted) {
            List<Object> elements = new ArrayList<>();
            for (Object element : ((Splatted) base).elements()) {
                elements.add(attribute(element, name, where));
            }
            return new Splatted(elements);
        }
        if (base instanceof Ref) {
            String path = ((Ref) base).path() + "." + name;
            String[] parts = path.split("\\.");
            switch (parts[0]) {
                case "var":
                    if (!variables.containsKey(name)) {
                        throw new EvalException("reference to undeclared variable var." + name);
                    }
                    return variables.get(name);
                case "local":
                    return local(name);
                case "data":
                    return parts.length < 4 ? new Ref(path) : knownOrUnknown(path);
                case "module":
                    return parts.length < 3 ? new Ref(path) : new Unknown(path);
                case "path":
                case "terraform":
                    return knownOrUnknown(path);
                default:
                    return parts.length < 3 ? new Ref(path) : new Unknown(path);
            }
        }
        if (base instanceof Unknown) {
            return new Unknown(((Unknown) base).address() + "." + name);
        }
        if (base instanceof Map) {
            Map<?, ?> object = (Map<?, ?>) base;
            if (!object.containsKey(name)) {
                throw new EvalException("unsupported attribute \"" + name + "\": " + TerraformConfig.source(where));
            }
            return object.get(name);
        }
        throw new EvalException("cannot read attribute " + name + " of a " + describe(base) + ": "
                + TerraformConfig.source(where));
    }

    /** {@code resource.name[*]} has one element per planned instance (its count); a list splats to itself. */
    private Object splat(Object base, Map<String, Object> frame, Expression where) {
        if (base instanceof Ref && config != null && ((Ref) base).path().split("\\.").length == 2) {
            String[] address = ((Ref) base).path().split("\\.");
            TerraformConfig.TopBlock resource = config.resource(address[0], address[1]);
            int count = resource.attribute("count").isPresent()
                    ? number(eval(resource.attribute("count").get(), Map.of()), where).intValueExact()
                    : 1;
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                elements.add(new Ref(((Ref) base).path() + "[" + i + "]"));
            }
            return new Splatted(elements);
        }
        if (base instanceof List) {
            return new Splatted(new ArrayList<>((List<?>) base));
        }
        return new Unknown(TerraformConfig.source(where));
    }

    private Object knownOrUnknown(String address) {
        return known.containsKey(address) ? known.get(address) : new Unknown(address);
    }

    private static Object index(Object base, Object key, Expression where) {
        if (base instanceof Ref) {
            return new Ref(((Ref) base).path() + "[" + asText(key) + "]");
        }
        if (base instanceof Unknown) {
            return new Unknown(((Unknown) base).address() + "[" + asText(key) + "]");
        }
        if (base instanceof List && key instanceof BigDecimal) {
            List<?> list = (List<?>) base;
            int i = ((BigDecimal) key).intValueExact();
            if (i < 0 || i >= list.size()) {
                throw new EvalException("index " + i + " out of range: " + TerraformConfig.source(where));
            }
            return list.get(i);
        }
        if (base instanceof Map && key instanceof String) {
            Map<?, ?> map = (Map<?, ?>) base;
            if (!map.containsKey(key)) {
                throw new EvalException("no element \"" + key + "\": " + TerraformConfig.source(where));
            }
            return map.get(key);
        }
        throw new EvalException("cannot index a " + describe(base) + ": " + TerraformConfig.source(where));
    }

    private String objectKey(Expression key, Map<String, Object> frame) {
        if (key instanceof Hcl.Identifier) {
            return ((Hcl.Identifier) key).getName();
        }
        if (key instanceof Hcl.VariableExpression) {
            return ((Hcl.VariableExpression) key).getName().getName(); // a bare word is a key, not a variable
        }
        return asText(eval(key, frame));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Operators and for-expressions
    // -----------------------------------------------------------------------------------------------------------

    private Object unary(Hcl.Unary unary, Map<String, Object> frame) {
        Object value = eval(unary.getExpression(), frame);
        if (value instanceof Unknown) {
            return value;
        }
        switch (unary.getOperator()) {
            case Not:
                return !bool(value, unary);
            case Negative:
                return number(value, unary).negate();
            default:
                throw new EvalException("unknown operator " + unary.getOperator());
        }
    }

    /**
     * rewrite-hcl 8.90 builds every chain of binary operators leaning right, whatever the operators: it reads
     * {@code a == b && c} as {@code a == (b && c)} and {@code a - b - c} as {@code a - (b - c)}. Explicit
     * parentheses survive as {@link Hcl.Parentheses}, so the chain along the right spine is exactly the operands
     * and operators as written; they are regrouped here by HCL's precedence, left-associative.
     */
    private Object binary(Hcl.Binary binary, Map<String, Object> frame) {
        List<Expression> operands = new ArrayList<>();
        List<Hcl.Binary.Type> operators = new ArrayList<>();
        Expression e = binary;
        while (e instanceof Hcl.Binary) {
            Hcl.Binary link = (Hcl.Binary) e;
            operands.add(link.getLeft());
            operators.add(link.getOperator());
            e = link.getRight();
        }
        operands.add(e);
        int[] next = {0};
        return chain(operands, operators, next, 0, frame, binary);
    }

    /** Precedence climbing over operands[next..]: evaluates operators of precedence >= minimum. */
    private Object chain(List<Expression> operands, List<Hcl.Binary.Type> operators, int[] next, int minimum,
            Map<String, Object> frame, Hcl.Binary whole) {
        Object left = eval(operands.get(next[0]), frame);
        while (next[0] < operators.size() && precedence(operators.get(next[0])) >= minimum) {
            Hcl.Binary.Type operator = operators.get(next[0]);
            next[0]++;
            // Both sides are always evaluated, as Terraform before 1.12 does for && and || too.
            Object right = chain(operands, operators, next, precedence(operator) + 1, frame, whole);
            left = apply(operator, left, right, whole);
        }
        return left;
    }

    /** HCL's binary operator precedence, highest binding tightest. */
    static int precedence(Hcl.Binary.Type operator) {
        switch (operator) {
            case Multiplication:
            case Division:
            case Modulo:
                return 6;
            case Addition:
            case Subtraction:
                return 5;
            case LessThan:
            case LessThanOrEqual:
            case GreaterThan:
            case GreaterThanOrEqual:
                return 4;
            case Equal:
            case NotEqual:
                return 3;
            case And:
                return 2;
            case Or:
                return 1;
            default:
                throw new EvalException("unknown operator " + operator);
        }
    }

    private static Object apply(Hcl.Binary.Type operator, Object left, Object right, Hcl.Binary where) {
        if (left instanceof Unknown || right instanceof Unknown) {
            return unknown(where);
        }
        switch (operator) {
            case Equal:
                return same(left, right);
            case NotEqual:
                return !same(left, right);
            case And:
                return bool(left, where) & bool(right, where);
            case Or:
                return bool(left, where) | bool(right, where);
            case LessThan:
                return number(left, where).compareTo(number(right, where)) < 0;
            case LessThanOrEqual:
                return number(left, where).compareTo(number(right, where)) <= 0;
            case GreaterThan:
                return number(left, where).compareTo(number(right, where)) > 0;
            case GreaterThanOrEqual:
                return number(left, where).compareTo(number(right, where)) >= 0;
            case Addition:
                return number(left, where).add(number(right, where));
            case Subtraction:
                return number(left, where).subtract(number(right, where));
            case Multiplication:
                return number(left, where).multiply(number(right, where));
            default:
                throw new EvalException("operator " + operator + " not supported: " + TerraformConfig.source(where));
        }
    }

    private static Unknown unknown(Expression e) {
        return new Unknown(TerraformConfig.source(e));
    }

    private Object forTuple(Hcl.ForTuple e, Map<String, Object> frame) {
        List<Object> result = new ArrayList<>();
        for (Map<String, Object> inner : iterations(e.getIntro(), frame)) {
            if (e.getCondition() == null || bool(eval(e.getCondition(), inner), e)) {
                result.add(eval(e.getUpdateName(), inner));
            }
        }
        return result;
    }

    private Object forObject(Hcl.ForObject e, Map<String, Object> frame) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map<String, Object> inner : iterations(e.getIntro(), frame)) {
            if (e.getCondition() == null || bool(eval(e.getCondition(), inner), e)) {
                result.put(asText(eval(e.getUpdateName(), inner)), eval(e.getUpdateValue(), inner));
            }
        }
        return result;
    }

    /** One frame per element: lists by index, maps by key in lexical order, as Terraform iterates them. */
    private List<Map<String, Object>> iterations(Hcl.ForIntro intro, Map<String, Object> frame) {
        Object collection = eval(intro.getIn(), frame);
        List<String> names = intro.getVariables().stream().map(Hcl.Identifier::getName).collect(Collectors.toList());
        List<Map<String, Object>> frames = new ArrayList<>();
        for (Map.Entry<Object, Object> element : elements(collection, intro.getIn()).entrySet()) {
            Map<String, Object> inner = new HashMap<>(frame);
            if (names.size() == 1) {
                inner.put(names.get(0), element.getValue());
            } else {
                inner.put(names.get(0), element.getKey());
                inner.put(names.get(1), element.getValue());
            }
            frames.add(inner);
        }
        return frames;
    }

    /** The elements of a collection with their keys: list index, or map key in lexical order. */
    static Map<Object, Object> elements(Object collection, Expression where) {
        Map<Object, Object> elements = new LinkedHashMap<>();
        if (collection instanceof List) {
            List<?> list = (List<?>) collection;
            for (int i = 0; i < list.size(); i++) {
                elements.put(BigDecimal.valueOf(i), list.get(i));
            }
        } else if (collection instanceof Map) {
            new TreeMap<>((Map<?, ?>) collection).forEach((k, v) -> elements.put(k, v));
        } else {
            throw new EvalException("cannot iterate a " + describe(collection) + ": " + TerraformConfig.source(where));
        }
        return elements;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Functions
    // -----------------------------------------------------------------------------------------------------------

    private Object call(Hcl.FunctionCall call, Map<String, Object> frame) {
        String function = call.getName().getName();
        List<Expression> argumentExpressions = call.getVariables().stream()
                .filter(a -> !(a instanceof Hcl.Empty))
                .collect(Collectors.toList());
        if (function.equals("can")) {
            try {
                return eval(argumentExpressions.get(0), frame) instanceof Unknown ? unknown(call) : Boolean.TRUE;
            } catch (EvalException e) {
                return false;
            }
        }
        if (function.equals("try")) {
            EvalException last = null;
            for (Expression argument : argumentExpressions) {
                try {
                    return eval(argument, frame);
                } catch (EvalException e) {
                    last = e;
                }
            }
            throw new EvalException("no argument of try() succeeded: " + (last == null ? "" : last.getMessage()));
        }
        List<Object> args = new ArrayList<>();
        for (Expression argument : argumentExpressions) {
            args.add(eval(argument, frame));
        }
        if (args.stream().anyMatch(a -> a instanceof Unknown) && !function.equals("coalesce")) {
            return unknown(call);
        }
        try {
            return call(function, args);
        } catch (EvalException | ClassCastException | IndexOutOfBoundsException | ArithmeticException e) {
            throw new EvalException(function + "(): " + e.getMessage() + " in " + TerraformConfig.source(call));
        }
    }

    private static Object call(String function, List<Object> a) {
        switch (function) {
            case "regex":
            case "regexall":
                throw new UnsupportedOperationException(NO_REGEX);
            case "length":
                if (a.get(0) instanceof String) {
                    String s = (String) a.get(0);
                    return BigDecimal.valueOf(s.codePointCount(0, s.length()));
                }
                return BigDecimal.valueOf(collection(a.get(0)).size());
            case "contains":
                return list(a.get(0)).stream().anyMatch(element -> same(element, a.get(1)));
            case "alltrue":
                return list(a.get(0)).stream().allMatch(element -> bool(element, null));
            case "anytrue":
                return list(a.get(0)).stream().anyMatch(element -> bool(element, null));
            case "startswith":
                return text(a.get(0)).startsWith(text(a.get(1)));
            case "endswith":
                return text(a.get(0)).endsWith(text(a.get(1)));
            case "strcontains":
                return text(a.get(0)).contains(text(a.get(1)));
            case "lower":
                return text(a.get(0)).toLowerCase(java.util.Locale.ROOT);
            case "upper":
                return text(a.get(0)).toUpperCase(java.util.Locale.ROOT);
            case "trimspace":
                return text(a.get(0)).strip();
            case "trimprefix": {
                String s = text(a.get(0));
                String prefix = text(a.get(1));
                return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
            }
            case "trimsuffix": {
                String s = text(a.get(0));
                String suffix = text(a.get(1));
                return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            }
            case "substr":
                return substr(text(a.get(0)), number(a.get(1), null).intValueExact(), number(a.get(2), null).intValueExact());
            case "replace": {
                String search = text(a.get(1));
                if (search.length() > 1 && search.startsWith("/") && search.endsWith("/")) {
                    throw new UnsupportedOperationException(NO_REGEX);
                }
                return text(a.get(0)).replace(search, text(a.get(2)));
            }
            case "split":
                return List.of(text(a.get(1)).split(Pattern.quote(text(a.get(0))), -1));
            case "join":
                return list(a.get(1)).stream().map(HclEvaluator::text).collect(Collectors.joining(text(a.get(0))));
            case "element": {
                List<?> list = list(a.get(0));
                if (list.isEmpty()) {
                    throw new EvalException("cannot use element() with an empty list");
                }
                return list.get(Math.floorMod(number(a.get(1), null).intValueExact(), list.size()));
            }
            case "concat": {
                List<Object> all = new ArrayList<>();
                a.forEach(list -> all.addAll(list(list)));
                return all;
            }
            case "toset": {
                // Terraform orders a set of strings lexically (by UTF-8 bytes: plain order for ASCII).
                Collection<Object> set = list(a.get(0)).stream().allMatch(e -> e instanceof String)
                        ? new TreeSet<>(java.util.Comparator.comparing(String::valueOf)) : new LinkedHashSet<>();
                set.addAll(list(a.get(0)));
                return new ArrayList<>(set);
            }
            case "tolist":
                return new ArrayList<>(list(a.get(0)));
            case "distinct":
                return new ArrayList<>(new LinkedHashSet<>(list(a.get(0))));
            case "compact":
                return list(a.get(0)).stream().filter(e -> e != null && !"".equals(e)).collect(Collectors.toList());
            case "keys":
                return new ArrayList<>(new TreeMap<>(map(a.get(0))).keySet());
            case "values":
                return new ArrayList<>(new TreeMap<>(map(a.get(0))).values());
            case "zipmap": {
                List<?> keys = list(a.get(0));
                List<?> values = list(a.get(1));
                if (keys.size() != values.size()) {
                    throw new EvalException("zipmap of " + keys.size() + " keys and " + values.size() + " values");
                }
                Map<String, Object> zipped = new LinkedHashMap<>();
                for (int i = 0; i < keys.size(); i++) {
                    zipped.put(text(keys.get(i)), values.get(i));
                }
                return zipped;
            }
            case "merge": {
                Map<String, Object> merged = new LinkedHashMap<>();
                a.forEach(m -> merged.putAll(map(m)));
                return merged;
            }
            case "lookup": {
                Map<String, Object> m = map(a.get(0));
                if (m.containsKey(text(a.get(1)))) {
                    return m.get(text(a.get(1)));
                }
                if (a.size() > 2) {
                    return a.get(2);
                }
                throw new EvalException("no key " + a.get(1));
            }
            case "coalesce":
                for (Object candidate : a) {
                    if (candidate != null && !"".equals(candidate)) {
                        return candidate;
                    }
                }
                throw new EvalException("no non-null, non-empty-string arguments");
            case "one": {
                List<?> list = list(a.get(0));
                if (list.size() > 1) {
                    throw new EvalException("must be a list of zero or one elements");
                }
                return list.isEmpty() ? null : list.get(0);
            }
            case "tostring":
                return a.get(0) == null ? null : text(a.get(0));
            case "tonumber":
                if (a.get(0) == null) {
                    return null;
                }
                try {
                    return a.get(0) instanceof BigDecimal ? a.get(0) : new BigDecimal(text(a.get(0)));
                } catch (NumberFormatException e) {
                    throw new EvalException("cannot convert \"" + a.get(0) + "\" to number");
                }
            case "floor":
                return number(a.get(0), null).setScale(0, RoundingMode.FLOOR);
            case "min":
                return a.stream().map(n -> number(n, null)).min(BigDecimal::compareTo).orElseThrow();
            case "max":
                return a.stream().map(n -> number(n, null)).max(BigDecimal::compareTo).orElseThrow();
            case "jsonencode":
                try {
                    return JSON.writeValueAsString(jsonValue(a.get(0)));
                } catch (JsonProcessingException e) {
                    throw new EvalException(e.getMessage());
                }
            default:
                throw new EvalException("function " + function + " is not known to this evaluator");
        }
    }

    /** Terraform's substr: offset and length in characters, length -1 or past the end means "to the end". */
    private static String substr(String s, int offset, int length) {
        int[] codePoints = s.codePoints().toArray();
        if (offset < 0) {
            offset = Math.max(0, codePoints.length + offset);
        }
        if (offset > codePoints.length) {
            throw new EvalException("offset beyond the string");
        }
        int end = length < 0 ? codePoints.length : Math.min(codePoints.length, offset + length);
        return new String(codePoints, offset, end - offset);
    }

    /** Objects' attributes in lexical order, numbers without a fraction as integers, like Terraform's JSON. */
    private static Object jsonValue(Object value) {
        if (value instanceof Map) {
            Map<String, Object> object = new TreeMap<>();
            map(value).forEach((k, v) -> object.put(k, jsonValue(v)));
            return object;
        }
        if (value instanceof List) {
            return list(value).stream().map(HclEvaluator::jsonValue).collect(Collectors.toList());
        }
        if (value instanceof BigDecimal) {
            BigDecimal n = ((BigDecimal) value).stripTrailingZeros();
            return n.scale() <= 0 ? n.toBigIntegerExact() : n;
        }
        if (value instanceof Unknown) {
            return value.toString();
        }
        return value;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Value helpers
    // -----------------------------------------------------------------------------------------------------------

    /** Terraform's == : numbers by value, collections element by element. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal && b instanceof BigDecimal) {
            return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return Objects.equals(a, b);
    }

    static boolean bool(Object value, Expression where) {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        throw new EvalException("expected a bool, got " + describe(value)
                + (where == null ? "" : ": " + TerraformConfig.source(where)));
    }

    static BigDecimal number(Object value, Expression where) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        throw new EvalException("expected a number, got " + describe(value)
                + (where == null ? "" : ": " + TerraformConfig.source(where)));
    }

    /** A string argument; numbers and bools convert as Terraform converts them, null does not. */
    static String text(Object value) {
        if (value == null) {
            throw new EvalException("argument must not be null");
        }
        if (value instanceof List || value instanceof Map) {
            throw new EvalException("expected a string, got " + describe(value));
        }
        return asText(value);
    }

    private static String asText(Object value) {
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    static List<?> list(Object value) {
        if (value instanceof List) {
            return (List<?>) value;
        }
        throw new EvalException("expected a list, got " + describe(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw new EvalException("expected a map or object, got " + describe(value));
    }

    private static Collection<?> collection(Object value) {
        if (value instanceof Map) {
            return ((Map<?, ?>) value).values();
        }
        return list(value);
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Map) {
            return "object";
        }
        if (value instanceof BigDecimal) {
            return "number " + asText(value);
        }
        if (value instanceof Boolean) {
            return "bool " + value;
        }
        if (value instanceof Unknown) {
            return "unknown " + value;
        }
        return "string \"" + value + "\"";
    }
}
