package io.github.gluehealthcheck.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.settings.HealthCheckRequest;
import io.github.gluehealthcheck.engine.settings.SettingsReader;
import io.github.gluehealthcheck.engine.spec.CiContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangedOnlyTest {
    @TempDir
    Path workspace;
    final List<String> asked = new ArrayList<>();

    @BeforeEach
    void jobs() throws IOException {
        Files.createDirectories(workspace.resolve("jobs"));
        for (String job : List.of("orders", "customers", "payments")) {
            Files.writeString(workspace.resolve("jobs/" + job + ".py"), "print(1)\n");
        }
        Files.writeString(workspace.resolve(".glue-health.yml"), """
                jobs:
                  - script: jobs/orders.py
                  - script: jobs/customers.py
                    paths: [lib/**/*.py, "sql/customers_*.sql"]
                  - script: jobs/payments.py
                  - script: s3://deployed-scripts/legacy.py
                """);
    }

    private HealthCheckRequest request(String pullRequest, String target) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("workspace", workspace.toString());
        settings.put("config", ".glue-health.yml");
        settings.put("endpoint", "local");
        settings.put("changed_only", "true");
        CiContext.Builder context = CiContext.builder().provider("drone").repo("data/etl").pullRequest(pullRequest)
                .targetBranch(target);
        return SettingsReader.read(settings, Map.of(), context);
    }

    private ChangeSource changed(String... files) {
        return target -> {
            asked.add(target);
            return Changes.known(Set.of(files), "merge base 1a2b3c4 of origin/" + target + " and HEAD");
        };
    }

    @Test
    void onlyTheJobWhoseScriptChangedIsChecked() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"), changed("jobs/orders.py", "README.md"));

        assertThat(asked).containsExactly("main");
        assertThat(s.skipped()).containsOnlyKeys("customers", "payments");
        assertThat(s.skipped().get("payments"))
                .isEqualTo("unchanged: jobs/payments.py did not change since the merge base 1a2b3c4 of origin/main and HEAD");
        assertThat(s.skipped().get("customers")).contains("nor its paths (lib/**/*.py, sql/customers_*.sql)");
        assertThat(s.notes().get(0)).isEqualTo("changed_only: 2 file(s) changed since the merge base 1a2b3c4 of "
                + "origin/main and HEAD; checking 2 of 4 job(s)");
        assertThat(s.notes()).anyMatch(n -> n.contains("legacy is checked: its script is in S3"));
    }

    @Test
    void aChangedFileMatchingAJobsPathsChecksThatJob() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"), changed("lib/util/dates.py"));

        assertThat(s.skipped()).containsOnlyKeys("orders", "payments");
    }

    @Test
    void whenNothingAJobDependsOnChangedOnlyTheS3ScriptIsChecked() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"), changed("docs/index.md"));

        assertThat(s.skipped()).containsOnlyKeys("orders", "customers", "payments");
        assertThat(s.notes().get(0)).endsWith("checking 1 of 4 job(s)");
    }

    @Test
    void reportsOfAnEarlierCheckInTheWorkspaceAreNotChanges() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"),
                changed("glue-health-check/report.json", "glue-health-check/junit.xml", "jobs/orders.py"));

        assertThat(s.notes().get(0)).startsWith("changed_only: 1 file(s) changed since");
        assertThat(s.skipped()).doesNotContainKey("orders");
    }

    @Test
    void aChangedConfigFileChecksEveryJob() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"), changed(".glue-health.yml"));

        assertThat(s.skipped()).isEmpty();
        assertThat(s.notes()).containsExactly("changed_only: .glue-health.yml changed since the merge base 1a2b3c4 of "
                + "origin/main and HEAD, so all 4 job(s) are checked (their settings may have changed)");
    }

    @Test
    void offAPullRequestEveryJobIsCheckedAndGitIsNotAsked() {
        ChangedOnly.Selection s = ChangedOnly.select(request(null, null), changed());

        assertThat(s.skipped()).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(s.notes()).containsExactly("changed_only: not a pull request build, so all 4 job(s) are checked");
    }

    @Test
    void anUnknownTargetBranchChecksEveryJobSayingWhereItComesFrom() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", null), changed());

        assertThat(s.skipped()).isEmpty();
        assertThat(s.notes()).singleElement().asString().contains("target branch is unknown")
                .contains("DRONE_TARGET_BRANCH").contains("target_branch");
    }

    @Test
    void whenGitCannotTellEveryJobIsCheckedWithTheReason() {
        ChangedOnly.Selection s = ChangedOnly.select(request("12", "main"),
                target -> Changes.unknown("the clone is too shallow ...; clone with more history"));

        assertThat(s.skipped()).isEmpty();
        assertThat(s.notes()).containsExactly("changed_only: cannot tell what changed: the clone is too shallow ...; "
                + "clone with more history; all 4 job(s) are checked");
    }

    @Test
    void withoutChangedOnlyNothingIsAskedOrSkipped() {
        Map<String, Object> settings = Map.of("workspace", workspace.toString(), "config", ".glue-health.yml",
                "endpoint", "local");
        HealthCheckRequest r = SettingsReader.read(settings, Map.of(),
                CiContext.builder().provider("drone").repo("data/etl").pullRequest("12").targetBranch("main"));

        ChangedOnly.Selection s = ChangedOnly.select(r, changed());

        assertThat(s.skipped()).isEmpty();
        assertThat(s.notes()).isEmpty();
        assertThat(asked).isEmpty();
    }
}
