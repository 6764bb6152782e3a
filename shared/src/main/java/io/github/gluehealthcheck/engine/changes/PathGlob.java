package io.github.gluehealthcheck.engine.changes;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A job's {@code paths} entry: a glob of workspace files, matched against the workspace-relative paths git reports
 * ({@code /} separated). {@code *} and {@code ?} stay within a directory, {@code **} crosses directories ({@code **}/
 * also matches no directory at all, as in git and most CIs' path filters), {@code [abc]} and {@code [!abc]} are
 * character classes, {@code {a,b}} alternatives, and a trailing {@code /} means everything under that directory.
 * Anchored at the workspace root: {@code lib/*.py} does not match {@code jobs/lib/x.py}.
 */
public final class PathGlob {
    private final String glob;
    private final Pattern pattern;

    private PathGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /**
     * What is wrong with a glob, in words that follow its setting's name, or empty when it is fine: it must name
     * files inside the workspace, on one line, with its brackets and braces closed.
     */
    public static Optional<String> problem(String glob) {
        if (glob == null || glob.isBlank()) {
            return Optional.of("has an empty entry; give globs of workspace files such as lib/**/*.py");
        }
        String g = glob.trim();
        if (g.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of("'" + g.replaceAll("\\p{Cntrl}", "?") + "' contains a control character");
        }
        if (g.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            return Optional.of("'" + g + "' is a URI; paths are globs of files in the workspace (a script in S3 is "
                    + "always checked)");
        }
        if (g.startsWith("/") || g.indexOf('\\') >= 0 || g.matches("^[a-zA-Z]:.*")) {
            return Optional.of("'" + g + "' is not relative to the workspace; write it like lib/**/*.py, with '/'");
        }
        for (String segment : g.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("'" + g + "' leaves the workspace ('..'); name files inside it");
            }
        }
        try {
            compile(g);
        } catch (IllegalArgumentException e) {
            return Optional.of("'" + g + "' " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * A glob that {@link #problem} accepts.
     *
     * @throws IllegalArgumentException for one it refuses
     */
    public static PathGlob of(String glob) {
        Optional<String> problem = problem(glob);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        String g = glob.trim();
        return new PathGlob(g, compile(g));
    }

    /** True when the workspace-relative path (with {@code /}) matches. */
    public boolean matches(String relativePath) {
        String p = relativePath.startsWith("./") ? relativePath.substring(2) : relativePath;
        return pattern.matcher(p).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    private static Pattern compile(String glob) {
        String g = glob.startsWith("./") ? glob.substring(2) : glob;
        if (g.endsWith("/")) {
            g = g + "**";
        }
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean twice = i + 1 < g.length() && g.charAt(i + 1) == '*';
                    if (!twice) {
                        re.append("[^/]*");
                        break;
                    }
                    boolean atStart = i == 0 || g.charAt(i - 1) == '/';
                    boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                    if (atStart && slashAfter) {
                        re.append("(?:.*/)?"); // "**/": any directories, or none
                        i += 2;
                    } else {
                        re.append(".*");
                        i += 1;
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = g.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("has a '[' without its ']'");
                    }
                    String body = g.substring(i + 1, end);
                    boolean negate = body.startsWith("!") || body.startsWith("^");
                    if (negate) {
                        body = body.substring(1);
                    }
                    if (body.isEmpty() || body.contains("/")) {
                        throw new IllegalArgumentException("has an empty character class or one with '/'");
                    }
                    re.append('[').append(negate ? "^/" : "");
                    for (char k : body.toCharArray()) {
                        re.append(k == '-' ? "-" : Character.isLetterOrDigit(k) ? String.valueOf(k) : "\\" + k);
                    }
                    re.append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("has a '}' without its '{'");
                    }
                    braces--;
                    re.append(')');
                }
                case ']' -> throw new IllegalArgumentException("has a ']' without its '['");
                default -> re.append(Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("has a '{' without its '}'");
        }
        return Pattern.compile(re.toString());
    }
}
