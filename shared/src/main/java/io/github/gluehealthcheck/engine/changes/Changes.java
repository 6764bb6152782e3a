package io.github.gluehealthcheck.engine.changes;

import java.util.Set;

/**
 * What changed in a pull request: the workspace files that differ between the merge base with the target branch and
 * the commit under test, or, when that cannot be told, why not and how to fix it.
 *
 * @param files   workspace-relative paths ({@code /} separated) added, modified, deleted or renamed (both names of a
 *                rename); null when unknown
 * @param base    what was compared, in words (e.g. "merge base 1a2b3c4 of origin/main and HEAD"), or null
 * @param unknown why the changes cannot be told, with what to do about it; null when {@code files} is known
 */
public record Changes(Set<String> files, String base, String unknown) {

    public Changes {
        files = files == null ? null : Set.copyOf(files);
    }

    public static Changes known(Set<String> files, String base) {
        return new Changes(files, base, null);
    }

    public static Changes unknown(String why) {
        return new Changes(null, null, why);
    }

    public boolean isKnown() {
        return files != null;
    }
}
