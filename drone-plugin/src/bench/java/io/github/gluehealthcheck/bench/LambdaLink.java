package io.github.gluehealthcheck.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;

/**
 * What linking a lambda call site costs a fresh JVM, apart from the SDK: a generated class whose {@code main} links
 * {@code pairs} getter/setter pairs of non-capturing lambdas, as each field of an AWS SDK model class does when the
 * class initialises ({@code SdkField}'s getter and setter), and prints {@code linked <call sites> <nanoseconds>}.
 * Built once into a jar, because a class-data archive keeps no class of a directory.
 */
final class LambdaLink {
    static final String MAIN_CLASS = "Linked";

    private LambdaLink() {
    }

    /** Writes, compiles and jars the class; returns the jar. */
    static Path build(Path dir, int pairs) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        StringBuilder b = new StringBuilder("import java.util.function.BiConsumer;\nimport java.util.function.Function;\n\n"
                + "public final class " + MAIN_CLASS + " {\n    private Object value;\n\n");
        for (int i = 0; i < pairs; i++) {
            b.append("    static Object pair").append(i).append("() {\n")
                    .append("        Function<").append(MAIN_CLASS).append(", Object> get = o -> o.value;\n")
                    .append("        BiConsumer<").append(MAIN_CLASS).append(", Object> set = (o, v) -> o.value = v;\n")
                    .append("        return get == null ? set : get;\n    }\n\n");
        }
        b.append("    public static void main(String[] args) {\n        long began = System.nanoTime();\n");
        for (int i = 0; i < pairs; i++) {
            b.append("        pair").append(i).append("();\n");
        }
        b.append("        System.out.println(\"linked ").append(2 * pairs)
                .append(" \" + (System.nanoTime() - began));\n    }\n}\n");
        Path file = src.resolve(MAIN_CLASS + ".java");
        Files.writeString(file, b, StandardCharsets.UTF_8);
        tool("javac", "-d", classes.toString(), file.toString());
        Path jar = dir.resolve("linked.jar");
        Files.deleteIfExists(jar);
        tool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
        return jar;
    }

    private static void tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException("no " + name + " in this JDK"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        if (tool.run(print, print, args) != 0) {
            throw new IllegalStateException(name + " failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }
}
