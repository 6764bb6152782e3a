package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ExtensionList;
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
 * as AWS would. Both sessions run in one JVM, so the test also shows that nothing of the first Jenkins (its timer,
 * its worker threads) carries the resumed step: the second works with its own services. Runs only with
 * {@code -Pjenkins}.
 */
class GlueHealthCheckRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    static LocalAwsEndpoint endpoint;
    /** The services of the first Jenkins session; the JVM outlives the session, so a static keeps them. */
    static JenkinsStepServices firstServices;

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
            Pipelines.trustTheLocalEndpoint(endpoint.uri());
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition(Pipelines.pipeline("def r = " + Pipelines.step(endpoint.uri(), "")
                    + "\necho \"health: ${r.status}\""), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("orders: run RUNNING", b);
            firstServices = ExtensionList.lookupSingleton(JenkinsStepServices.class);
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
            JenkinsStepServices services = ExtensionList.lookupSingleton(JenkinsStepServices.class);
            assertThat(services).as("a new Jenkins has its own services").isNotSameAs(firstServices);
            // Jenkins#cleanUp shuts the Timer down (its _cleanUpShutdownTimer step, jenkinsci/jenkins core Jenkins.java).
            assertThat(firstServices.timer().isShutdown()).as("the first Jenkins' timer stopped with it").isTrue();
            assertThat(services.timer().isShutdown()).as("the resumed step's timer is the second Jenkins'").isFalse();
        });
    }
}
