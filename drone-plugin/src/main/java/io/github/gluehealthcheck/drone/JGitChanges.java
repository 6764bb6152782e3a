package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.changes.ChangeSource;
import io.github.gluehealthcheck.engine.changes.Changes;
import io.github.gluehealthcheck.engine.changes.GitChanges;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.IndexDiff;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.submodule.SubmoduleWalk.IgnoreSubmoduleMode;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * The engine's git comparison ({@link GitChanges}) where no git is installed, as in the plugin image (its base has
 * none and Jib cannot add one): the workspace's {@code .git} read in-process with Eclipse JGit. Same question, same
 * answers and the same words: the target branch as {@code origin/<branch>}, then {@code <branch>}; their merge base
 * with HEAD; the files that differ between it and the working tree (committed, staged, uncommitted, and untracked
 * unless ignored), relative to the workspace and only under it. JGitChangesTest holds the two to the same answers on
 * repositories the git CLI made.
 *
 * <p>JGit only reads here: no hook, no lock, nothing written. Left alone, JGit would write: the first time it meets a
 * file system it measures its timestamp resolution by writing probe files into {@code .git} (hundreds of writes), and
 * saves the figures to {@code ~/.config/jgit/config}. {@link ReadOnlySystem} gives it, instead, an in-memory JGit
 * configuration that already holds figures for every file system here (JGit's own fallback: a 2 s resolution, which
 * only makes it compare the content of recently touched files instead of trusting their timestamps), and that is
 * never saved.
 */
final class JGitChanges implements ChangeSource {
    private final Path workspace;

    JGitChanges(Path workspace) {
        this.workspace = workspace;
    }

    /**
     * How the CLI tells what changed: git from {@code PATH} when there is one (the reference, and what reads every
     * repository format), else JGit.
     */
    static ChangeSource forWorkspace(Path workspace, Map<String, String> environment) {
        return gitOnPath(environment) ? new GitChanges(workspace) : new JGitChanges(workspace);
    }

