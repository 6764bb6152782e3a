package io.github.gluehealthcheck.jenkins;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.github.gluehealthcheck.engine.changes.ChangeSource;
import io.github.gluehealthcheck.engine.changes.Changes;
import io.github.gluehealthcheck.engine.changes.GitChanges;
import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import io.github.gluehealthcheck.jenkins.run.LocalWorkspace;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The step's workspace ({@code FilePath}). On the controller it is read in place. On an agent, the files the step
 * names (config file, job scripts) are copied to a temporary directory on the controller, where the engine runs, and
 * the reports are copied back.
 *
 * <p>On an agent every read and write runs there, as a {@link FilePath#act} callable that resolves the path against
 * the agent's workspace with {@link WorkspaceFiles}: a file a link (committed by a pull request) leads out of the
 * workspace is neither read nor written through, as on the controller. {@code FilePath.copyTo}/{@code copyFrom} would
 * follow such links on the agent, and {@code FilePath.isDescendant} lets a dangling link to outside through (its
 * {@code NoSuchFileException} branch compares the paths lexically; jenkinsci/jenkins@jenkins-2.555.3
 * core/src/main/java/hudson/FilePath.java:3850-3858).
 */
final class FilePathWorkspace implements WorkspaceAccess {
    private final Agent agent;
    private final String where;
    private final Path localRoot;
    private final boolean copy;
    private final Set<String> tooLarge = new LinkedHashSet<>();
    private final Set<String> linksOutside = new LinkedHashSet<>();

    /** Runs a callable against the agent's workspace directory: {@link FilePath#act} (tests: a local directory). */
    interface Agent {
        <T> T act(FilePath.FileCallable<T> callable) throws IOException, InterruptedException;
    }

    private FilePathWorkspace(Agent agent, String where, Path localRoot, boolean copy) {
        this.agent = agent;
        this.where = where;
        this.localRoot = localRoot;
        this.copy = copy;
    }

    static WorkspaceAccess of(FilePath workspace) throws IOException {
        if (!workspace.isRemote()) {
            Path root = Path.of(workspace.getRemote()).toAbsolutePath().normalize();
            return new FilePathWorkspace(workspace::act, workspace.getRemote(), root, false);
        }
        return onAgent(workspace::act, workspace.getRemote());
    }

    /** A workspace on an agent that {@code agent} reaches; files are copied to a new temporary directory here. */
    static WorkspaceAccess onAgent(Agent agent, String where) throws IOException {
        return new FilePathWorkspace(agent, where, Files.createTempDirectory("glue-health-check-ws"), true);
    }

    @Override
    public Path localRoot() {
        return localRoot;
    }

    @Override
    public void fetch(Collection<String> relativePaths) throws IOException, InterruptedException {
        if (!copy) {
            return;
        }
        for (String relative : relativePaths) {
            if (!WorkspaceAccess.staysInside(relative)) {
                continue;
            }
            Fetched fetched = agent.act(new Fetch(relative, MAX_FILE_BYTES));
            switch (fetched.outcome()) {
                case TOO_LARGE -> tooLarge.add(relative); // never copied: the controller would read it whole
                case LINKS_OUTSIDE -> linksOutside.add(relative);
                case MISSING -> {
                    // the settings reader reports a file that is not here
                }
                case READ -> WorkspaceFiles.writeAtomically(localRoot, localRoot.resolve(relative).normalize(),
                        fetched.content());
            }
        }
    }

    @Override
    public Set<String> tooLarge() {
        return Set.copyOf(tooLarge);
    }

    @Override
    public Set<String> linksOutside() {
        return Set.copyOf(linksOutside);
    }

    @Override
    public void store(Path localFile, String relativePath) throws IOException, InterruptedException {
        if (!WorkspaceAccess.staysInside(relativePath)) {
            throw new IOException(relativePath + " is not inside the workspace");
        }
        if (!copy) {
            new LocalWorkspace(localRoot).store(localFile, relativePath);
            return;
        }
        // Reports are small files this step wrote; they travel whole to the agent and are written there.
        agent.act(new Store(relativePath, Files.readAllBytes(localFile)));
    }

    /**
     * Asks git on the agent, in the agent's workspace directory, with the engine's {@link GitChanges}: the copy on the
     * controller holds only the files the step names, no history. Only strings travel back ({@link Changed}). When the
     * agent cannot be asked, that is the reason every job is checked.
     */
    @Override
    public ChangeSource changes() {
        return targetBranch -> {
            try {
                return agent.act(new AskGit(targetBranch)).toChanges();
            } catch (IOException e) {
                return Changes.unknown("git could not be asked on " + where + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Changes.unknown("interrupted while git was asked on " + where);
            }
        };
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public void close() {
        if (!copy) {
            return;
        }
        try (Stream<Path> files = Files.walk(localRoot)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A temporary copy left behind is harmless; the OS cleans its temp directory.
        }
    }

    /** What {@link Fetch} found on the agent. */
    enum Outcome { READ, MISSING, TOO_LARGE, LINKS_OUTSIDE }

    /** A file's content read on the agent (only for {@link Outcome#READ}). */
    record Fetched(Outcome outcome, byte[] content) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Runs on the agent: reads {@code relative} under the workspace directory, at most {@code maxBytes}, unless it is
     * missing, not a regular file, or a link leads it (or a directory on its way) out of the workspace.
     */
    record Fetch(String relative, long maxBytes) implements ControllerToAgentFileCallable<Fetched> {
        private static final long serialVersionUID = 1L;

        @Override
        public Fetched invoke(File workspace, VirtualChannel channel) throws IOException {
            Path root = workspace.toPath().toAbsolutePath().normalize();
            Path file = root.resolve(relative).normalize();
            if (!WorkspaceFiles.isUnder(root, file) || WorkspaceFiles.linksOutside(root, file)) {
                return new Fetched(Outcome.LINKS_OUTSIDE, null);
            }
            if (!Files.isRegularFile(file)) { // a link inside the workspace is followed, as on the controller
                return new Fetched(Outcome.MISSING, null);
            }
            try {
                return new Fetched(Outcome.READ, WorkspaceFiles.read(root, file, maxBytes));
            } catch (WorkspaceFiles.TooLargeException e) {
                return new Fetched(Outcome.TOO_LARGE, null);
            } catch (WorkspaceFiles.OutsideException e) {
                return new Fetched(Outcome.LINKS_OUTSIDE, null); // a link swapped in since the check above
            }
        }
    }

    /**
     * What {@link AskGit} found, as plain strings: the changed files (workspace-relative) and what was compared, or
     * why it cannot be told (then {@code files} is null).
     */
    record Changed(String[] files, String base, String unknown) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Changed of(Changes changes) {
            return changes.isKnown() ? new Changed(changes.files().toArray(new String[0]), changes.base(), null)
                    : new Changed(null, null, changes.unknown());
        }

        Changes toChanges() {
            return files == null ? Changes.unknown(unknown) : Changes.known(Set.of(files), base);
        }
    }

    /** Runs on the agent: the engine's git comparison ({@link GitChanges}) in the workspace directory. */
    record AskGit(String targetBranch) implements ControllerToAgentFileCallable<Changed> {
        private static final long serialVersionUID = 1L;

        @Override
        public Changed invoke(File workspace, VirtualChannel channel) {
            return Changed.of(new GitChanges(workspace.toPath()).changedSince(targetBranch));
        }
    }

    /**
     * Runs on the agent: writes {@code content} to {@code relative} under the workspace directory through a new
     * temporary file renamed over it (a link there is replaced, not written through), refusing a directory on the way
     * that a link leads out of the workspace.
     */
    record Store(String relative, byte[] content) implements ControllerToAgentFileCallable<Void> {
        private static final long serialVersionUID = 1L;

        @Override
        public Void invoke(File workspace, VirtualChannel channel) throws IOException {
            Path root = workspace.toPath().toAbsolutePath().normalize();
            Path file = root.resolve(relative).normalize();
            if (!WorkspaceFiles.isUnder(root, file) || file.equals(root)) {
                throw new WorkspaceFiles.OutsideException(relative + " is outside the workspace " + root);
            }
            WorkspaceFiles.writeAtomically(root, file, content);
            return null;
        }
    }
}
