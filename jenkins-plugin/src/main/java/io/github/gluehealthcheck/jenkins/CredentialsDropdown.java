package io.github.gluehealthcheck.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * The {@code credentialsId} drop-down of the step's Snippet Generator form and of the global configuration: the
 * <em>AWS Credentials</em> (and the <em>Secret text</em> / <em>Secret file</em> credentials a web identity token is
 * kept in) visible in the item's context (in Jenkins' own context for the global form), listed the
 * way the credentials plugin's {@code docs/consumer.adoc} ("Providing a UI form element to let a user select
 * credentials") recommends. Only who may configure or use the item's credentials (or an administrator, for the global
 * form) sees the list; anyone else gets the current value only, so that saving the form keeps it. The check says
 * whether the id names a credential the context can see, as the same document advises.
 */
final class CredentialsDropdown {

    /**
     * The kinds {@code credentialsId} takes, in the order the step looks them up ({@code JenkinsAwsCredentials}): AWS
     * Credentials, then a web identity token in a Secret text or a Secret file credential.
     */
    static final List<Class<? extends StandardCredentials>> KINDS = List.of(AmazonWebServicesCredentials.class,
            StringCredentials.class, FileCredentials.class);

    private CredentialsDropdown() {
    }

    /** The choices for {@code credentialsId}; {@code item} is null for the global configuration. */
    static ListBoxModel items(@CheckForNull Item item, @CheckForNull String current) {
        String value = current == null ? "" : current;
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(value);
        }
        Authentication as = listingAs(item);
        AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> listed = result.includeEmptyValue();
        for (Class<? extends StandardCredentials> kind : KINDS) {
            listed = listed.includeAs(as, item, kind);
        }
        return listed.includeCurrentValue(value);
    }

    /**
     * Whether a credential of one of the {@link #KINDS} with this id is visible in the context: an error under the field if not (the step
     * would stop at its first lookup). Says nothing to who may not see the list, for a blank value, or for an
     * expression ({@code ${...}}), which only the build resolves.
     */
    static FormValidation check(@CheckForNull Item item, @CheckForNull String value) {
        String id = idToCheck(item, value);
        if (id == null) {
            return FormValidation.ok();
        }
        if (id.startsWith("${") && id.endsWith("}")) {
            return FormValidation.warning("An expression: the build resolves it; it cannot be checked here.");
        }
        for (Class<? extends StandardCredentials> kind : KINDS) {
            if (!CredentialsProvider.listCredentialsInItem(kind, item, listingAs(item), null,
                    CredentialsMatchers.withId(id)).isEmpty()) {
                return FormValidation.ok();
            }
        }
        return FormValidation.error("No AWS Credentials credential, nor a Secret text or Secret file credential (a web "
                + "identity token), with this id is visible to " + (item == null ? "Jenkins" : "this job") + ".");
    }

    /** The id {@link #check} looks up; null when it has nothing to say (a blank value, or no permission to list). */
    static String idToCheck(@CheckForNull Item item, @CheckForNull String value) {
        return value == null || value.isBlank() || !mayList(item) ? null : value.trim();
    }

    /** Whether the user may see the credentials of this context: upstream's permission check for a drop-down. */
    static boolean mayList(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /**
     * As whom to list: the authentication the job's builds are likely to run as, since the step looks the credential
     * up for the build (a Pipeline job is a {@code Queue.Task}); Jenkins itself without a task.
     */
    private static Authentication listingAs(@CheckForNull Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
