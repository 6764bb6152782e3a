package io.github.gluehealthcheck.engine.reuse;

import io.github.gluehealthcheck.engine.glue.JobDefinition;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.staging.ScriptStager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;

/**
 * The identity of a check's outcome for {@code reuse_passed}: SHA-256 over one canonical text of everything that
 * decides whether the run passes. Two checks with the same fingerprint run the same bytes the same way, so a pass of
 * one may stand for the other.
 *
 * <p>Covered, one line each (see {@link #canonical}): the engine's major version; the AWS account and region;
 * the script's SHA-256 (a workspace script) or its {@code s3://} URI with S3's ETag and version id (an S3 script);
 * the effective job definition, i.e. the CreateJob request after {@code base_job} and the settings that override
 * it (role, command name, Python version and runtime, Glue version, worker type and number or capacity, execution
 * class, timeout, retries, concurrency, default and non-overridable arguments, connections, security configuration,
 * notification delay, the user's tags) without what is unique to one check (job name, script key, description,
 * ownership tags); the run's arguments (the health-check marker); {@code max_wait}. A secret argument's value
 * enters only as a slow salted hash (PBKDF2-HMAC-SHA256, salted with the repository and the argument's name), so
 * the fingerprint, which names an S3 object, does not make a secret cheap to guess; the value itself is nowhere.
 *
 * <p>Not covered, so a reused pass cannot vouch for them: the content of other S3 objects the job reads
 * ({@code extra_py_files}, {@code extra_jars}, data), Python modules resolved at run time, and Glue itself.
 */
public final class Fingerprint {
    /** The engine's major version (0 while the version is 0.x: its minor, as semantic versioning says). */
    public static final String ENGINE_MAJOR = engineMajor();
    private static final int SECRET_ITERATIONS = 100_000;

    private final String hex;

    private Fingerprint(String hex) {
        this.hex = hex;
    }

    /** 64 lower-case hex digits. */
    public String hex() {
        return hex;
    }

    @Override
    public String toString() {
        return hex;
    }

    /**
     * The fingerprint of a check whose {@code base_job} (if any) is already copied into {@code spec}.
     *
     * @param script  what identifies the script's content: {@link #workspaceScript} or {@link #s3Script}
     * @param repo    the repository (salt of secret arguments)
     */
    public static Fingerprint of(CheckSpec spec, String script, String repo, String account, String region) {
        return new Fingerprint(ScriptStager.sha256(canonical(spec, script, repo, account, region).getBytes(StandardCharsets.UTF_8)));
    }

    /** The script line of a workspace script: its bytes' SHA-256. */
    public static String workspaceScript(byte[] content) {
        return "sha256:" + ScriptStager.sha256(content);
    }

    /** The script line of an {@code s3://} script: the URI with what S3 says identifies the object's content. */
    public static String s3Script(S3Uri uri, String eTag, String versionId) {
        return uri + " etag:" + eTag + (versionId == null ? "" : " version:" + versionId);
    }

    /** The text hashed: one {@code name=value} line each, in a fixed order; no secret value in it. */
    static String canonical(CheckSpec spec, String script, String repo, String account, String region) {
        List<String> lines = new ArrayList<>();
        lines.add("format=1");
        lines.add("engine-major=" + ENGINE_MAJOR);
        lines.add("account=" + account);
        lines.add("region=" + region);
        lines.add("script=" + script);
        CreateJobRequest job = JobDefinition.createJobRequest(spec, "-", new S3Uri("-", "-"), "", Map.of());
        lines.add("role=" + job.role());
        lines.add("command=" + job.command().name() + " python " + job.command().pythonVersion()
                + " runtime " + job.command().runtime());
        lines.add("glue-version=" + job.glueVersion());
        lines.add("worker-type=" + job.workerTypeAsString());
        lines.add("number-of-workers=" + job.numberOfWorkers());
        lines.add("max-capacity=" + job.maxCapacity());
        lines.add("execution-class=" + job.executionClassAsString());
        lines.add("timeout=" + job.timeout());
        lines.add("max-retries=" + job.maxRetries());
        lines.add("max-concurrent-runs=" + (job.executionProperty() == null ? null : job.executionProperty().maxConcurrentRuns()));
        new TreeMap<>(job.defaultArguments()).forEach((k, v) -> lines.add("default-argument " + k + "=" + v));
        if (job.hasNonOverridableArguments()) {
            new TreeMap<>(job.nonOverridableArguments()).forEach((k, v) -> lines.add("non-overridable-argument " + k + "=" + v));
        }
        if (job.connections() != null) {
            job.connections().connections().stream().sorted().forEach(c -> lines.add("connection=" + c));
        }
        lines.add("security-configuration=" + job.securityConfiguration());
        lines.add("notify-delay-after=" + (job.notificationProperty() == null ? null : job.notificationProperty().notifyDelayAfter()));
        new TreeMap<>(spec.tags()).forEach((k, v) -> lines.add("tag " + k + "=" + v));
        new TreeMap<>(JobDefinition.runArguments(spec)).forEach((k, v) -> lines.add("run-argument " + k + "="
                + (spec.secretArguments().contains(k) ? "secret:" + secretHash(repo, k, v) : v)));
        lines.add("max-wait=" + spec.maxWait().toSeconds());
        // Values may hold line breaks: each line is length-prefixed, so no two definitions give one text.
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append(l.length()).append(':').append(l).append('\n'));
        return b.toString();
    }

    /** Slow and salted: the fingerprint is an object's name, readable by whoever may list the bucket. */
    static String secretHash(String repo, String name, String value) {
        try {
            byte[] salt = ("glue-health-check reuse_passed\0" + repo + "\0" + name).getBytes(StandardCharsets.UTF_8);
            PBEKeySpec key = new PBEKeySpec(value.toCharArray(), salt, SECRET_ITERATIONS, 256);
            try {
                return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(key).getEncoded());
            } finally {
                key.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }

    private static String engineMajor() {
        Properties p = new Properties();
        try (InputStream in = Fingerprint.class.getResourceAsStream("/io/github/gluehealthcheck/engine/engine.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return major(p.getProperty("version", ""));
    }

    /** {@code 2.3.1} gives {@code 2}; {@code 0.4.0} gives {@code 0.4}; anything unreadable stands for itself. */
    static String major(String version) {
        String[] parts = version.split("[.-]");
        if (parts.length >= 2 && parts[0].equals("0")) {
            return "0." + parts[1];
        }
        return parts.length == 0 || parts[0].isEmpty() ? "unknown" : parts[0];
    }
}
