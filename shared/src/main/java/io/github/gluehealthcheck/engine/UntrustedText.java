package io.github.gluehealthcheck.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes text that a job controls (its log lines, Glue's error message for it) safe to show: in a CI log, a report or
 * a pull request comment it must not act on the reader's terminal or renderer, nor pass for the tool's own lines.
 *
 * <p>Control characters (C0 except tab, DEL, C1) become visible escapes such as {@code \x1b}, so a clear-screen,
 * a window title or clipboard write (OSC, OSC 52) or Drone's card sequence ({@code ESC]1338;}) prints as plain
 * text; so do the Unicode line and paragraph separators, the bidirectional overrides and isolates (text that reads
 * differently than it is), unpaired surrogates and the non-characters U+FFFE/U+FFFF (not legal in XML 1.0). Line
 * breaks split the text into lines, each of which the adapter prefixes as the job's.
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    /** The text's lines (split at CR LF, LF, CR, NEL, U+2028 and U+2029), each neutralised; one empty line for empty text. */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            out.add("");
            return out;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(line.toString());
                line.setLength(0);
                continue;
            }
            i = append(line, text, i);
        }
        out.add(line.toString());
        return out;
    }

    /** The text on one line: line breaks shown as {@code \n} / {@code \r}, everything else as in {@link #lines}. */
    public static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else {
                i = append(b, text, i);
            }
        }
        return b.toString();
    }

    /** The text with its line breaks kept as {@code \n} (CR LF and lone CR included) and nothing else that acts. */
    public static String multiLine(String text) {
        return text == null ? null : String.join("\n", lines(text));
    }

    /**
     * The text for Markdown (a table cell or a paragraph of {@code summary.md}): one line; HTML's {@code < > &} as
     * entities; the characters that open emphasis, code spans, links, images, strikethrough and table cells
     * backslash-escaped; a start that would make a heading, list, quote or rule escaped too. A word that an autolink
     * extension would turn into a link (one with {@code ://}, {@code www.} or {@code @}) becomes a code span:
     * GFM finds links through backslash escapes, but never inside code.
     */
    public static String markdown(String text) {
        if (text == null) {
            return "";
        }
        String line = oneLine(text);
        StringBuilder b = new StringBuilder(line.length() + 16);
        int i = 0;
        boolean first = true;
        while (i < line.length()) {
            int end = i;
            while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
                end++;
            }
            String word = line.substring(i, end);
            if (linkLike(word)) {
                codeSpan(b, word);
            } else {
                escapeWord(b, word, first);
            }
            first &= word.isEmpty();
            if (end < line.length()) {
                b.append(line.charAt(end));
            }
            i = end + 1;
        }
        return b.toString();
    }

    private static boolean linkLike(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.contains("://") || w.contains("www.") || w.contains("@") || w.startsWith("mailto:");
    }

    /** A code span holding the word as it is: fenced by more backticks than it contains, its pipes URL-encoded. */
    private static void codeSpan(StringBuilder b, String word) {
        String w = word.replace("|", "%7C");
        int longest = 0;
        int run = 0;
        for (char c : w.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = w.startsWith("`") || w.endsWith("`");
        b.append(fence).append(pad ? " " : "").append(w).append(pad ? " " : "").append(fence);
    }

    /** Escapes a word; {@code first}: it starts the text, where a heading, list or quote marker would count. */
    private static void escapeWord(StringBuilder b, String word, boolean first) {
        boolean digitsSoFar = true;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '!', '|', '~' -> b.append('\\').append(c);
                case '.', ')' -> b.append(first && i > 0 && digitsSoFar ? "\\" + c : String.valueOf(c));
                case '#', '-', '+', '=' -> b.append(first && i == 0 ? "\\" + c : String.valueOf(c));
                default -> b.append(c);
            }
            digitsSoFar &= Character.isDigit(c);
        }
    }

    /** Appends the character at {@code i} (and its low surrogate) or its visible escape; returns the last index used. */
    private static int append(StringBuilder b, String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            b.append(c).append(text.charAt(i + 1));
            return i + 1;
        }
        if (c == '\t') {
            b.append(c);
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
        } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF' || c == '\u2028' || c == '\u2029'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
            b.append(c);
        }
        return i;
    }
}
