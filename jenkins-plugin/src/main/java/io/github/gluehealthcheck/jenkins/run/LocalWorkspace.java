package io.github.gluehealthcheck.jenkins.run;

import io.github.gluehealthcheck.engine.files.WorkspaceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/** A workspace that is a directory of this machine: nothing to fetch; reports are copied into it. */
public final class LocalWorkspace implements WorkspaceAccess {
    private final Path root;

    public LocalWorkspace(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Path localRoot() {
        return root;
    }

    @Override
    public void fetch(Collection<String> relativePaths) {
        // Already local.
    }

    @Override
    public void store(Path localFile, String relativePath) throws IOException {
        if (!WorkspaceAccess.staysInside(relativePath)) {
            throw new IOException(relativePath + " is not inside the workspace");
        }
        Path target = root.resolve(relativePath).normalize();
        Path parent = target.getParent();
        if (parent != null) {
            // A directory the workspace links outside is refused, not followed.
            WorkspaceFiles.createDirectories(root, parent);
        }
        if (!localFile.toAbsolutePath().normalize().equals(target)) {
            // REPLACE_EXISTING replaces a link at the target itself, never the file it points to.
            Files.copy(localFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        // Nothing was copied.
    }
}
