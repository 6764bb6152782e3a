package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The published image's base and the image test's stand-in for it do not drift apart: the pom and the Dockerfile
 * name the base whose facts drone-plugin/src/test/image/published-base.properties cites (from which
 * make-base-image.sh builds the stand-in, and against which ImageIT checks it), and the image test's Jib build
 * changes nothing of the published build but the base, the platform, the name and the output files, so that what
 * ImageIT runs has the published image's layers, entry point and user.
 */
class PublishedBaseTest {
    private static final Path REPO = Path.of(System.getProperty("repo.root")).toAbsolutePath().normalize();
    static final Path FACTS = REPO.resolve("drone-plugin/src/test/image/published-base.properties");

    static Properties facts() throws IOException {
        Properties facts = new Properties();
        try (Reader in = Files.newBufferedReader(FACTS)) {
            facts.load(in);
        }
        return facts;
    }

    @Test
    void theFactsFileStatesEveryFactTheStandInIsBuiltFrom() throws IOException {
        Properties facts = facts();
        for (String key : List.of("image", "java_home", "java", "lang", "user", "python3", "python_version")) {
            assertThat(facts.getProperty(key)).as(key).isNotBlank();
        }
        assertThat(facts.getProperty("image")).as("an exact version tag, not a moving one").matches(".+:\\d+\\.\\d+\\.\\d+-.+");
    }

    @Test
    void thePomAndTheDockerfilePublishOnTheBaseWhoseFactsAreCited() throws Exception {
        String image = facts().getProperty("image");
        Document pom = pom();
        assertThat(text(pom, "/project/properties/image.base")).isEqualTo(image);
        assertThat(Files.readAllLines(REPO.resolve("Dockerfile"))).contains("ARG JRE_IMAGE=" + image);
    }

    /** The image's Python is one that Glue's Python shell runs (the library data lists what Glue provides per version). */
    @Test
    void theBasesPythonIsAPythonOfGluesPythonShell() throws IOException {
        String version = facts().getProperty("python_version");
        List<String> libraries = Files.readAllLines(REPO.resolve(
                "shared/src/main/resources/io/github/gluehealthcheck/engine/local/python-shell-libraries.txt"));
        assertThat(libraries).anyMatch(line -> line.startsWith(version + " "));
    }

    @Test
    void theImageTestBuildsWithThePublishedJibConfigurationOnlyOnAnotherBase() throws Exception {
        Document pom = pom();
        Element published = (Element) node(pom,
                "/project/build/plugins/plugin[artifactId='jib-maven-plugin']/configuration");
        assertThat(text(published, "from/image")).isEqualTo("${image.base}");
        assertThat(text(published, "container/user")).isEqualTo("${image.user}");
        assertThat(node(published, "container/entrypoint"))
                .as("Jib's own entry point: `java` from PATH, where the base has it (published-base.properties)").isNull();

        NodeList executions = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                "/project/profiles/profile[id='image-test']/build/plugins/plugin[artifactId='jib-maven-plugin']"
                        + "/executions/execution", pom, XPathConstants.NODESET);
        assertThat(executions.getLength()).isEqualTo(1);
        Element test = (Element) node(executions.item(0), "configuration");
        assertThat(childNames(test)).as("what the image test's build changes").isSubsetOf("from", "to", "outputPaths");
        assertThat(childNames((Element) node(test, "from"))).isSubsetOf("image", "platforms");
        assertThat(text(test, "from/image")).startsWith("tar://");
        NodeList profilePlugins = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
                "/project/profiles/profile[id='image-test']/build/plugins/plugin[artifactId='jib-maven-plugin']/configuration",
                pom, XPathConstants.NODESET);
        assertThat(profilePlugins.getLength()).as("no profile-wide Jib configuration either").isZero();
    }

    private static Document pom() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        return factory.newDocumentBuilder().parse(REPO.resolve("drone-plugin/pom.xml").toFile());
    }

    private static Node node(Node from, String path) throws Exception {
        return (Node) XPathFactory.newInstance().newXPath().evaluate(path, from, XPathConstants.NODE);
    }

    private static String text(Node from, String path) throws Exception {
        Node n = node(from, path);
        assertThat(n).as(path).isNotNull();
        return n.getTextContent().strip();
    }

    private static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                names.add(child.getTagName());
            }
        }
        return names;
    }
}
