package io.github.gluehealthcheck.engine.local;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A small writer of the XML that S3 and STS answer with; every text and attribute is escaped. */
final class Xml {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final StringBuilder out;

    /** A document, starting with the XML declaration. */
    Xml() {
        out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    private Xml(StringBuilder out) {
        this.out = out;
    }

    /** A piece to put inside another document. */
    static Xml fragment() {
        return new Xml(new StringBuilder());
    }

    Xml start(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml start(String name, String xmlns) {
        out.append('<').append(name).append(" xmlns=\"").append(escape(xmlns)).append("\">");
        return this;
    }

    Xml end(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when text is null. */
    Xml element(String name, Object text) {
        if (text != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(text))).append("</")
                    .append(name).append('>');
        }
        return this;
    }

    /** Escaped text inside the current element. */
    Xml text(String text) {
        out.append(escape(text));
        return this;
    }

    Xml element(String name, Instant time) {
        return element(name, time == null ? null : ISO_MILLIS.format(time));
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#13;");
                default -> {
                    // XML 1.0 cannot carry other control characters at all, escaped or not.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
