package io.github.gluehealthcheck.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data of what Glue's Python shell provides, and how a failed import is read against it. */
class PythonShellLibrariesTest {

    @Test
    void everyLineOfTheDataCitesTheGlueDocumentationPage() throws IOException {
        try (InputStream in = PythonShellLibraries.class.getResourceAsStream("python-shell-libraries.txt")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(lines).isNotEmpty().allMatch(l -> l.endsWith(
                    " https://docs.aws.amazon.com/glue/latest/dg/add-job-python.html#python-shell-supported-library"));
        }
    }

    @Test
    void python39WithTheDefaultAnalyticsSetProvidesPandasAndScikitLearnByImportName() {
        assertThat(PythonShellLibraries.provided("3.9", null)).contains("pandas", "numpy", "sklearn", "awswrangler",
                "pymysql", "redshift_connector");
        assertThat(PythonShellLibraries.provided("3.9", "analytics")).contains("pandas");
    }

    @Test
    void libraryNoneLeavesOnlyTheAwsCliAndBotocore() {
        assertThat(PythonShellLibraries.provided("3.9", "none")).containsExactlyInAnyOrder("awscli", "botocore");
    }

    @Test
    void python36HasItsOwnSmallerSet() {
        assertThat(PythonShellLibraries.provided("3", null)).contains("pandas", "pg").doesNotContain("awswrangler");
    }

    @Test
    void theMissingModuleIsTheTopLevelNameOfTheLastImportError() {
        assertThat(PythonShellLibraries.missingModule(List.of("Traceback (most recent call last):",
                "ModuleNotFoundError: No module named 'pandas.core'"))).isEqualTo("pandas");
        assertThat(PythonShellLibraries.missingModule(List.of("ImportError: No module named yaml"))).isEqualTo("yaml");
        assertThat(PythonShellLibraries.missingModule(List.of("ValueError: bad"))).isNull();
    }

    @Test
    void additionalPythonModulesAreReadAsImportNames() {
        assertThat(PythonShellLibraries.additionalModules("scikit-learn==0.21.3 -i https://pypi.org/simple/,"
                + " PyMySQL>=1, my.pkg[extra]~=2")).containsExactlyInAnyOrder("sklearn", "pymysql", "my_pkg");
    }
}
