package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.Permission;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;

/**
 * The {@code credentialsId} drop-downs: who may see the list (the credentials plugin's recommended check, against an
 * item that grants what the test says), and that both forms ask Stapler for it the way the credentials plugin's
 * {@code <c:select/>} expects. Listing itself needs a running Jenkins: GlueHealthCheckConfigurationTest (-Pjenkins).
 */
class CredentialsDropdownTest {

    /** An item that grants the given permissions and records what it was asked. */
    static final class FakeItem implements Item {
        final Set<Permission> granted;
        final List<Permission> asked = new ArrayList<>();

        FakeItem(Permission... granted) {
            this.granted = Set.of(granted);
        }

        @Override
        public boolean hasPermission(Permission permission) {
            asked.add(permission);
            return granted.contains(permission);
        }
    }

    @Test
    void theListIsForWhoMayConfigureTheJobOrUseItsCredentials() {
        assertThat(CredentialsDropdown.mayList(new FakeItem(Item.EXTENDED_READ))).isTrue();
        assertThat(CredentialsDropdown.mayList(new FakeItem(CredentialsProvider.USE_ITEM))).isTrue();
        FakeItem reader = new FakeItem(Jenkins.ADMINISTER);
        assertThat(CredentialsDropdown.mayList(reader)).as("only the item's own permissions count").isFalse();
        assertThat(reader.asked).containsExactly(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM);
        assertThat(Set.of(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM, Jenkins.ADMINISTER)).hasSize(3);
    }

    @Test
    void theCheckSaysNothingToWhoMayNotSeeTheListNorForABlankValue() {
        // Both answer before any credentials lookup (which needs Jenkins), in upstream's order of checks.
        FakeItem reader = new FakeItem();
        assertThat(CredentialsDropdown.idToCheck(reader, "glue-ci")).isNull();
        assertThat(reader.asked).containsExactly(Item.EXTENDED_READ, CredentialsProvider.USE_ITEM);
        FakeItem user = new FakeItem(CredentialsProvider.USE_ITEM);
        assertThat(CredentialsDropdown.idToCheck(user, " ")).isNull();
        assertThat(user.asked).as("a blank value is not even a question of permissions").isEmpty();
        assertThat(CredentialsDropdown.idToCheck(user, " glue-ci ")).isEqualTo("glue-ci");
    }

    @Test
    void bothFormsFillTheFieldFromTheirDescriptorWithTheCredentialsSelect() throws Exception {
        Method step = GlueHealthCheckStep.DescriptorImpl.class.getMethod("doFillCredentialsIdItems", Item.class,
                String.class);
        Parameter[] p = step.getParameters();
        assertThat(p[0].isAnnotationPresent(AncestorInPath.class)).as("the job comes from the URL").isTrue();
        assertThat(p[1].getAnnotation(QueryParameter.class).value())
                .as("Stapler passes the field's current value by its name").isEqualTo("credentialsId");
        Method global = GlueHealthCheckConfiguration.class.getMethod("doFillCredentialsIdItems", String.class);
        assertThat(global.getParameters()[0].getAnnotation(QueryParameter.class).value()).isEqualTo("credentialsId");

        Method stepCheck = GlueHealthCheckStep.DescriptorImpl.class.getMethod("doCheckCredentialsId", Item.class,
                String.class);
        assertThat(stepCheck.getParameters()[0].isAnnotationPresent(AncestorInPath.class)).isTrue();
        assertThat(stepCheck.getParameters()[1].getAnnotation(QueryParameter.class).value()).isEqualTo("value");
        Method globalCheck = GlueHealthCheckConfiguration.class.getMethod("doCheckCredentialsId", String.class);
        assertThat(globalCheck.getParameters()[0].getAnnotation(QueryParameter.class).value()).isEqualTo("value");

        for (Class<?> form : List.of(GlueHealthCheckStep.class, GlueHealthCheckConfiguration.class)) {
            assertCredentialsSelect(Files.readString(PluginFiles.viewsOf(form).resolve("config.jelly")), form);
        }
    }

    private static void assertCredentialsSelect(String jelly, Class<?> form) throws IOException {
        assertThat(jelly).as(form.getSimpleName()).contains("xmlns:c=\"/lib/credentials\"")
                .containsPattern("<f:entry field=\"credentialsId\" title=\"[^\"]*\">\\s*<c:select/>\\s*</f:entry>");
    }
}
