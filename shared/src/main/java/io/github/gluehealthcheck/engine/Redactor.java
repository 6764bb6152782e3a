package io.github.gluehealthcheck.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Masks known secret values (and their base64 and JSON-escaped forms) in text before it is printed or written. The
 * engine never formats a secret itself; this guards what it passes on from elsewhere, such as a job's own log
 * lines or a setting's JSON text.
 */
public final class Redactor {
    /** Masks nothing. */
    public static final Redactor NONE = new Redactor(List.of());
    private static final int MIN_LENGTH = 4;

    private final List<String> needles;

    private Redactor(List<String> needles) {
        this.needles = needles;
    }

    public static Redactor of(Collection<String> secrets) {
        List<String> needles = new ArrayList<>();
        for (String s : secrets) {
            if (s != null && s.length() >= MIN_LENGTH) {
                needles.add(s);
                // A secret inside JSON text (an arguments setting printed at debug level) is escaped there.
                String escaped = jsonEscaped(s);
                if (!escaped.equals(s)) {
                    needles.add(escaped);
                }
                needles.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
                needles.add(Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
        }
        // Longest first, so a secret containing another is masked whole.
        needles.sort(Comparator.comparingInt(String::length).reversed());
        return new Redactor(List.copyOf(needles));
    }

    /** A redactor masking this one's secrets and {@code more}. */
    public Redactor with(Collection<String> more) {
        List<String> all = new ArrayList<>(more);
        for (String n : needles) {
            all.add(n);
        }
        return of(all);
    }

    public String mask(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, "****");
            }
        }
        return out;
    }

    /** The text as a JSON string literal holds it, without the quotes. */
    private static String jsonEscaped(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public boolean isEmpty() {
        return needles.isEmpty();
    }
}
