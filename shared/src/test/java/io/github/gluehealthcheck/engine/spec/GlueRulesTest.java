package io.github.gluehealthcheck.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules table reads whole, and every entry says where its facts come from. */
class GlueRulesTest {
    private final GlueRules rules = GlueRules.current();

    @Test
    void everyEntryCitesAKnownSource() throws Exception {
        JsonNode root;
        try (InputStream in = GlueRules.class.getResourceAsStream("glue-rules.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Set<String> keys = rules.sources().keySet();
        List<String> sources = new ArrayList<>();
        root.findValues("source").forEach(s -> sources.add(s.asText()));
        assertThat(sources).hasSizeGreaterThan(20).allSatisfy(s ->
                assertThat(keys.stream().anyMatch(s::contains)).as(s).isTrue());
        assertThat(rules.sources().get("model")).startsWith("boto/botocore@").endsWith("service-2.json");
    }

    @Test
    void theTableSaysWhatEachJobTypeTakes() {
        assertThat(rules.workerTypesFor("glueray")).containsExactly("Z.2X");
        assertThat(rules.workerTypesFor("glueetl")).contains("G.1X", "G.16X", "R.8X").doesNotContain("Z.2X", "G.025X");
        assertThat(rules.flexWorkerTypes()).containsExactly("G.1X", "G.2X");
        assertThat(rules.liveVersions("glueetl", LocalDate.of(2026, 12, 6))).containsExactly("3.0", "4.0", "5.0", "5.1");
        assertThat(rules.liveVersions("glueetl", LocalDate.of(2026, 3, 31))).startsWith("0.9", "1.0", "2.0");
        assertThat(rules.version("2.0").orElseThrow().endOfLife()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(rules.reservedArguments()).containsExactly("--debug", "--mode", "--JOB_NAME", "--endpoint");
        assertThat(rules.maxTimeoutMinutes()).isEqualTo(10080);
        assertThat(rules.maxTags()).isEqualTo(50);
        assertThat(rules.jobType(JobType.GLUERAY).regions()).hasSize(5).contains("us-east-1");
    }
}
