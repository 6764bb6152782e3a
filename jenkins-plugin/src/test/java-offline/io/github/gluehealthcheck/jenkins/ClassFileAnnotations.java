package io.github.gluehealthcheck.jenkins;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what reflection cannot see in a class file: SpotBugs' nullness annotations have CLASS retention, so they are
 * only in the {@code RuntimeInvisible*Annotations} attributes. Also lists the members a class refers to (its
 * constant pool's field and method references), which is how the plugin's use of a Jenkins member is found. Only
 * the parts of the class file format (JVMS chapter 4) these two need are read.
 */
final class ClassFileAnnotations {

    /** A member reference from the constant pool: owner in binary name form ({@code hudson.FilePath}). */
    record Reference(String owner, String name, String descriptor) {
    }

    /** Annotation type names (e.g. {@code edu.umd.cs.findbugs.annotations.NonNull}) by target. */
    final Map<String, Set<String>> byTarget = new HashMap<>();
    final List<Reference> references = new ArrayList<>();

    private ClassFileAnnotations() {
    }

    /**
     * Reads one class file. Targets are {@code field NAME}, {@code method NAME DESCRIPTOR} (annotations on the
     * method, that is on its return value) and {@code method NAME DESCRIPTOR paramN}.
     */
    static ClassFileAnnotations read(InputStream classFile) throws IOException {
        ClassFileAnnotations out = new ClassFileAnnotations();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile.readAllBytes()));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        Object[] pool = new Object[count];
        int[][] refs = new int[count][];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> pool[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7, 8, 16, 19, 20 -> pool[i] = in.readUnsignedShort(); // Class, String, MethodType, Module, Package
                case 9, 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()}; // NameAndType
                case 17, 18 -> in.readInt();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (refs[i] != null) {
                String owner = ((String) pool[(Integer) pool[refs[i][0]]]).replace('/', '.');
                int[] nameAndType = (int[]) pool[refs[i][1]];
                out.references.add(new Reference(owner, (String) pool[nameAndType[0]], (String) pool[nameAndType[1]]));
            }
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        int interfaces = in.readUnsignedShort();
        for (int i = 0; i < interfaces; i++) {
            in.readUnsignedShort();
        }
        for (String kind : List.of("field", "method")) {
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                in.readUnsignedShort();
                String name = (String) pool[in.readUnsignedShort()];
                String descriptor = (String) pool[in.readUnsignedShort()];
                String target = kind.equals("field") ? "field " + name : "method " + name + " " + descriptor;
                out.attributes(in, pool, target);
            }
        }
        return out;
    }

    private void attributes(DataInputStream in, Object[] pool, String target) throws IOException {
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String name = (String) pool[in.readUnsignedShort()];
            int length = in.readInt();
            switch (name) {
                case "RuntimeVisibleAnnotations", "RuntimeInvisibleAnnotations" -> {
                    int n = in.readUnsignedShort();
                    for (int i = 0; i < n; i++) {
                        add(target, annotation(in, pool));
                    }
                }
                case "RuntimeVisibleParameterAnnotations", "RuntimeInvisibleParameterAnnotations" -> {
                    int params = in.readUnsignedByte();
                    for (int p = 0; p < params; p++) {
                        int n = in.readUnsignedShort();
                        for (int i = 0; i < n; i++) {
                            add(target + " param" + p, annotation(in, pool));
                        }
                    }
                }
                default -> in.skipNBytes(length);
            }
        }
    }

    private void add(String target, String type) {
        byTarget.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(type);
    }

    /** Reads one annotation and returns its type's name. */
    private static String annotation(DataInputStream in, Object[] pool) throws IOException {
        String descriptor = (String) pool[in.readUnsignedShort()];
        int pairs = in.readUnsignedShort();
        for (int i = 0; i < pairs; i++) {
            in.readUnsignedShort();
            elementValue(in, pool);
        }
        return descriptor.substring(1, descriptor.length() - 1).replace('/', '.');
    }

    private static void elementValue(DataInputStream in, Object[] pool) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'e' -> {
                in.readUnsignedShort();
                in.readUnsignedShort();
            }
            case '@' -> annotation(in, pool);
            case '[' -> {
                int n = in.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    elementValue(in, pool);
                }
            }
            default -> in.readUnsignedShort();
        }
    }
}
