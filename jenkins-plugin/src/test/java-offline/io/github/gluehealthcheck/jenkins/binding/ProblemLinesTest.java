package io.github.gluehealthcheck.jenkins.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.InvalidSettingsException;
import io.github.gluehealthcheck.engine.spec.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProblemLinesTest {

    @Test
    void settingsAreNamedAsStepParameters() {
        List<String> lines = ProblemLines.of(new InvalidSettingsException(List.of(
                Problem.of("scripts_bucket", "is required for a workspace script"),
                Problem.of("secret_key", "is missing: access_key is set, so secret_key must be set too"),
                new Problem("orders", "number_of_workers", "'x' is not a whole number"))), Set.of());

        assertThat(lines).containsExactly(
                "scriptsBucket: is required for a workspace script",
                "secretKey: is missing: accessKey is set, so secretKey must be set too",
                "jobs[orders].numberOfWorkers: 'x' is not a whole number");
    }

    @Test
    void quotedValuesAndConfigFileProblemsKeepTheirSpelling() {
        List<String> lines = ProblemLines.of(new InvalidSettingsException(List.of(
                Problem.of("job_name", "'job_type' is used by two jobs"),
                Problem.of("config", ".glue-health.yml: 'number_of_worker' is not a setting (did you mean number_of_workers?)"))),
                Set.of());

        assertThat(lines).containsExactly("jobName: 'job_type' is used by two jobs",
                "config: .glue-health.yml: 'number_of_worker' is not a setting (did you mean number_of_workers?)");
    }

    @Test
    void aProblemWithAGlobalDefaultSaysWhereTheValueCameFrom() {
        assertThat(ProblemLines.of(new InvalidSettingsException(List.of(Problem.of("region", "'mars' is not an AWS region"))),
                Set.of("region"))).singleElement().asString()
                .isEqualTo("region: 'mars' is not an AWS region (the value comes from the global default in Manage Jenkins > System)");
    }
}
