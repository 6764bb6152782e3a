package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The compile-only stand-ins stay honest: each names the upstream class (same package and name) and the version it
 * mirrors, and each is used by the plugin (or is a type an upstream signature the plugin uses names).
 */
class StandInsTest {
    /** Stand-ins the plugin never names itself, and the upstream signature that needs them. */
    static final Map<String, String> STRUCTURAL = Map.ofEntries(
            Map.entry("hudson.model.ModelObject", "Action extends it"),
            Map.entry("hudson.model.Job", "Run's type parameters name it"),
            Map.entry("hudson.model.Actionable", "Run and FlowNode inherit addAction/getAction/addOrReplaceAction from it"),
            Map.entry("hudson.model.Describable", "AbstractDescribableImpl implements it"),
            Map.entry("hudson.model.AbstractDescribableImpl", "Step extends it"),
            Map.entry("hudson.model.Descriptor", "StepDescriptor and GlobalConfiguration extend it"),
            Map.entry("hudson.ExtensionPoint", "Step and GlobalConfiguration implement it"),
            Map.entry("org.jenkinsci.plugins.workflow.steps.BodyInvoker", "StepContext.newBodyInvoker() returns it"),
            Map.entry("org.jenkinsci.plugins.workflow.actions.PersistentAction", "WarningAction implements it"),
            Map.entry("hudson.model.Result", "WarningAction and Run.setResult take it"),
            Map.entry("com.cloudbees.plugins.credentials.Credentials", "CredentialsProvider.track takes it"),
            Map.entry("com.cloudbees.plugins.credentials.common.IdCredentials", "findCredentialById's type bound"),
            Map.entry("com.cloudbees.plugins.credentials.common.StandardCredentials",
                    "AmazonWebServicesCredentials extends it"),
            Map.entry("com.cloudbees.plugins.credentials.CredentialsScope", "BaseCredentials' constructor takes it"),
            Map.entry("com.cloudbees.plugins.credentials.BaseCredentials", "AWSCredentialsImpl's superclasses"),
            Map.entry("com.cloudbees.plugins.credentials.impl.BaseStandardCredentials", "AWSCredentialsImpl's superclasses"),
            Map.entry("com.cloudbees.jenkins.plugins.awscredentials.BaseAmazonWebServicesCredentials",
                    "AWSCredentialsImpl extends it"),
            Map.entry("com.amazonaws.auth.AWSCredentialsProvider", "AmazonWebServicesCredentials extends it"),
            Map.entry("org.jenkins.ui.icon.IconSpec", "CredentialsProvider implements it"),
            Map.entry("hudson.security.Permission", "the type of Jenkins.ADMINISTER, Item.EXTENDED_READ, USE_ITEM"),
            Map.entry("hudson.security.AccessControlled", "Item and Jenkins inherit hasPermission from it"),
            Map.entry("com.cloudbees.plugins.credentials.common.AbstractIdCredentialsListBoxModel",
                    "StandardListBoxModel inherits includeEmptyValue/includeAs/includeCurrentValue from it"),
            Map.entry("com.cloudbees.plugins.credentials.domains.DomainRequirement",
                    "listCredentialsInItem's domain requirements name it"),
            Map.entry("com.cloudbees.plugins.credentials.CredentialsMatcher", "CredentialsMatchers.withId returns it"),
            Map.entry("org.jenkinsci.remoting.RoleSensitive", "FilePath.FileCallable extends it"),
            Map.entry("org.jenkinsci.remoting.RoleChecker", "RoleSensitive.checkRoles takes it"),
            Map.entry("hudson.util.Secret", "StringCredentials.getSecret returns it"));

    @Test
    void everyStandInNamesTheUpstreamClassAndVersionAndIsNeverPackaged() throws IOException {
        for (Path f : standIns()) {
            // The doc comment, its lines joined.
            String source = Files.readString(f).replaceAll("\\s*\\n\\s*\\*(?!/)\\s*", " ");
            String fqn = fqn(f);
            assertThat(source).as(fqn).contains("stand-in for").contains("{@code " + fqn + "}").contains("Never packaged")
                    .containsAnyOf("2.555.3", "workflow-step-api 724", "bom-2.555.x", "symbol-annotation 1.26");
        }
    }

    @Test
    void everyStandInIsUsedByThePlugin() throws IOException {
        String plugin;
        try (Stream<Path> files = Files.walk(PluginFiles.pluginDir().resolve("src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f));
            }
            plugin = all.toString();
        }
        for (Path f : standIns()) {
            String fqn = fqn(f);
            if (STRUCTURAL.containsKey(fqn)) {
                continue;
            }
            String simple = fqn.substring(fqn.lastIndexOf('.') + 1);
            assertThat(plugin).as(fqn + " is imported or named by the plugin")
                    .containsAnyOf("import " + fqn + ";", "@" + simple, simple + ".");
        }
    }

    static List<Path> standIns() throws IOException {
        Path dir = PluginFiles.pluginDir().resolve("stand-ins/src/main/java");
        try (Stream<Path> files = Files.walk(dir)) {
            // The stand-ins' own helper (io.github.gluehealthcheck.standins) mirrors nothing upstream.
            List<Path> java = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !dir.relativize(p).startsWith(Path.of("io", "github", "gluehealthcheck"))).toList();
            assertThat(java).hasSizeGreaterThan(20);
            return java;
        }
    }

    static String fqn(Path f) {
        Path dir = PluginFiles.pluginDir().resolve("stand-ins/src/main/java");
        String rel = dir.relativize(f).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
    }
}
