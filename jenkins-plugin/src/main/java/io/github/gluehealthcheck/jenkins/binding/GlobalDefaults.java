package io.github.gluehealthcheck.jenkins.binding;

import io.github.gluehealthcheck.engine.settings.ConfigFile;
import io.github.gluehealthcheck.engine.spec.Setting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The defaults a Jenkins administrator sets once (Manage Jenkins, or JCasC under
 * {@code unclassified: glueHealthCheck:}), and where they rank: a step parameter wins, then a job's own entry and
 * the {@code .glue-health.yml} file (its {@code defaults} or top level), then the step's environment for the region
 * ({@code withAWS(region: ...)}, {@code AWS_REGION}), then these, then the built-in defaults.
 *
 * @param region             default AWS region
 * @param role               default IAM role the Glue jobs run as
 * @param scriptsBucket      default {@code s3://bucket/prefix} for staged scripts
 * @param tags               default extra tags ({@code k=v} lines or a JSON object)
 * @param namePrefix         default job name prefix
 * @param allowLocalEndpoint whether {@code endpoint: 'local'} (or any endpoint on the controller itself) may be used;
 *                           it runs Python shell job scripts with the controller's {@code python3}, so it is off unless
 *                           an administrator turns it on
 * @param allowedEndpoints   the only endpoint overrides (http(s) URLs) a step may name; empty: none
 * @param allowControllerCredentials whether a step without credentials of its own may use the controller's AWS
 *                           identity (its default chain: instance profile, pod role, profiles of its AWS config); off
 *                           unless an administrator turns it on, because every Pipeline author would act as it
 * @param credentialsId      default AWS credential (CloudBees AWS Credentials) for steps that name none
 * @param statusReadsPerSecond default status-read budget for steps that set none (protects the account's Glue API
 *                           rate); null: the engine's default. A default, not a ceiling: a step may set its own
 * @param reusePassed        default {@code reuse_passed} ({@code 7d}, {@code off}) for steps that set none: the
 *                           pipeline's value, which a {@code .glue-health.yml} may only shorten or turn off
 */
public record GlobalDefaults(String region, String role, String scriptsBucket, String tags, String namePrefix,
        boolean allowLocalEndpoint, List<String> allowedEndpoints, boolean allowControllerCredentials,
        String credentialsId, Integer statusReadsPerSecond, String reusePassed) {

    /** No defaults; the local endpoint, endpoint overrides and the controller's identity refused. */
    public static final GlobalDefaults NONE = new GlobalDefaults(null, null, null, null, null, false);

    public GlobalDefaults {
        allowedEndpoints = allowedEndpoints == null ? List.of() : List.copyOf(allowedEndpoints);
    }

    /** These defaults without a status-read budget or a {@code reuse_passed} of their own. */
    public GlobalDefaults(String region, String role, String scriptsBucket, String tags, String namePrefix,
            boolean allowLocalEndpoint, List<String> allowedEndpoints, boolean allowControllerCredentials,
            String credentialsId) {
        this(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, allowedEndpoints,
                allowControllerCredentials, credentialsId, null, null);
    }

    /** Job defaults and the local endpoint switch only; nothing else allowed. */
    public GlobalDefaults(String region, String role, String scriptsBucket, String tags, String namePrefix,
            boolean allowLocalEndpoint) {
        this(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, List.of(), false, null);
    }

    /** These defaults with {@code endpoint} added to the allowed endpoint overrides. */
    public GlobalDefaults allowingEndpoint(String endpoint) {
        List<String> more = new java.util.ArrayList<>(allowedEndpoints);
        more.add(endpoint);
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, more,
                allowControllerCredentials, credentialsId, statusReadsPerSecond, reusePassed);
    }

    /** These defaults with the local endpoint (and endpoints on the controller itself) allowed. */
    public GlobalDefaults allowingLocalEndpoint() {
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, true, allowedEndpoints,
                allowControllerCredentials, credentialsId, statusReadsPerSecond, reusePassed);
    }

    /** These defaults with the controller's own AWS identity allowed. */
    public GlobalDefaults allowingControllerCredentials() {
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, allowedEndpoints,
                true, credentialsId, statusReadsPerSecond, reusePassed);
    }

    /** These defaults with a default AWS credential. */
    public GlobalDefaults withCredentialsId(String id) {
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, allowedEndpoints,
                allowControllerCredentials, id, statusReadsPerSecond, reusePassed);
    }

    /** These defaults with a default {@code reuse_passed}. */
    public GlobalDefaults withReusePassed(String value) {
        return new GlobalDefaults(region, role, scriptsBucket, tags, namePrefix, allowLocalEndpoint, allowedEndpoints,
                allowControllerCredentials, credentialsId, statusReadsPerSecond, value);
    }

    /**
     * What a step reads after the defaults are applied.
     *
     * @param settings     the step's settings with the defaults added where nothing ranks above them
     * @param environment  the environment to read with ({@code AWS_REGION} added when the region default applies)
     * @param fromDefaults camelCase names of the settings whose value came from these defaults
     */
    public record Applied(Map<String, Object> settings, Map<String, String> environment, Set<String> fromDefaults) {
        public Applied {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
            environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
            fromDefaults = Collections.unmodifiableSet(new LinkedHashSet<>(fromDefaults));
        }
    }

    /**
     * Applies the defaults.
     *
     * @param settings    the step's settings by camelCase name
     * @param environment the step's environment
     * @param config      the step's {@code .glue-health.yml}, or null
     */
    public Applied applyTo(Map<String, Object> settings, Map<String, String> environment, ConfigFile config) {
        Map<String, Object> out = new LinkedHashMap<>(settings);
        Map<String, String> env = new LinkedHashMap<>(environment);
        Set<String> used = new LinkedHashSet<>();
        Map<String, Object> fileDefaults = config == null ? Map.of() : config.defaults();
        Map<String, Object> fileTop = config == null ? Map.of() : config.runSettings();

        jobDefault(Setting.ROLE, role, out, fileDefaults, used);
        jobDefault(Setting.SCRIPTS_BUCKET, scriptsBucket, out, fileDefaults, used);
        jobDefault(Setting.TAGS, tags, out, fileDefaults, used);
        // The administrator's reuse_passed stands where the pipeline's would: the file can only shorten it.
        if (isSet(reusePassed)) {
            stepDefault(Setting.REUSE_PASSED, reusePassed.trim(), out, used);
        }
        if (isSet(namePrefix) && !out.containsKey(Setting.NAME_PREFIX.camelCase())
                && !fileTop.containsKey(Setting.NAME_PREFIX.key())) {
            out.put(Setting.NAME_PREFIX.camelCase(), namePrefix.trim());
            used.add(Setting.NAME_PREFIX.camelCase());
        }
        // The file cannot set it (a pull request could raise it), so only the step's own value ranks above this.
        if (statusReadsPerSecond != null) {
            stepDefault(Setting.STATUS_READS_PER_SECOND, statusReadsPerSecond, out, used);
        }
        if (isSet(region) && !out.containsKey(Setting.REGION.camelCase()) && !fileTop.containsKey(Setting.REGION.key())
                && !isSet(env.get("AWS_REGION")) && !isSet(env.get("AWS_DEFAULT_REGION"))) {
            env.put("AWS_REGION", region.trim());
            used.add(Setting.REGION.camelCase());
        }
        return new Applied(out, env, used);
    }

    private static void jobDefault(Setting s, String value, Map<String, Object> out, Map<String, Object> fileDefaults,
            Set<String> used) {
        if (isSet(value) && !out.containsKey(s.camelCase()) && !fileDefaults.containsKey(s.key())) {
            out.put(s.camelCase(), value.trim());
            used.add(s.camelCase());
        }
    }

    /** A default that only the step's own value ranks above (the file cannot set or raise it). */
    private static void stepDefault(Setting s, Object value, Map<String, Object> out, Set<String> used) {
        if (!out.containsKey(s.camelCase())) {
            out.put(s.camelCase(), value);
            used.add(s.camelCase());
        }
    }

    private static boolean isSet(String s) {
        return s != null && !s.isBlank();
    }
}
