package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.spec.Setting;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void onlyAHealthCheckStartsTheWarmUp() {
        assertThat(CommandLine.isCheck("--script", "a.py")).isTrue();
        assertThat(CommandLine.isCheck()).isTrue();
        assertThat(CommandLine.isCheck("--script", "a.py", "--help")).isFalse();
        assertThat(CommandLine.isCheck("--version")).isFalse();
        assertThat(CommandLine.isCheck("--script", "a.py", "--dry-run")).isFalse();
        assertThat(CommandLine.isCheck("local-endpoint", "--port", "0")).isFalse();
        assertThat(CommandLine.isCheck("train")).as("a check of its own").isTrue();
    }

    @Test
    void trainTakesNoArguments() {
        CommandLine train = CommandLine.parse("train");
        assertThat(train.command()).isEqualTo(CommandLine.Command.TRAIN);
        assertThat(train.problems()).isEmpty();
        assertThat(CommandLine.parse("train", "--script", "a.py").problems())
                .containsExactly("'--script': unexpected argument; train takes none (see --help)");
    }

    @Test
    void flagsAreTheSettingsInKebabCaseWithSpaceOrEquals() {
        CommandLine cl = CommandLine.parse("--script", "jobs/a.py", "--scripts-bucket=s3://b/p", "--job-type", "pythonshell");
        assertThat(cl.command()).isEqualTo(CommandLine.Command.CHECK);
        assertThat(cl.problems()).isEmpty();
        assertThat(cl.flags()).containsEntry(Setting.SCRIPT, "jobs/a.py")
                .containsEntry(Setting.SCRIPTS_BUCKET, "s3://b/p")
                .containsEntry(Setting.JOB_TYPE, "pythonshell");
    }

    @Test
    void aBooleanFlagAloneIsTrueAndTakesAnExplicitValueWhenGiven() {
        CommandLine cl = CommandLine.parse("--dry-run", "--sweep", "false", "--script", "a.py");
        assertThat(cl.flags()).containsEntry(Setting.DRY_RUN, "true").containsEntry(Setting.SWEEP, "false")
                .containsEntry(Setting.SCRIPT, "a.py");
    }

    @Test
    void theValueOfAnOtherFlagIsTheNextWordEvenWhenItStartsWithDashes() {
        CommandLine cl = CommandLine.parse("--health-check-argument", "--health_check=yes", "--arguments", "--a=1,--b=2");
        assertThat(cl.flags()).containsEntry(Setting.HEALTH_CHECK_ARGUMENT, "--health_check=yes")
                .containsEntry(Setting.ARGUMENTS, "--a=1,--b=2");
    }

    @Test
    void unknownFlagsAreProblemsThatSuggestTheClosestFlag() {
        CommandLine cl = CommandLine.parse("--scripts-buckt", "s3://b", "--script", "a.py");
        assertThat(cl.problems()).containsExactly("--scripts-buckt: is not an option (did you mean --scripts-bucket?); see --help");
        assertThat(cl.flags()).containsOnlyKeys(Setting.SCRIPT);
    }

    @Test
    void missingValuesRepeatsAndStrayWordsAreProblems() {
        assertThat(CommandLine.parse("--script").problems()).containsExactly("--script: needs a value");
        assertThat(CommandLine.parse("--script", "a.py", "--script", "b.py").problems())
                .containsExactly("--script: is given more than once; give one value");
        assertThat(CommandLine.parse("jobs/a.py").problems()).singleElement().asString()
                .startsWith("'jobs/a.py': unexpected argument");
    }

    @Test
    void helpVersionAndTheLocalEndpointSubcommand() {
        assertThat(CommandLine.parse("--script", "a.py", "--help").command()).isEqualTo(CommandLine.Command.HELP);
        assertThat(CommandLine.parse("-h").command()).isEqualTo(CommandLine.Command.HELP);
        assertThat(CommandLine.parse("--version").command()).isEqualTo(CommandLine.Command.VERSION);
        CommandLine endpoint = CommandLine.parse("local-endpoint", "--port", "4566");
        assertThat(endpoint.command()).isEqualTo(CommandLine.Command.LOCAL_ENDPOINT);
        assertThat(endpoint.rest()).containsExactly("--port", "4566");
    }

    @Test
    void everySettingHasAFlag() {
        for (Setting s : Setting.values()) {
            String value = s.kind() == Setting.Kind.BOOLEAN ? "true" : "x";
            assertThat(CommandLine.parse(s.flag(), value).flags()).as(s.flag()).containsEntry(s, value);
        }
    }
}
