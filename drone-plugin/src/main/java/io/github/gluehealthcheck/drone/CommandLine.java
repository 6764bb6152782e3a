package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.settings.Suggestions;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line: what to do, and the settings given as flags. Every setting is a flag named after it in
 * kebab-case ({@code scripts_bucket} is {@code --scripts-bucket}), written {@code --name value} or
 * {@code --name=value}; a boolean flag alone means true. The value of a non-boolean flag is always the next word,
 * even when it starts with {@code --} (as {@code --health-check-argument --health_check=true} needs).
 *
 * @param command  what to do
 * @param flags    settings given as flags, as written (text)
 * @param rest     the arguments of a subcommand ({@code local-endpoint})
 * @param problems what cannot be understood, one line each naming the flag; reported together with the problems
 *                 of the settings, so that a user fixes them all in one round
 */
record CommandLine(Command command, Map<Setting, String> flags, List<String> rest, List<String> problems) {

    /** What the program is asked to do. */
    enum Command {
        CHECK, HELP, VERSION, LOCAL_ENDPOINT, TRAIN
    }

    static final String LOCAL_ENDPOINT = "local-endpoint";
    static final String TRAIN = "train";
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "1", "0");

    /**
     * Whether these arguments ask for a health check (not help, the version or the local endpoint; {@code train} is
     * one), judged without parsing them, at the very start: the only use is starting the SDK warm-up early.
     */
    static boolean isCheck(String... args) {
        if (args.length > 0 && LOCAL_ENDPOINT.equals(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.startsWith("--dry-run")) {
                return false;
            }
        }
        return true;
    }

    static CommandLine parse(String... args) {
        if (args.length > 0 && LOCAL_ENDPOINT.equals(args[0])) {
            return new CommandLine(Command.LOCAL_ENDPOINT, Map.of(), List.of(Arrays.copyOfRange(args, 1, args.length)),
                    List.of());
        }
        if (args.length > 0 && TRAIN.equals(args[0])) {
            return new CommandLine(Command.TRAIN, Map.of(), List.of(), args.length == 1 ? List.of()
                    : List.of("'" + args[1] + "': unexpected argument; train takes none (see --help)"));
        }
        Map<Setting, String> flags = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Command command = Command.CHECK;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                command = Command.HELP;
                continue;
            }
            if (arg.equals("--version")) {
                command = command == Command.HELP ? command : Command.VERSION;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                problems.add("'" + arg + "': unexpected argument; settings are flags such as --script jobs/x.py (see --help)");
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
            Setting setting = Setting.byName(name).orElse(null);
            if (setting == null) {
                problems.add("--" + name + ": is not an option"
                        + Suggestions.closestSetting(name).map(s -> " (did you mean " + s.flag() + "?)").orElse("")
                        + "; see --help");
                if (eq < 0 && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    i++; // its value, so it is not reported as a stray argument too
                }
                continue;
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (setting.kind() == Setting.Kind.BOOLEAN) {
                boolean explicit = i + 1 < args.length && BOOLEAN_WORDS.contains(args[i + 1].toLowerCase(Locale.ROOT));
                value = explicit ? args[++i] : "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                problems.add(setting.flag() + ": needs a value");
                continue;
            }
            if (flags.containsKey(setting)) {
                problems.add(setting.flag() + ": is given more than once; give one value"
                        + (setting.kind() == Setting.Kind.LIST || setting.kind() == Setting.Kind.MAP
                                ? " (a comma list or JSON)" : ""));
                continue;
            }
            flags.put(setting, value);
        }
        return new CommandLine(command, flags, List.of(), List.copyOf(problems));
    }
}
