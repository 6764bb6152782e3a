package io.github.gluehealthcheck.engine.changes;

/**
 * Tells what a pull request changed. {@link GitChanges} asks git in a local workspace; an adapter whose workspace is
 * elsewhere (a Jenkins agent) can give its own, which runs the same comparison where the files are.
 */
@FunctionalInterface
public interface ChangeSource {

    /**
     * The files changed since the merge base with {@code targetBranch}; never throws, says instead why it cannot tell.
     */
    Changes changedSince(String targetBranch);
}
