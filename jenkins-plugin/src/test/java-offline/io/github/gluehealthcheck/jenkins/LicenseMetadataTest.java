package io.github.gluehealthcheck.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The license the project chose (MIT, the top-level LICENSE) is what every place that declares one says: the root POM
 * (inherited by the engine, the CLI and the offline modules), the Jenkins plugin's POM (its parent is plugin-pom, not
 * the root POM: the {@code .hpi} and the update site read it from there) and the image's label in both builds.
 */
class LicenseMetadataTest {

    private static final Path REPO = PluginFiles.pluginDir().getParent();

    @Test
    void theLicenseFileIsMitWithTheProjectsCopyright() throws IOException {
        String license = Files.readString(REPO.resolve("LICENSE"));
        assertThat(license).startsWith("MIT License\n")
                .contains("Copyright (c) 2026 The glue-health-check authors")
                .contains("THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND");
    }

    @Test
    void everyPomThatIsNotTheRootsChildDeclaresMit() throws IOException {
        assertThat(licenseNames(REPO.resolve("pom.xml"))).as("root pom.xml").containsExactly("MIT");
        assertThat(licenseNames(REPO.resolve("jenkins-plugin/pom.xml"))).as("jenkins-plugin/pom.xml")
                .containsExactly("MIT");
        for (String child : List.of("jenkins-plugin/offline/pom.xml", "jenkins-plugin/stand-ins/pom.xml")) {
            String pom = Files.readString(REPO.resolve(child));
            assertThat(pom).as(child + " inherits the root POM's license").contains(
                    "<artifactId>glue-health-check-parent</artifactId>").doesNotContain("<licenses>");
        }
    }

    @Test
    void theImageLabelSaysMitInBothBuilds() throws IOException {
        assertThat(Files.readString(REPO.resolve("drone-plugin/pom.xml"))).contains("<image.licenses>MIT</image.licenses>");
        assertThat(Files.readString(REPO.resolve("Dockerfile"))).contains("org.opencontainers.image.licenses=\"MIT\"");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("## License").contains("[LICENSE](LICENSE)");
    }

    private static List<String> licenseNames(Path pom) throws IOException {
        String text = Files.readString(pom).replaceAll("(?s)<!--.*?-->", "");
        Matcher block = Pattern.compile("(?s)<licenses>(.*?)</licenses>").matcher(text);
        List<String> names = new ArrayList<>();
        while (block.find()) {
            Matcher name = Pattern.compile("<name>([^<]*)</name>").matcher(block.group(1));
            while (name.find()) {
                names.add(name.group(1).trim());
            }
        }
        return names;
    }
}
