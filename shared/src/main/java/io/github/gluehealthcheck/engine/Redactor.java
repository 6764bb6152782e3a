package io.github.gluehealthcheck.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks known secret values before text is printed or written. The engine never formats a secret itself; this
 * guards what it passes on from elsewhere, such as a job's own log lines or a setting's JSON text.
 *
 * <p>What it finds, for each secret of at least {@value #MIN_LENGTH} characters, in any letter case: the value;
 * the value JSON-escaped; reversed; URL-encoded (form and {@code %20} style); hex of its UTF-8 bytes; its base64
 * (standard and URL-safe alphabets, with or without padding) at each of the three byte alignments it can have
 * inside a longer base64 text; and any of these with line breaks between its characters (a value wrapped or split
 * over lines of one text). Encoded forms that would be shorter than {@value #MIN_ENCODED} characters are left
 * out: they match ordinary text. A value split over two consecutive log events of one stream is found by
 * {@link io.github.gluehealthcheck.engine.logs.HeldLogEvents}, which masks each event joined with the next. What it
 * cannot find: other encodings or transformations (encryption, hashing, gzip, a value spread over three or more log
 * events, or over events of different streams), and values shorter than {@value #MIN_LENGTH} characters.
 */
public final class Redactor {
    /** Masks nothing. */
    public static final Redactor NONE = new Redactor(List.of(), null);
    static final int MIN_LENGTH = 4;
    static final int MIN_ENCODED = 6;
    private static final String MASK = "****";

    private final List<String> secrets;
    private final Pattern pattern;

    private Redactor(List<String> secrets, Pattern pattern) {
        this.secrets = secrets;
        this.pattern = pattern;
    }

    public static Redactor of(Collection<String> secrets) {
        Set<String> kept = new LinkedHashSet<>();
        Set<String> needles = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_LENGTH) {
                continue;
            }
            kept.add(s);
            needles.add(s);
            // A secret inside JSON text (an arguments setting printed at debug level) is escaped there.
            needles.add(jsonEscaped(s));
            needles.add(new StringBuilder(s).reverse().toString());
            addEncoded(needles, URLEncoder.encode(s, StandardCharsets.UTF_8));
            addEncoded(needles, URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            addEncoded(needles, HexFormat.of().formatHex(bytes));
            addEncoded(needles, Base64.getEncoder().encodeToString(bytes));
            addEncoded(needles, Base64.getUrlEncoder().encodeToString(bytes));
            for (int offset = 0; offset < 3; offset++) {
                addEncoded(needles, base64At(Base64.getEncoder(), bytes, offset));
                addEncoded(needles, base64At(Base64.getUrlEncoder(), bytes, offset));
            }
        }
        if (needles.isEmpty()) {
            return NONE;
        }
        // Longest first, so a secret containing another is masked whole.
        List<String> ordered = new ArrayList<>(needles);
        ordered.sort(Comparator.comparingInt(String::length).reversed());
        StringBuilder regex = new StringBuilder();
        for (String n : ordered) {
            if (!regex.isEmpty()) {
                regex.append('|');
            }
            regex.append(wrappable(n));
        }
        return new Redactor(List.copyOf(kept),
                Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /**
     * The base64 characters that depend on the secret alone when it starts {@code offset} bytes into a longer
     * encoded text: the characters that also carry bits of the bytes before or after it are left off, and so is
     * padding (the whole value's encoding, padded, is the offset-0 case plus its padding).
     */
    private static String base64At(Base64.Encoder encoder, byte[] secret, int offset) {
        byte[] shifted = new byte[offset + secret.length];
        System.arraycopy(secret, 0, shifted, offset, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        int first = (8 * offset + 5) / 6;
        int end = 8 * (offset + secret.length) / 6;
        return end > first ? encoded.substring(first, end) : "";
    }

    private static void addEncoded(Set<String> needles, String form) {
        if (form.length() >= MIN_ENCODED) {
            needles.add(form);
        }
    }

    /** The needle as a regular expression that also matches it with line breaks between its characters. */
    private static String wrappable(String needle) {
        StringBuilder b = new StringBuilder();
        int[] cps = needle.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
            if (i > 0) {
                b.append("(?:\\r?\\n)?");
            }
            b.append(Pattern.quote(new String(Character.toChars(cps[i]))));
        }
        return b.toString();
    }

    /** A redactor masking this one's secrets and {@code more}. */
    public Redactor with(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return of(all);
    }

    public String mask(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? m.replaceAll(MASK) : text;
    }

    /** The positions of {@code text} that {@link #mask} would replace: every character of every match. */
    public java.util.BitSet maskedChars(String text) {
        java.util.BitSet masked = new java.util.BitSet();
        if (text == null || pattern == null) {
            return masked;
        }
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            masked.set(m.start(), m.end());
        }
        return masked;
    }

    /** {@code text} with each run of positions set in {@code masked} replaced by the mask. */
    public static String apply(String text, java.util.BitSet masked) {
        if (masked.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = masked.nextSetBit(i);
            if (start < 0 || start >= text.length()) {
                b.append(text, i, text.length());
                break;
            }
            b.append(text, i, start).append(MASK);
            i = Math.min(masked.nextClearBit(start), text.length());
        }
        return b.toString();
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
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    public boolean isEmpty() {
        return pattern == null;
    }
}
