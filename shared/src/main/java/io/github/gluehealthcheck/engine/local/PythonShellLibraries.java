package io.github.gluehealthcheck.engine.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libraries Glue's Python shell provides (the data file {@code python-shell-libraries.txt}, each line citing
 * Glue's documentation), and what a local run that failed on a missing one means: not a failed job, a job this
 * machine cannot judge.
 */
final class PythonShellLibraries {

    private static final String RESOURCE = "python-shell-libraries.txt";
    private static final Pattern MISSING_MODULE =
            Pattern.compile("(?:ModuleNotFoundError|ImportError): No module named '?([A-Za-z_][A-Za-z0-9_.]*)'?");
    /** Where a requirement's name ends: version specifiers, extras, markers, pip options. */
    private static final Pattern NAME_END = Pattern.compile("[=<>!~\\[;@ ]");

    /** Import names by "python version/library set", and package names to import names (scikit-learn: sklearn). */
    private static final Map<String, Set<String>> PROVIDED = new HashMap<>();
    private static final Map<String, String> IMPORT_NAMES = new HashMap<>();

    static {
        try (InputStream in = PythonShellLibraries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (f.length != 5 || !f[4].startsWith("https://docs.aws.amazon.com/")) {
                    throw new IllegalStateException(RESOURCE + ": a line needs python version, library set, import"
                            + " name, package name and its Glue documentation page: " + line);
                }
                PROVIDED.computeIfAbsent(f[0] + "/" + f[1], k -> new HashSet<>()).add(f[2]);
                IMPORT_NAMES.put(normalise(f[3]), f[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PythonShellLibraries() {
    }

    /** The import names Glue provides to a Python shell job of this Python version and library set. */
    static Set<String> provided(String pythonVersion, String librarySet) {
        String version = pythonVersion == null || pythonVersion.equals("3") ? "3.6" : pythonVersion;
        String set = version.equals("3.6") ? "-"
                : librarySet == null || librarySet.isBlank() ? "analytics" : librarySet.trim().toLowerCase(Locale.ROOT);
        return Set.copyOf(PROVIDED.getOrDefault(version + "/" + set, Set.of()));
    }

    /** The top-level module of the last "No module named ..." line, or null. */
    static String missingModule(List<String> stderrLines) {
        String missing = null;
        for (String line : stderrLines) {
            Matcher m = MISSING_MODULE.matcher(line);
            if (m.find()) {
                String name = m.group(1);
                int dot = name.indexOf('.');
                missing = dot < 0 ? name : name.substring(0, dot);
            }
        }
        return missing;
    }

    /**
     * Why a failed local Python shell run cannot be trusted, in the words every report shows, or null when the
     * failure is real: the script needs a module Glue would provide (its Python shell library set, or the job's
     * {@code --additional-python-modules}) and the local Python lacks it.
     */
    static String notCheckedReason(GlueJob job, Map<String, String> runArguments, List<String> stderrLines) {
        String module = missingModule(stderrLines);
        if (module == null) {
            return null;
        }
        Map<String, String> args = GlueJob.overlay(job.defaultArguments, runArguments);
        String pythonVersion = job.definition.path("Command").path("PythonVersion").asText(null);
        if (provided(pythonVersion, args.get("library-set")).contains(module)) {
            return LocalAwsEndpoint.NOT_CHECKED_LOCALLY + "needs " + module
                    + ", which Glue's Python shell provides; install it here or check on AWS";
        }
        if (additionalModules(args.get("--additional-python-modules")).contains(module.toLowerCase(Locale.ROOT))) {
            return LocalAwsEndpoint.NOT_CHECKED_LOCALLY + "needs " + module
                    + ", which Glue installs from additional_python_modules; install it here or check on AWS";
        }
        return null;
    }

    /** Import names (lower case) of an {@code --additional-python-modules} value such as "scikit-learn==1.1,pyyaml". */
    static Set<String> additionalModules(String value) {
        Set<String> names = new HashSet<>();
        if (value == null) {
            return names;
        }
        for (String requirement : value.split(",")) {
            String r = requirement.trim();
            Matcher end = NAME_END.matcher(r);
            String name = normalise(end.find() ? r.substring(0, end.start()) : r);
            if (!name.isEmpty()) {
                names.add(IMPORT_NAMES.getOrDefault(name, name).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** A package name as pip compares them, with "-" and "." as "_" so it reads as an import name. */
    private static String normalise(String packageName) {
        return packageName.trim().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
    }

    /** Why a local run cannot even start: there is no Python here. */
    static String noPython(String executable, String detail) {
        return LocalAwsEndpoint.NOT_CHECKED_LOCALLY + "needs " + executable + " (Glue's Python shell runs Python 3.9),"
                + " which could not be started here (" + detail + "); install it here or check on AWS";
    }
}
