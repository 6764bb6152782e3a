package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins are checked against the upstream signatures in {@code stand-ins/upstream-signatures.txt} (one member a
 * line, with its nullness annotations and the upstream file it was read from): every type and public or protected
 * member a stand-in declares must match a line there in kind, modifiers, generics, parameter and return types,
 * throws and nullness annotations; and every Jenkins member the plugin's compiled classes refer to must have a line.
 * Signatures are read from the compiled stand-ins (reflection, plus the class file for SpotBugs' annotations, which
 * have CLASS retention), not from their sources.
 */
class UpstreamSignaturesTest {
    private static final Set<String> NULLNESS = Set.of("NonNull", "CheckForNull", "Nullable");
    /** A stand-in may implement a JDK supertype of an upstream interface that lives in a jar it does not mirror. */
    private static final Map<String, String> SUPERTYPE_OF = Map.of(
            "java.io.Serializable", "org.jenkinsci.remoting.SerializableOnlyOverRemoting");

    private static Map<String, List<Line>> upstream;
    private static Path file;

    /** One line of the file. */
    record Line(String type, String declaration, String annotations, String source, int number) {
        boolean inherited() {
            return declaration.startsWith("inherited ");
        }

        /** The member's name: the constructor's type, the method's or the field's name; null for a type line. */
        String memberName() {
            String d = inherited() ? declaration.substring("inherited ".length(), declaration.lastIndexOf(" from "))
                    : declaration;
            if (isTypeLine()) {
                return null;
            }
            int paren = d.indexOf('(');
            String head = paren < 0 ? d.replaceAll(" default .*$", "") : d.substring(0, paren);
            return head.substring(head.lastIndexOf(' ') + 1);
        }

        boolean isTypeLine() {
            return !inherited() && Pattern.compile("^(\\w+ )*(class|interface|@interface|enum) " + Pattern.quote(type) + "\\b")
                    .matcher(declaration).find();
        }

        /** The nullness annotations the line names, as {@code return @NonNull}, {@code param0 @Nullable}, {@code field @NonNull}. */
        Set<String> nullness() {
            String a = annotations.replaceAll("\\((?:[^()]|\\([^()]*\\))*\\)", " ");
            Set<String> out = new TreeSet<>();
            Matcher m = Pattern.compile("(return|param\\d+)?\\s*@(\\w+)").matcher(a);
            while (m.find()) {
                if (NULLNESS.contains(m.group(2))) {
                    String target = m.group(1) != null ? m.group(1) : declaration.contains("(") ? "return" : "field";
                    out.add(target + " @" + m.group(2));
                }
            }
            return out;
        }
    }

    @BeforeAll
    static void readTheFile() throws IOException {
        // Under -Pjenkins the classes on the class path are the real ones, which have far more members.
        Assumptions.assumeTrue(Boolean.getBoolean("gluehealthcheck.stand-ins"),
                "only the offline build compiles against the stand-ins");
        file = PluginFiles.pluginDir().resolve("stand-ins/upstream-signatures.txt");
        upstream = new LinkedHashMap<>();
        // The credentials plugins' lines are kept in a file of their own, in the same format.
        read(file);
        read(PluginFiles.pluginDir().resolve("stand-ins/upstream-signatures-credentials.txt"));
    }

