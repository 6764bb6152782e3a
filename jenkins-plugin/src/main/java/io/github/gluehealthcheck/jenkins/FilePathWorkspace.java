package io.github.gluehealthcheck.jenkins;

import hudson.FilePath;
import io.github.gluehealthcheck.jenkins.run.LocalWorkspace;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The step's workspace ({@code FilePath}). On the controller it is read in place. On an agent, the files the step
 * names (config file, job scripts) are copied to a temporary directory on the controller, where the engine runs, and
 * the reports are copied back.
 */
final class FilePathWorkspace implements WorkspaceAccess {
    private final FilePath workspace;
    private final Path localRoot;
    private final boolean copy;
    private final Set<String> tooLarge = new LinkedHashSet<>();

    private FilePathWorkspace(FilePath workspace, Path localRoot, boolean copy) {
        this.workspace = workspace;
        this.localRoot = localRoot;
        this.copy = copy;
    }

    static WorkspaceAccess of(FilePath workspace) throws IOException {
        if (!workspace.isRemote()) {
            return new FilePathWorkspace(workspace, Path.of(workspace.getRemote()).toAbsolutePath().normalize(), false);
        }
        return new FilePathWorkspace(workspace, Files.createTempDirectory("glue-health-check-ws"), true);
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
            FilePath source = workspace.child(relative);
            if (!source.exists() || source.isDirectory()) {
                continue; // the settings reader reports a file that is not here
            }
            if (source.length() > MAX_FILE_BYTES) {
                tooLarge.add(relative); // never copied: the controller would read it whole
                continue;
            }
            Path target = localRoot.resolve(relative).normalize();
            Path parent = target.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            source.copyTo(new FilePath(target.toFile()));
        }
    }

    @Override
    public Set<String> tooLarge() {
        return Set.copyOf(tooLarge);
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
        FilePath target = workspace.child(relativePath);
        FilePath parent = target.getParent(); // null only for a filesystem root, which a child path never is
        if (parent != null) {
            parent.mkdirs();
        }
        target.copyFrom(new FilePath(localFile.toFile()));
    }

    @Override
    public String describe() {
        return workspace.getRemote();
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
}
