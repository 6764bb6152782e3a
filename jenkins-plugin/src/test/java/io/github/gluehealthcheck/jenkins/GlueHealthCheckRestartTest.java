package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import io.github.gluehealthcheck.engine.local.LocalEndpointOptions;
import io.github.gluehealthcheck.engine.local.RunScript;
import java.time.Duration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The controller restarts while a Glue run goes on: the build resumes, keeps polling the same run (it is not started
 * again), passes, and still deletes the job and the staged script. The local endpoint outlives both Jenkins sessions,
 * as AWS would. Runs only with {@code -Pjenkins}.
 */
class GlueHealthCheckRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    static LocalAwsEndpoint endpoint;

    @BeforeAll
    static void startEndpoint() throws Exception {
        // Glue minutes stay minutes: a run's timeout (10 by default) must not end the longer scripted runs.
        endpoint = LocalAwsEndpoint.start(LocalEndpointOptions.builder().startingDelay(Duration.ofMillis(50)).build());
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void theBuildSurvivesARestartMidRunAndStillCleansUp() throws Throwable {
        endpoint.runScripts().forAllJobs(RunScript.builder().running(Duration.ofSeconds(15))
                .logOutput("still going").thenSucceed());
        sessions.then(r -> {
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(Pipelines.pipeline("def r = " + Pipelines.step(endpoint.uri(), "")
                    + "\necho \"health: ${r.status}\""), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("orders: run RUNNING", b);
        });
        sessions.then(r -> {
            WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("resumed after a Jenkins restart", b);
            r.assertLogContains("health: PASSED", b);
            assertThat(endpoint.requests().count("glue", "StartJobRun")).as("the run was not started again").isEqualTo(1);
            assertThat(endpoint.state().jobs()).isEmpty();
            assertThat(endpoint.state().objects()).isEmpty();
            assertThat(b.getAction(GlueHealthCheckAction.class).getBadge().getStatus()).isEqualTo("PASSED");
        });
    }
}
