package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.jenkins.binding.StepParameters;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundSetter;

/** The README's Jenkins section and examples/Jenkinsfile say what the code does: no parameter missing or invented. */
class DocumentationTest {

    static String jenkinsSection() throws IOException {
        String readme = Files.readString(PluginFiles.pluginDir().getParent().resolve("README.md"));
        int start = readme.indexOf("\n## Jenkins\n");
        assertThat(start).as("README has a Jenkins section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    @Test
    void theReadmeListsEveryStepParameterAndNoOther() throws IOException {
        List<String> rows = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\| `(\\w+)` \\|").matcher(jenkinsSection());
        while (m.find()) {
            rows.add(m.group(1));
        }
        assertThat(rows).containsExactlyInAnyOrderElementsOf(StepParameters.names());
    }

    @Test
    void theReadmesJcascExampleUsesTheGlobalSettingsNames() throws IOException {
        String section = jenkinsSection();
        int at = section.indexOf("  glueHealthCheck:\n");
        assertThat(at).isNotNegative();
        List<String> keys = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^    (\\w+):").matcher(section.substring(at, section.indexOf("```", at)));
        while (m.find()) {
            keys.add(m.group(1));
        }
        List<String> setters = new ArrayList<>();
        for (Method s : GlueHealthCheckConfiguration.class.getDeclaredMethods()) {
            if (s.isAnnotationPresent(DataBoundSetter.class)) {
                setters.add(Character.toLowerCase(s.getName().charAt(3)) + s.getName().substring(4));
            }
        }
        assertThat(keys).isNotEmpty();
        assertThat(setters).containsAll(keys);
    }

    @Test
    void theExampleJenkinsfileUsesOnlyRealParameters() throws IOException {
        String jenkinsfile = Files.readString(PluginFiles.pluginDir().getParent().resolve("examples/Jenkinsfile"));
        List<String> used = new ArrayList<>();
        for (String call : calls(jenkinsfile)) {
            used.addAll(topLevelNames(call));
        }
        assertThat(used).contains("script", "config", "jobs", "unstableOnFailure", "mode", "secretArguments");
        assertThat(StepParameters.names()).containsAll(used);
    }

    /** The text of each {@code glueHealthCheck} call: up to the end of a line outside brackets not ending in ','. */
    static List<String> calls(String text) {
        List<String> calls = new ArrayList<>();
        for (int at = text.indexOf("glueHealthCheck "); at >= 0; at = text.indexOf("glueHealthCheck ", at + 1)) {
            int depth = 0;
            int i = at + "glueHealthCheck ".length();
            char quote = 0;
            StringBuilder call = new StringBuilder();
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == '\n' && depth == 0 && !call.toString().strip().endsWith(",")) {
                    break;
                }
                call.append(c);
            }
            calls.add(call.toString().replaceAll("(?m)^\\s*//\\s*", " "));
        }
        return calls;
    }

    /** Named arguments outside brackets and quotes. */
    static List<String> topLevelNames(String call) {
        List<String> names = new ArrayList<>();
        StringBuilder flat = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char c : call.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (depth == 0) {
                flat.append(c);
            }
        }
        Matcher m = Pattern.compile("(\\w+)\\s*:").matcher(flat);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