    private static void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Pattern format = Pattern.compile("^([\\w.$]+): (.+?) \\| ann: (.*) \\| src: (\\S.*)$");
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            Matcher m = format.matcher(l);
            assertThat(m.matches()).as("%s:%d is '<type>: <declaration> | ann: <annotations> | src: <source>'", file, i + 1)
                    .isTrue();
            upstream.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new Line(m.group(1), m.group(2).trim(), m.group(3).trim(), m.group(4).trim(), i + 1));
        }
    }

    @Test
    void everyStandInTypeMatchesItsUpstreamDeclaration() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : standInClasses()) {
            List<Line> lines = upstream.getOrDefault(c.getName(), List.of());
            Line typeLine = lines.stream().filter(Line::isTypeLine).findFirst().orElse(null);
            if (typeLine == null) {
                problems.add(c.getName() + ": no type line in " + file.getFileName() + "; look the type up upstream at the"
                        + " pinned version and add it");
                continue;
            }
            problems.addAll(compareType(c, typeLine));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMemberAStandInDeclaresMatchesAnUpstreamLine() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> c : standInClasses()) {
            ClassFileAnnotations annotations = classFile(c);
            List<Line> lines = upstream.getOrDefault(c.getName(), List.of());
            List<Member> members = new ArrayList<>();
            members.addAll(Arrays.asList(c.getDeclaredConstructors()));
            members.addAll(Arrays.asList(c.getDeclaredMethods()));
            members.addAll(Arrays.asList(c.getDeclaredFields()));
            for (Member member : members) {
                if (member.isSynthetic() || member instanceof Method m && m.isBridge()
                        || !Modifier.isPublic(member.getModifiers()) && !Modifier.isProtected(member.getModifiers())) {
                    continue;
                }
                if (c.isEnum() && member instanceof Method m && enumMandated(m)) {
                    continue; // values() and valueOf(String): every enum has them
                }
                if (member instanceof Field f && f.isEnumConstant()) {
                    Line typeLine = lines.stream().filter(Line::isTypeLine).findFirst().orElse(null);
                    if (typeLine == null || !typeLine.declaration().matches(".*\\bconstants\\b.*\\b" + f.getName() + "\\b.*")) {
                        problems.add(c.getName() + ": constant " + f.getName() + " is not among the constants of its "
                                + "type line");
                    }
                    continue;
                }
                String declaration = declaration(c, member);
                Set<String> nullness = nullness(member, annotations);
                List<Line> sameName = lines.stream().filter(l -> !l.inherited() && !l.isTypeLine())
                        .filter(l -> name(member).equals(l.memberName())).toList();
                Line match = sameName.stream().filter(l -> normalize(l.declaration()).equals(declaration)).findFirst()
                        .orElse(null);
                if (match == null) {
                    problems.add(c.getName() + ": the stand-in declares '" + declaration + "'"
                            + (sameName.isEmpty() ? ", which " + file.getFileName() + " does not list: look up "
                                    + c.getName() + "#" + name(member) + " upstream at the pinned version"
                                    : "; upstream: " + sameName.stream().map(l -> "'" + normalize(l.declaration())
                                            + "' (line " + l.number() + ")").collect(Collectors.joining(" or "))));
                } else if (!match.nullness().equals(nullness)) {
                    problems.add(c.getName() + ": '" + declaration + "' carries " + nullness + ", upstream "
                            + match.nullness() + " (line " + match.number() + ", " + match.source() + ")");
                } else if (member instanceof Method m && m.getDefaultValue() != null) {
                    String upstreamDefault = match.declaration().replaceAll("^.* default ", "");
                    if (!sameValue(m.getDefaultValue(), upstreamDefault)) {
                        problems.add(c.getName() + ": " + m.getName() + "() default " + m.getDefaultValue()
                                + ", upstream " + upstreamDefault);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean enumMandated(Method m) {
        return m.getName().equals("values") && m.getParameterCount() == 0
                || m.getName().equals("valueOf") && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class});
    }

    @Test
    void everyJenkinsMemberThePluginUsesIsListed() throws Exception {
        Set<String> standIns = standInClasses().stream().map(Class::getName).collect(Collectors.toSet());
        Path classes = Path.of(GlueHealthCheckStep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> problems = new TreeSet<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                ClassFileAnnotations cf;
                try (InputStream in = Files.newInputStream(f)) {
                    cf = ClassFileAnnotations.read(in);
                }
                for (ClassFileAnnotations.Reference r : cf.references) {
                    if (!standIns.contains(r.owner())) {
                        continue;
                    }
                    checked++;
                    String name = r.name().equals("<init>") ? r.owner() : r.name();
                    Class<?> declaring = declaringClass(Class.forName(r.owner()), r.name(), r.descriptor());
                    boolean listed;
                    if (declaring != null && standIns.contains(declaring.getName())) {
                        // Declared by a stand-in: the member test holds it to its line.
                        listed = upstream.getOrDefault(declaring.getName(), List.of()).stream()
                                .anyMatch(l -> !l.inherited() && name.equals(l.memberName()));
                    } else if (declaring != null && declaring.getName().startsWith("java.")) {
                        listed = true; // the JDK's, as upstream
                    } else {
                        listed = upstream.getOrDefault(r.owner(), List.of()).stream()
                                .anyMatch(l -> l.inherited() && name.equals(l.memberName()));
                    }
                    if (!listed) {
                        problems.add(classes.relativize(f) + " uses " + r.owner() + "#" + r.name() + r.descriptor()
                                + ", which " + file.getFileName() + " does not list: look it up upstream at the pinned"
                                + " version and add its line");
                    }
                }
            }
        }
        assertThat(checked).as("references to stand-in members found in the plugin's classes").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    // ---- rendering a stand-in in the file's javap-like form ----

    private static List<String> compareType(Class<?> c, Line line) {
        List<String> problems = new ArrayList<>();
        String d = line.declaration();
        String head = d;
        String extendsPart = null;
        String implementsPart = null;
        int ext = topLevel(d, " extends ");
        int imp = topLevel(d, " implements ");
        if (imp >= 0) {
            implementsPart = d.substring(imp + " implements ".length());
            head = d.substring(0, imp);
        }
        if (ext >= 0) {
            extendsPart = head.substring(ext + " extends ".length());
            head = head.substring(0, ext);
        }
        String kind = c.isAnnotation() ? "@interface" : c.isInterface() ? "interface" : c.isEnum() ? "enum" : "class";
        // An enum is final or not by whether its constants have bodies: not a difference a caller can see.
        int mods = c.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
                | (c.isEnum() ? 0 : Modifier.FINAL) | (c.isInterface() || c.isEnum() ? 0 : Modifier.ABSTRACT));
        String ownHead = (Modifier.toString(mods) + " " + kind + " " + c.getName() + typeParameters(c.getTypeParameters()))
                .trim();
        if (c.isEnum()) {
            head = head.replaceAll("\\s*\\(constants [^)]*\\)", "");
            implementsPart = implementsPart == null ? null : implementsPart.replaceAll("\\s*\\(constants [^)]*\\)", "");
        }
        if (!ownHead.equals(normalize(head))) {
            problems.add(c.getName() + ": the stand-in is '" + ownHead + "', upstream '" + normalize(head) + "' (line "
                    + line.number() + ")");
        }
        List<String> upstreamInterfaces = new ArrayList<>();
        String upstreamSuper = "java.lang.Object";
        if (c.isInterface()) {
            upstreamInterfaces.addAll(split(extendsPart));
        } else {
            if (extendsPart != null) {
                upstreamSuper = extendsPart.trim();
            }
            upstreamInterfaces.addAll(split(implementsPart));
        }
        if (!c.isInterface() && !c.isEnum()) {
            String ownSuper = c.getGenericSuperclass().getTypeName();
            // Leaving out an upstream superclass is allowed (the stand-in then has fewer members); a different one is not.
            if (!ownSuper.equals(upstreamSuper) && !ownSuper.equals("java.lang.Object")) {
                problems.add(c.getName() + ": extends " + ownSuper + ", upstream " + upstreamSuper);
            }
        }
        for (Type i : c.getGenericInterfaces()) {
            String name = i.getTypeName();
            if (c.isAnnotation() && name.equals("java.lang.annotation.Annotation")) {
                continue;
            }
            if (!upstreamInterfaces.contains(name) && !upstreamInterfaces.contains(SUPERTYPE_OF.get(name))) {
                problems.add(c.getName() + ": implements " + name + ", upstream " + upstreamInterfaces);
            }
        }
        return problems;
    }

    static String declaration(Class<?> owner, Member member) {
        int mods = member.getModifiers() & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT);
        String modifiers = Modifier.toString(mods);
        if (member instanceof Method m && m.isDefault()) {
            modifiers = modifiers + " default";
        }
        if (member instanceof Field f) {
            return (modifiers + " " + f.getGenericType().getTypeName() + " " + f.getName()).trim();
        }
        Executable e = (Executable) member;
        StringBuilder s = new StringBuilder(modifiers);
        String typeParameters = typeParameters(e.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            s.append(' ').append(typeParameters);
        }
        if (e instanceof Method m) {
            s.append(' ').append(m.getGenericReturnType().getTypeName()).append(' ').append(m.getName());
        } else {
            s.append(' ').append(owner.getName());
        }
        Type[] params = e.getGenericParameterTypes();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            String t = params[i].getTypeName();
            if (e.isVarArgs() && i == params.length - 1) {
                t = params[i] instanceof GenericArrayType g ? g.getGenericComponentType().getTypeName() + "..."
                        : t.substring(0, t.length() - 2) + "...";
            }
            names.add(t);
        }
        s.append('(').append(String.join(", ", names)).append(')');
        Type[] exceptions = e.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            s.append(" throws ").append(Arrays.stream(exceptions).map(Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return s.toString().trim();
    }

    /** A line's declaration without what the comparison leaves out: synchronized and transient, annotation defaults. */
    static String normalize(String declaration) {
        return declaration.replaceAll("\\b(synchronized|transient|native) ", "").replaceAll("\\) default .*$", ")")
                .replaceAll("\\s+", " ").trim();
    }

    private static String name(Member member) {
        return member instanceof Constructor<?> c ? c.getDeclaringClass().getName() : member.getName();
    }

    private static Set<String> nullness(Member member, ClassFileAnnotations cf) {
        Set<String> out = new TreeSet<>();
        String target;
        if (member instanceof Field f) {
            target = "field " + f.getName();
        } else {
            Executable e = (Executable) member;
            target = "method " + (e instanceof Constructor ? "<init>" : e.getName()) + " " + descriptor(e);
        }
        cf.byTarget.forEach((t, types) -> {
            if (t.equals(target) || t.startsWith(target + " param")) {
                String where = t.equals(target) ? (member instanceof Field ? "field" : "return")
                        : t.substring(target.length() + 1);
                for (String type : types) {
                    String simple = type.substring(type.lastIndexOf('.') + 1);
                    if (NULLNESS.contains(simple)) {
                        out.add(where + " @" + simple);
                    }
                }
            }
        });
        return out;
    }

    private static String descriptor(Executable e) {
        StringBuilder s = new StringBuilder("(");
        for (Class<?> p : e.getParameterTypes()) {
            s.append(p.descriptorString());
        }
        s.append(')').append(e instanceof Method m ? m.getReturnType().descriptorString() : "V");
        return s.toString();
    }

    private static String typeParameters(TypeVariable<?>[] variables) {
        if (variables.length == 0) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (TypeVariable<?> v : variables) {
            List<String> bounds = Arrays.stream(v.getBounds()).map(Type::getTypeName)
                    .filter(b -> !b.equals("java.lang.Object")).toList();
            out.add(bounds.isEmpty() ? v.getName() : v.getName() + " extends " + String.join(" & ", bounds));
        }
        return "<" + String.join(", ", out) + ">";
    }

    private static boolean sameValue(Object value, String upstreamText) {
        if (value instanceof Number n) {
            return n.doubleValue() == Double.parseDouble(upstreamText.trim());
        }
        if (value instanceof Enum<?> e) {
            return e.name().equals(upstreamText.trim().replaceAll("^.*\\.", ""));
        }
        if (value instanceof String text && upstreamText.trim().startsWith("\"")) {
            return ("\"" + text + "\"").equals(upstreamText.trim()); // a String default, as the source writes it
        }
        return String.valueOf(value).equals(upstreamText.trim());
    }

    /** The class whose declaration the JVM would link a reference to, walking superclasses and interfaces. */
    private static Class<?> declaringClass(Class<?> owner, String name, String descriptor) {
        if (owner == null) {
            return null;
        }
        if (name.equals("<init>")) {
            return owner;
        }
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(name) && descriptor(m).equals(descriptor)) {
                return owner;
            }
        }
        for (Field f : owner.getDeclaredFields()) {
            if (f.getName().equals(name) && f.getType().descriptorString().equals(descriptor)) {
                return owner;
            }
        }
        Class<?> found = declaringClass(owner.getSuperclass(), name, descriptor);
        if (found != null) {
            return found;
        }
        for (Class<?> i : owner.getInterfaces()) {
            found = declaringClass(i, name, descriptor);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static int topLevel(String s, String token) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0 && s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(list.substring(start).trim());
        return out;
    }

    private static ClassFileAnnotations classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            assertThat(in).as(c.getName() + " class file").isNotNull();
            return ClassFileAnnotations.read(in);
        }
    }

    private static List<Class<?>> standInClasses() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        for (Path f : StandInsTest.standIns()) {
            out.add(Class.forName(StandInsTest.fqn(f)));
        }
        return out;
    }
}
