package io.github.gluehealthcheck.terraform;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Terraform's {@code regex()} speaks RE2 (Go's regexp), not java.util.regex. The two agree on the plain subset
 * the module uses, except where this class steps in, so that a pattern accepted here means the same in Terraform:
 *
 * <ul>
 *   <li>{@code $} without {@code (?m)} matches only at the very end in RE2; Java's also matches before a final
 *       line break. It is translated to {@code \z}.</li>
 *   <li>Inside a character class RE2 reads {@code [} and {@code &&} literally and knows {@code [:alpha:]};
 *       Java nests, intersects, and would read {@code [:alpha:]} as a set of letters.</li>
 *   <li>RE2 rejects look-around, back-references, atomic groups and possessive quantifiers, which Java accepts.
 *       They are rejected here too, as Terraform's regex() would fail on them.</li>
 * </ul>
 */
final class Re2 {

    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private Re2() {
    }

    /** Compiles an RE2 pattern to an equivalent Java pattern, or fails as Terraform's regex() would. */
    static Pattern compile(String re2) {
        try {
            return Pattern.compile(toJava(re2));
        } catch (PatternSyntaxException e) {
            throw new HclEvaluator.EvalException("invalid regular expression " + re2 + ": " + e.getDescription());
        }
    }

    static String toJava(String re2) {
        StringBuilder java = new StringBuilder();
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\') {
                if (i + 1 >= re2.length()) {
                    throw invalid(re2, "trailing backslash");
                }
                char next = re2.charAt(i + 1);
                if (next >= '1' && next <= '9') {
                    throw invalid(re2, "back-references are not RE2");
                }
                if (next == 'Z') {
                    throw invalid(re2, "\\Z is not RE2");
                }
                java.append(c).append(next);
                i++;
                continue;
            }
            if (inClass) {
                if (re2.startsWith("[:", i)) {
                    int end = re2.indexOf(":]", i + 2);
                    String name = end < 0 ? null : re2.substring(i + 2, end);
                    boolean negated = name != null && name.startsWith("^");
                    String translated = name == null ? null : POSIX_CLASSES.get(negated ? name.substring(1) : name);
                    if (translated == null) {
                        throw invalid(re2, "unknown character class");
                    }
                    if (negated) {
                        throw invalid(re2, "negated POSIX classes are not translated");
                    }
                    java.append(translated);
                    i = end + 1;
                } else if (c == ']' && i > classStart) {
                    inClass = false;
                    java.append(c);
                } else if (c == '[') {
                    java.append("\\[");
                } else if (c == '&' && re2.startsWith("&&", i)) {
                    java.append("&\\&");
                    i++;
                } else {
                    java.append(c);
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                java.append(c);
                classStart = i + 1;
                if (re2.startsWith("^", i + 1)) {
                    java.append('^');
                    i++;
                    classStart = i + 1;
                }
                if (re2.startsWith("]", i + 1)) { // a leading ']' is literal in both
                    java.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && re2.startsWith("(?", i)) {
                if (re2.startsWith("(?=", i) || re2.startsWith("(?!", i) || re2.startsWith("(?<=", i)
                        || re2.startsWith("(?<!", i) || re2.startsWith("(?>", i)) {
                    throw invalid(re2, "look-around and atomic groups are not RE2");
                }
                if (re2.startsWith("(?P<", i)) {
                    java.append("(?<");
                    i += 3;
                    continue;
                }
            }
            if ("*+?}".indexOf(c) >= 0 && re2.startsWith("+", i + 1)) {
                throw invalid(re2, "possessive quantifiers are not RE2");
            }
            if (c == '$') {
                java.append("\\z");
                continue;
            }
            java.append(c);
        }
        if (inClass) {
            throw invalid(re2, "missing closing ]");
        }
        return java.toString();
    }

    private static HclEvaluator.EvalException invalid(String re2, String why) {
        return new HclEvaluator.EvalException("invalid RE2 pattern " + re2 + ": " + why);
    }
}