    static boolean gitOnPath(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()
                    && (Files.isExecutable(Path.of(dir, "git")) || Files.isExecutable(Path.of(dir, "git.exe")))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Changes changedSince(String target) {
        ReadOnlySystem.install();
        Path root;
        try {
            root = workspace.toRealPath();
        } catch (IOException e) {
            return GitChanges.notACheckout(workspace, "it cannot be read: " + e.getMessage());
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(root.toFile());
        if (builder.getGitDir() == null) {
            return GitChanges.notACheckout(workspace, null);
        }
        try (Repository repo = builder.setMustExist(true).build()) {
            if (repo.isBare()) {
                return GitChanges.notACheckout(workspace, null);
            }
            String extension = unknownExtension(repo);
            if (extension != null) {
                return Changes.unknown("the git checkout uses the repository extension " + extension + ", which the "
                        + "reader used where no git is installed (JGit) does not know; use an image or agent with git");
            }
            try {
                return compare(repo, root, target);
            } catch (IOException | RuntimeException e) {
                // A partial clone reads until it needs an object it left out, which only git can fetch.
                return isPartialClone(repo) ? PARTIAL_CLONE : unreadable(e);
            }
        } catch (IOException | RuntimeException e) {
            return unreadable(e);
        }
    }

    private static final Changes PARTIAL_CLONE = Changes.unknown("the checkout is a partial clone (a promisor remote) "
            + "that left out objects the comparison needs, which only git can fetch and git is not installed here; "
            + "clone without a filter (Woodpecker's plugin-git: partial: false) or use an image with git");

    /** A repository JGit cannot read (a damaged object, a format it lacks): said, and every job is checked. */
    private static Changes unreadable(Exception e) {
        return Changes.unknown("the git checkout could not be read without git (JGit: " + oneLine(e)
                + "); use an image or agent with git");
    }

    /** A clone made with --filter: git marks its remote a promisor of the objects it left out. */
    private static boolean isPartialClone(Repository repo) {
        StoredConfig config = repo.getConfig();
        return config.getString("extensions", null, "partialclone") != null
                || config.getSubsections("remote").stream()
                        .anyMatch(r -> config.getBoolean("remote", r, "promisor", false));
    }

    /**
     * An extension of a version-1 repository ({@code extensions.*} in its config) that this reader does not handle, or
     * null. git refuses to read a repository with an extension it does not know (its repository-version docs), as a
     * newer format may mean anything; JGit reads on regardless, so the check stops it here instead.
     */
    private static String unknownExtension(Repository repo) {
        StoredConfig config = repo.getConfig();
        if (config.getInt("core", null, "repositoryformatversion", 0) < 1) {
            return null; // version 0: extensions are ignored, by git too
        }
        for (String name : config.getNames("extensions")) {
            String key = name.toLowerCase(Locale.ROOT);
            String value = config.getString("extensions", null, name);
            boolean known = switch (key) {
                case "objectformat" -> value == null || value.equalsIgnoreCase("sha1");
                case "refstorage" -> "files".equalsIgnoreCase(value) || "reftable".equalsIgnoreCase(value);
                // partialclone (older git's mark of a partial clone): read until a left-out object is needed.
                case "preciousobjects", "worktreeconfig", "noop", "partialclone" -> true;
                default -> false;
            };
            if (!known) {
                return name + (value == null ? "" : " = " + value);
            }
        }
        return null;
    }

    private Changes compare(Repository repo, Path root, String target) throws IOException {
        String ref = null;
        ObjectId tip = null;
        for (String candidate : GitChanges.targetRefs(target)) {
            Ref found = Repository.isValidRefName(candidate) ? repo.exactRef(candidate) : null;
            if (found != null && found.getObjectId() != null) {
                ref = GitChanges.shortName(candidate);
                tip = found.getObjectId();
                break;
            }
        }
        if (tip == null) {
            return GitChanges.targetNotInClone(target);
        }
        ObjectId head = repo.resolve("HEAD");
        boolean shallow = !repo.getObjectDatabase().getShallowCommits().isEmpty();
        if (head == null) {
            return GitChanges.noMergeBase(ref, shallow);
        }
        RevCommit base;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(tip));
            walk.markStart(walk.parseCommit(head));
            base = walk.next();
        } catch (MissingObjectException e) {
            // History cut off without a shallow file saying where: as little history as a shallow clone.
            return GitChanges.noMergeBase(ref, true);
        }
        if (base == null) {
            return GitChanges.noMergeBase(ref, shallow);
        }
        String prefix = repo.getWorkTree().toPath().toRealPath().relativize(root).toString()
                .replace(File.separatorChar, '/');
        IndexDiff diff = new IndexDiff(repo, base.getTree(), new FileTreeIterator(repo));
        // A submodule counts when the commit it records changed, as in git diff --name-only; its own files do not.
        diff.setIgnoreSubmoduleMode(IgnoreSubmoduleMode.DIRTY);
        if (!prefix.isEmpty()) {
            diff.setFilter(PathFilter.create(prefix));
        }
        diff.diff();
        Set<String> changed = new TreeSet<>();
        changed.addAll(diff.getAdded());
        changed.addAll(diff.getChanged());
        changed.addAll(diff.getRemoved());
        changed.addAll(diff.getMissing());
        changed.addAll(diff.getModified());
        changed.addAll(diff.getUntracked());
        changed.addAll(diff.getConflicting());
        Set<String> files = new LinkedHashSet<>();
        for (String file : changed) {
            if (prefix.isEmpty()) {
                files.add(file);
            } else if (file.startsWith(prefix + "/")) {
                files.add(file.substring(prefix.length() + 1));
            }
        }
        return Changes.known(files, GitChanges.comparedWith(base.name(), ref));
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(m);
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }

    /** JGit's view of the system, as the default one but with a JGit configuration that is seeded and never saved. */
    static final class ReadOnlySystem extends SystemReader.Delegate {
        private static boolean installed;

        private ReadOnlySystem(SystemReader base) {
            super(base);
        }

        /** Once per process, before JGit first looks at a file system (it caches what it found per directory). */
        static synchronized void install() {
            if (!installed) {
                SystemReader.setInstance(new ReadOnlySystem(SystemReader.getInstance()));
                installed = true;
            }
        }

        @Override
        public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            FileBasedConfig config = new FileBasedConfig(parent, null, fs) {
                @Override
                public void load() {
                    // Nothing to read: the figures below are all it holds.
                }

                @Override
                public void save() {
                    // Never written: JGit would save its measurements to the user's home.
                }

                @Override
                public boolean isOutdated() {
                    return false;
                }
            };
            // The key JGit looks the figures up by (FS.FileStoreAttributes: "<java.vendor>|<java.version>|<store>").
            String prefix = System.getProperty("java.vendor") + "|" + System.getProperty("java.version") + "|";
            String resolution = FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toNanos() + " nanoseconds";
            for (FileStore store : FileSystems.getDefault().getFileStores()) {
                config.setString("filesystem", prefix + store.name(), "timestampResolution", resolution);
                config.setString("filesystem", prefix + store.name(), "minRacyThreshold", "0 nanoseconds");
            }
            return config;
        }
    }
}
