package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.changes.ChangeSource;
import io.github.gluehealthcheck.engine.changes.GitChanges;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The step's workspace as the engine needs it: a local directory holding the job scripts and the config file, and a
 * place to put the report files. The engine runs on the controller; the workspace may be on an agent, in which case
 * the files it names are copied to a directory on the controller first.
 */
public interface WorkspaceAccess extends AutoCloseable {

    /**
     * The largest config file or job script the step reads: the engine reads them whole into the controller's memory,
     * and a Pipeline must not be able to exhaust it (Glue job scripts are far smaller).
     */
    long MAX_FILE_BYTES = 10L * 1024 * 1024;

    /** The local directory the engine reads workspace paths against. */
    Path localRoot();

    /**
     * Makes these workspace-relative files available under {@link #localRoot()}. Paths that are absolute or leave the
     * workspace (also through a link), files that do not exist and files larger than {@link #MAX_FILE_BYTES} are
     * skipped: the settings reader reports them.
     */
    void fetch(Collection<String> relativePaths) throws IOException, InterruptedException;

    /** Workspace-relative files that {@link #fetch} left where they were because they are too large. */
    default java.util.Set<String> tooLarge() {
        return java.util.Set.of();
    }

    /**
     * Workspace-relative files that {@link #fetch} refused because a link leads them, or a directory on their way, out
     * of the workspace on the agent (never read there).
     */
    default java.util.Set<String> linksOutside() {
        return java.util.Set.of();
    }

    /**
     * Copies a local file into the workspace at {@code relativePath} (inside the workspace), creating directories;
     * never through a link that leads out of the workspace.
     */
    void store(Path localFile, String relativePath) throws IOException, InterruptedException;

    /**
     * What a pull request changed, asked of git where the workspace's files are ({@code changedOnly}). Here: git in
     * {@link #localRoot()}, right for a workspace that is read in place; a copy of an agent's files has no git history,
     * so {@code FilePathWorkspace} asks git on the agent instead.
     */
    default ChangeSource changes() {
        return new GitChanges(localRoot());
    }

    /** Where the workspace is, for messages. */
    String describe();

    /** Deletes local copies made by {@link #fetch}. */
    @Override
    void close();

    /**
     * True for a relative path that stays inside the directory it is resolved against, on the controller and on any
     * agent: a backslash or a drive letter ({@code ..\x.py}, {@code C:/x.py}) is refused, because a Windows agent
     * reads them as a separator and an absolute path although this (Linux) controller does not.
     */
    static boolean staysInside(String relativePath) {
        if (relativePath == null || relativePath.isBlank() || relativePath.startsWith("s3://")
                || relativePath.indexOf('\\') >= 0 || relativePath.indexOf(':') >= 0) {
            return false;
        }
        try {
            Path p = Path.of(relativePath).normalize();
            return !p.isAbsolute() && !p.startsWith("..") && !p.toString().isEmpty() && !relativePath.startsWith("/")
                    && !relativePath.startsWith("\\");
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}
