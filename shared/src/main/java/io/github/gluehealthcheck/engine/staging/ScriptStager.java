package io.github.gluehealthcheck.engine.staging;

import io.github.gluehealthcheck.engine.aws.AwsFailure;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.engine.spec.CheckSpec;
import io.github.gluehealthcheck.engine.spec.CiContext;
import io.github.gluehealthcheck.engine.spec.S3Uri;
import io.github.gluehealthcheck.engine.spec.ScriptSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Puts the job's script where Glue can read it. An {@code s3://} script is only checked to exist (HeadObject); a
 * workspace script is uploaded under a key unique to repository, PR, build, check and content, so that two checks
 * never share (and delete) one object.
 */
public final class ScriptStager {
    /** Far above any Glue script; a larger file is not a job script and is not read into memory. */
    static final long MAX_SCRIPT_BYTES = 64L * 1024 * 1024;
    private final S3Client s3;

    public ScriptStager(S3Client s3) {
        this.s3 = s3;
    }

    /** Stages the script of {@code spec}: {@link #place} and {@link #upload}; throws the SDK's exception when S3 refuses. */
    public StagedScript stage(CheckSpec spec, CiContext context, String checkId) {
        StagedScript staged = place(spec, context, checkId);
        upload(spec, staged);
        return staged;
    }

    /**
     * Where the job's script is, or will be: an {@code s3://} script is checked to exist (HeadObject); a workspace
     * script is read and given its unique key, but not uploaded yet (see {@link #upload}).
     */
    public StagedScript place(CheckSpec spec, CiContext context, String checkId) {
        ScriptSource source = spec.script();
        if (source instanceof ScriptSource.InS3 inS3) {
            HeadObjectResponse head;
            try {
                head = s3.headObject(r -> r.bucket(inS3.uri().bucket()).key(inS3.uri().key()));
            } catch (S3Exception e) {
                if (e.statusCode() == 404) {
                    throw new ScriptNotReadableException(inS3.uri() + " does not exist");
                }
                if (e.statusCode() == 403) {
                    throw new ScriptNotReadableException(inS3.uri() + " does not exist or cannot be read (HTTP 403; "
                            + "the CI identity needs s3:GetObject on it, and S3 answers 403 for a missing object "
                            + "to callers without s3:ListBucket; see " + AwsFailure.CI_POLICY + ")");
                }
                throw e;
            }
            return new StagedScript(inS3.uri(), false, head.contentLength() == null ? -1 : head.contentLength(), null,
                    head.eTag(), head.versionId());
        }
        ScriptSource.InWorkspace file = (ScriptSource.InWorkspace) source;
        byte[] content = read(file);
        S3Uri target = spec.scriptsBucket().resolve(stagingKey(context, checkId, content, file.fileName()));
        return new StagedScript(target, true, content.length, content);
    }

    /**
     * Uploads a workspace script to the place {@link #place} gave it, with the bytes read then; nothing to do for an
     * {@code s3://} script.
     */
    public void upload(CheckSpec spec, StagedScript staged) {
        if (!staged.uploadedByUs()) {
            return;
        }
        byte[] content = staged.content() != null ? staged.content() : read((ScriptSource.InWorkspace) spec.script());
        S3Uri target = staged.location();
        s3.putObject(r -> r.bucket(target.bucket()).key(target.key()).contentType("text/x-python"),
                RequestBody.fromBytes(content));
    }

    /** The script's bytes, read through its real path, refused when a link (put there since settings were read) leads outside. */
    private static byte[] read(ScriptSource.InWorkspace file) {
        try {
            return WorkspaceFiles.read(file.workspace(), file.file(), MAX_SCRIPT_BYTES);
        } catch (WorkspaceFiles.OutsideException e) {
            throw new ScriptNotReadableException("script " + file.relativePath() + " links outside the workspace");
        } catch (IOException e) {
            throw new UncheckedIOException("script " + file.relativePath() + " cannot be read", e);
        }
    }

    /** Deletes a script this check uploaded; deleting a missing object succeeds, so this is safe to repeat. */
    public void delete(String bucket, String key) {
        s3.deleteObject(r -> r.bucket(bucket).key(key));
    }

    /** {@code <repo>/pr12/b34/<check id>-<sha256 prefix>/orders.py}. */
    static String stagingKey(CiContext context, String checkId, byte[] content, String fileName) {
        StringBuilder key = new StringBuilder(repositoryPart(context.repo()));
        key.append('/').append(context.pullRequest().map(pr -> "pr" + safe(pr))
                .orElse(context.branch().map(b -> "branch-" + safe(b)).orElse("no-pr")));
        context.buildNumber().ifPresent(b -> key.append("/b").append(safe(b)));
        key.append('/').append(checkId).append('-').append(sha256(content).substring(0, 12));
        key.append('/').append(safe(fileName));
        return key.toString();
    }

    /**
     * Whether {@code object} is a key that {@link #stagingKey} gives one of {@code repo}'s scripts under
     * {@code scriptsBucket}: the same bucket, under its prefix, then the repository's own part, then the
     * PR-or-branch, build, check and file parts. A sweeper deletes only such objects: the tag that names a staged
     * script can be written by anyone who can tag the job.
     */
    public static boolean isStagedFor(S3Uri scriptsBucket, String repo, S3Uri object) {
        if (!scriptsBucket.bucket().equals(object.bucket())) {
            return false;
        }
        String prefix = scriptsBucket.prefix();
        String repoPart = repositoryPart(repo);
        if (repoPart.isEmpty()) {
            return false;
        }
        String expected = (prefix.isEmpty() ? "" : prefix + "/") + repoPart + "/";
        String key = object.key();
        return key.startsWith(expected) && STAGED_REST.matcher(key.substring(expected.length())).matches();
    }

    /** What follows the repository in a staging key: {@code pr12/b34/<check id>-<sha256 prefix>/orders.py}. */
    private static final java.util.regex.Pattern STAGED_REST = java.util.regex.Pattern.compile(
            "(pr[^/]+|branch-[^/].*|no-pr)(/b[^/]+)?/[^/]+-[0-9a-f]{12}/[^/]+");

    /** The repository's part of every key under the scripts prefix: staged scripts and pass records. */
    public static String repositoryPart(String repo) {
        return safe(repo == null ? "" : repo);
    }

    /** Keeps keys (and the tag that records them) to characters S3 and Glue tags both accept. */
    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._/=+@-]+", "-").replaceAll("/{2,}", "/").replaceAll("^[/.]+", "");
    }

    /** The SHA-256 of {@code content} in lower-case hex: the staging key's part, and the reuse fingerprint's hash. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
