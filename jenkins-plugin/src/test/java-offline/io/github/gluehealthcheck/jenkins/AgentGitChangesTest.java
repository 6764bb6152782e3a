package io.github.gluehealthcheck.jenkins;

import static io.github.gluehealthcheck.engine.changes.GitRepos.commit;
import static io.github.gluehealthcheck.engine.changes.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.changes.Changes;
import io.github.gluehealthcheck.jenkins.run.WorkspaceAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * changedOnly on an agent: the engine's git comparison runs as a callable in the agent's workspace (another directory,
 * with the callable and its answer serialized as remoting sends them), not in the controller's copy, which has no
 * history. Real git, real clones.
 */
class AgentGitChangesTest {
    @TempDir
    Path upstream;
    @TempDir
    Path agent;

    @Test
    void aPullRequestsChangedFilesAreToldByGitOnTheAgent() throws Exception {
        repository(upstream);
        git(agent.getParent(), "clone", "-q", upstream.toString(), agent.toString());
        git(agent, "checkout", "-q", "-b", "PR-7");
        Files.writeString(agent.resolve("jobs/orders.py"), "print('orders v2')\n");
        commit(agent, "orders: v2");
        Files.writeString(agent.resolve("jobs/new.py"), "print('not committed yet')\n");

        try (WorkspaceAccess workspace = AgentStandIn.workspaceOn(agent)) {
            assertThat(workspace.localRoot()).as("the controller's copy is elsewhere").isNotEqualTo(agent);
            Changes changes = workspace.changes().changedSince("main");

            assertThat(changes.unknown()).isNull();
            assertThat(changes.files()).containsExactlyInAnyOrder("jobs/orders.py", "jobs/new.py");
            assertThat(changes.base()).startsWith("merge base ").endsWith(" of origin/main and HEAD");
        }
    }

    @Test
    void aCloneTooShallowForAMergeBaseSaysSoAndHowToFixIt() throws Exception {
        repository(upstream);
        git(upstream, "checkout", "-q", "-b", "PR-7");
        Files.writeString(upstream.resolve("jobs/orders.py"), "print('orders v2')\n");
        commit(upstream, "orders: v2");
        git(upstream, "checkout", "-q", "main");
        Files.writeString(upstream.resolve("jobs/customers.py"), "print('customers v2')\n");
        commit(upstream, "customers: v2");
        // As a depth-1 checkout of the pull request that fetched the target branch at depth 1 too.
        git(agent.getParent(), "clone", "-q", "--depth", "1", "--branch", "PR-7", upstream.toUri().toString(),
                agent.toString());
        git(agent, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main");

        try (WorkspaceAccess workspace = AgentStandIn.workspaceOn(agent)) {
            Changes changes = workspace.changes().changedSince("main");

            assertThat(changes.isKnown()).isFalse();
            assertThat(changes.unknown()).startsWith("the clone is too shallow to find where HEAD and origin/main part")
                    .contains("git fetch --unshallow");
        }
    }

    @Test
    void aWorkspaceThatIsNotACloneSaysSoNamingTheAgentsDirectory() throws Exception {
        Files.writeString(agent.resolve("orders.py"), "print(1)\n");
        try (WorkspaceAccess workspace = AgentStandIn.workspaceOn(agent)) {
            Changes changes = workspace.changes().changedSince("main");

            assertThat(changes.isKnown()).isFalse();
            assertThat(changes.unknown()).startsWith("the workspace " + agent.toFile() + " is not a git checkout");
        }
    }

    @Test
    void whenTheAgentCannotBeReachedThatIsTheReasonEveryJobIsChecked() throws Exception {
        try (WorkspaceAccess workspace = FilePathWorkspace.onAgent(new FilePathWorkspace.Agent() {
            @Override
            public <T> T act(hudson.FilePath.FileCallable<T> callable) throws IOException {
                throw new IOException("channel is already closed");
            }
        }, "/agents/a1/workspace/etl")) {
            assertThat(workspace.changes().changedSince("main").unknown())
                    .isEqualTo("git could not be asked on /agents/a1/workspace/etl: channel is already closed");
        }
    }

    /** main: two jobs and a library, one commit. */
    static void repository(Path dir) throws Exception {
        git(dir, "init", "-q", "-b", "main");
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/orders.py"), "print('orders')\n");
        Files.writeString(dir.resolve("jobs/customers.py"), "print('customers')\n");
        commit(dir, "two jobs");
    }
}
