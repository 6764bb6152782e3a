package io.github.gluehealthcheck.drone;

import java.util.Map;

/**
 * ANSI colour, only where it is shown as colour: a terminal, or the log viewers of Drone, Woodpecker and Harness
 * (they render ANSI). {@code NO_COLOR} turns it off everywhere, {@code FORCE_COLOR} or {@code CLICOLOR_FORCE} on;
 * a pipe or a file gets plain text.
 */
record Style(boolean ansi) {
    static final Style PLAIN = new Style(false);

    static Style detect(Map<String, String> env, boolean inCi) {
        if (set(env, "NO_COLOR")) {
            return PLAIN;
        }
        if ((set(env, "FORCE_COLOR") && !"0".equals(env.get("FORCE_COLOR"))) || (set(env, "CLICOLOR_FORCE")
                && !"0".equals(env.get("CLICOLOR_FORCE")))) {
            return new Style(true);
        }
        if ("dumb".equals(env.get("TERM"))) {
            return PLAIN;
        }
        return new Style(inCi || System.console() != null);
    }

    private static boolean set(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isEmpty();
    }

    String green(String s) {
        return paint("32", s);
    }

    String red(String s) {
        return paint("31", s);
    }

    String yellow(String s) {
        return paint("33", s);
    }

    String bold(String s) {
        return paint("1", s);
    }

    String dim(String s) {
        return paint("2", s);
    }

    private String paint(String code, String s) {
        return ansi ? "\u001B[" + code + "m" + s + "\u001B[0m" : s;
    }
}
