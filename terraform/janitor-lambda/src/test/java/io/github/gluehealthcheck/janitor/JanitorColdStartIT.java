package io.github.gluehealthcheck.janitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.engine.local.LocalAwsEndpoint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The packaged Lambda jar, as Lambda gets it: lean (no local endpoint, no S3 or CloudWatch Logs client, no Apache
 * HTTP client, no Jackson or YAML), and enough to sweep: the handler runs from the jar alone in a fresh JVM against
 * the local endpoint and deletes an expired job. The time from JVM start to the handler's return is written to
 * target/janitor-cold-start.txt (the figure terraform/README.md quotes).
 */
class JanitorColdStartIT {

    private static final Path JAR = Path.of("target", "glue-health-check-janitor.jar");

    @Test
    void theJarCarriesNeitherTheLocalEndpointNorClientsTheSweeperDoesNotUse() throws IOException {
        List<String> entries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(JAR.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                entries.add(e.nextElement().getName());
            }
        }

        assertThat(entries).contains("io/github/gluehealthcheck/janitor/JanitorHandler.class",
                "io/github/gluehealthcheck/engine/sweep/Sweeper.class",
                "software/amazon/awssdk/services/glue/GlueClient.class",
                "software/amazon/awssdk/services/sts/StsClient.class");
        assertThat(entries).noneMatch(n -> n.startsWith("io/github/gluehealthcheck/engine/local/"))
                .noneMatch(n -> n.startsWith("software/amazon/awssdk/services/s3/"))
                .noneMatch(n -> n.startsWith("software/amazon/awssdk/services/cloudwatchlogs/"))
                .noneMatch(n -> n.startsWith("org/apache/hc/"))
                .noneMatch(n -> n.startsWith("org/yaml/"))
                .noneMatch(n -> n.startsWith("com/fasterxml/"));
        assertThat(Files.size(JAR)).as("bytes").isLessThan(17_000_000L);
    }

    @Test
    void theHandlerSweepsFromTheJarAloneInAFreshJvm() throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            expiredJob(endpoint, "ghc-cold-etl-b1-00000001");
            Path launcher = Path.of("target", "test-classes", "io", "github", "gluehealthcheck", "janitor", "ColdStart.class");
            Path launcherDir = Files.createTempDirectory(Path.of("target"), "cold-start");
            Path copy = launcherDir.resolve("io/github/gluehealthcheck/janitor/ColdStart.class");
            Files.createDirectories(copy.getParent());
            Files.copy(launcher, copy);

            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(javaBin, "-cp", JAR + File.pathSeparator + launcherDir,
                    "io.github.gluehealthcheck.janitor.ColdStart", endpoint.uri().toString(), "ghc")
                    .redirectErrorStream(true).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("finished").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("deleted=1 failed=0");
            assertThat(endpoint.state().jobs()).isEmpty();
            Matcher timing = Pattern.compile("cold-start-ms=(\\d+) handler-ms=(\\d+)").matcher(output);
            assertThat(timing.find()).as(output).isTrue();
            Files.writeString(Path.of("target", "janitor-cold-start.txt"), "jar-bytes=" + Files.size(JAR)
                    + " cold-start-ms=" + timing.group(1) + " handler-ms=" + timing.group(2) + "\n");
        }
    }

    private static void expiredJob(LocalAwsEndpoint endpoint, String name) {
        try (GlueClient glue = GlueClient.builder().endpointOverride(endpoint.uri()).region(Region.EU_WEST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            glue.createJob(r -> r.name(name).role("arn:aws:iam::123456789012:role/r").maxCapacity(0.0625)
                    .command(c -> c.name("pythonshell").scriptLocation("s3://b/k.py"))
                    .tags(Map.of(OwnershipTags.MARKER, OwnershipTags.MARKER_VALUE, OwnershipTags.REPO, "data/etl",
                            OwnershipTags.EXPIRES_AT, Instant.now().minus(Duration.ofHours(2)).toString())));
        }
    }
}
