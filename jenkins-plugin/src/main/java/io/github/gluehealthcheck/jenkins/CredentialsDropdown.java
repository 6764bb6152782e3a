package io.github.gluehealthcheck.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The {@code credentialsId} drop-down of the step's Snippet Generator form and of the global configuration: the
 * <em>AWS Credentials</em> visible in the item's context (in Jenkins' own context for the global form), listed the
 * way the credentials plugin's {@code docs/consumer.adoc} ("Providing a UI form element to let a user select
 * credentials") recommends. Only who may configure or use the item's credentials (or an administrator, for the global
 * form) sees the list; anyone else gets the current value only, so that saving the form keeps it.
 */
final class CredentialsDropdown {

    private CredentialsDropdown() {
    }

    /** The choices for {@code credentialsId}; {@code item} is null for the global configuration. */
    static ListBoxModel items(@CheckForNull Item item, @CheckForNull String current) {
        String value = current == null ? "" : current;
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(value);
        }
        return result.includeEmptyValue()
                .includeAs(listingAs(item), item, AmazonWebServicesCredentials.class)
                .includeCurrentValue(value);
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
