package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code credentialsId} drop-downs against the real credentials store and authorization: AWS credentials only,
 * listed for who may configure the job or use its credentials (administrators for the global form), the current value
 * only for anyone else. Runs only with {@code -Pjenkins}.
 */
@WithJenkins
class CredentialsDropdownJenkinsTest {

    @Test
    void theListShowsAwsCredentialsToWhoMayUseThemAndTheCurrentValueToOthers(JenkinsRule r) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "glue-ci", "FAKEKEYFORDROPDOWN01", "fake-secret", "for the drop-down"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "not-aws", "a password credential", "user", "fake-password-0001"));
        SystemCredentialsProvider.getInstance().save();
        WorkflowJob job = r.createProject(WorkflowJob.class, "checks");
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader", "user")
                .grant(CredentialsProvider.USE_ITEM).onItems(job).to("user"));
        GlueHealthCheckStep.DescriptorImpl step = ExtensionList.lookupSingleton(GlueHealthCheckStep.DescriptorImpl.class);
        GlueHealthCheckConfiguration global = ExtensionList.lookupSingleton(GlueHealthCheckConfiguration.class);

        try (ACLContext ignored = ACL.as2(User.getById("user", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(job, null))).containsExactly("", "glue-ci");
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(job, "glue-ci"))).containsExactly("glue-ci");
            assertThat(values(global.doFillCredentialsIdItems("kept"))).containsExactly("kept");
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(global.doFillCredentialsIdItems(null))).containsExactly("", "glue-ci");
            // A removed credential stays selectable after the empty choice (includeCurrentValue), so that saving the
            // form does not change it.
            assertThat(values(step.doFillCredentialsIdItems(job, "gone"))).containsExactly("", "gone", "glue-ci");
            assertThat(step.doCheckCredentialsId(job, "glue-ci").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(step.doCheckCredentialsId(job, "not-aws").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(global.doCheckCredentialsId("gone").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(global.doCheckCredentialsId("${AWS_CRED}").kind).isEqualTo(FormValidation.Kind.WARNING);
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(step.doCheckCredentialsId(job, "gone").kind).as("nothing to say to who cannot see the list")
                    .isEqualTo(FormValidation.Kind.OK);
        }
    }

    private static java.util.List<String> values(ListBoxModel model) {
        return model.stream().map(o -> o.value).toList();
    }
}
