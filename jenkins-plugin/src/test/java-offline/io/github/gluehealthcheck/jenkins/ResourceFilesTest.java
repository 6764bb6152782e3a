package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.Setting;
import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The plugin's views and help: every Jelly file escapes by default (the plugin POM's injected test checks the same
 * where it can run), every parameter and global setting has a help file and a form field, and the step's help says
 * what the settings contract says.
 */
class ResourceFilesTest {
    static final String ESCAPE = "<?jelly escape-by-default='true'?>";

    @Test
    void everyJellyFileEscapesByDefault() throws IOException {
        List<Path> jelly;
        try (Stream<Path> files = Files.walk(PluginFiles.resources())) {
            jelly = files.filter(f -> f.toString().endsWith(".jelly")).toList();
        }
        assertThat(jelly).extracting(f -> f.getFileName().toString())
                .contains("config.jelly", "badge.jelly", "summary.jelly", "index.jelly");
        for (Path f : jelly) {
            String first = Files.readAllLines(f).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
            assertThat(first).as(f + " starts with " + ESCAPE).isEqualTo(ESCAPE);
        }
    }

    @Test
    void everyStepParameterHasAHelpFileSayingWhatTheContractSays() throws IOException {
        Path dir = PluginFiles.viewsOf(GlueHealthCheckStep.class);
        for (Setting s : StepParameters.settings()) {
            Path help = dir.resolve("help-" + s.camelCase() + ".html");
            assertThat(help).as("help for " + s.camelCase()).isRegularFile();
            String expected = "<p>" + html(s.description()) + "</p>";
            assertThat(Files.readString(help)).as(help + " starts with the contract's description").contains(expected);
        }
        for (String jenkinsOnly : StepParameters.JENKINS_ONLY) {
            assertThat(dir.resolve("help-" + jenkinsOnly + ".html")).isRegularFile();
        }
        assertThat(dir.resolve("help.html")).isRegularFile();
    }

    @Test
    void noHelpFileForAParameterThatDoesNotExist() throws IOException {
        assertThat(helpNames(PluginFiles.viewsOf(GlueHealthCheckStep.class)))
                .containsExactlyInAnyOrderElementsOf(StepParameters.names());
    }

    @Test
    void theSnippetGeneratorFormOffersEveryParameterOnce() throws IOException {
        String form = Files.readString(PluginFiles.viewsOf(GlueHealthCheckStep.class).resolve("config.jelly"));
        assertThat(fields(form)).containsExactlyInAnyOrderElementsOf(StepParameters.names());
    }

    @Test
    void everyGlobalSettingHasAFormFieldAndHelp() throws IOException {
        List<String> settings = new ArrayList<>();
        for (Method m : GlueHealthCheckConfiguration.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                settings.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        Path dir = PluginFiles.viewsOf(GlueHealthCheckConfiguration.class);
        assertThat(settings).containsExactlyInAnyOrder("region", "role", "scriptsBucket", "tags", "namePrefix",
                "allowLocalEndpoint", "allowedEndpoints", "allowControllerCredentials", "credentialsId",
                "statusReadsPerSecond", "reusePassed");
        assertThat(fields(Files.readString(dir.resolve("config.jelly")))).containsExactlyInAnyOrderElementsOf(settings);
        assertThat(helpNames(dir)).containsExactlyInAnyOrderElementsOf(settings);
    }

    /** The contract's description as the help shows it: escaped, names in camelCase, `code` as code. */
    static String html(String description) {
        String camel = description;
        for (Setting s : Setting.values()) {
            camel = camel.replaceAll("(?<![\\w.-])" + Pattern.quote(s.key()) + "(?![\\w-])", s.camelCase());
        }
        String escaped = camel.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return escaped.replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    static List<String> fields(String jelly) {
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("field=\"([^\"]+)\"").matcher(jelly);
        while (m.find()) {
            fields.add(m.group(1));
        }
        assertThat(Set.copyOf(fields)).as("no field twice").hasSameSizeAs(fields);
        return fields;
    }

    static List<String> helpNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("help-") && n.endsWith(".html"))
                    .map(n -> n.substring(5, n.length() - 5)).toList();
        }
    }
}
