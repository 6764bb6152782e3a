package io.github.gluehealthcheck.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void eachAdapterSpellsTheSameSetting() {
        assertThat(Setting.SCRIPTS_BUCKET.key()).isEqualTo("scripts_bucket");
        assertThat(Setting.SCRIPTS_BUCKET.envName()).isEqualTo("PLUGIN_SCRIPTS_BUCKET");
        assertThat(Setting.SCRIPTS_BUCKET.flag()).isEqualTo("--scripts-bucket");
        assertThat(Setting.SCRIPTS_BUCKET.camelCase()).isEqualTo("scriptsBucket");
        assertThat(Setting.byName("scriptsBucket")).contains(Setting.SCRIPTS_BUCKET);
        assertThat(Setting.byName("scripts-bucket")).contains(Setting.SCRIPTS_BUCKET);
        assertThat(Setting.byName("SCRIPTS_BUCKET")).contains(Setting.SCRIPTS_BUCKET);
    }

    @Test
    void everySettingIsDocumentedAndOnlyCredentialsAreSecret() {
        for (Setting s : Setting.values()) {
            assertThat(s.description()).as(s.key()).isNotBlank();
            if (s.kind() == Setting.Kind.ENUM) {
                assertThat(s.allowed()).as(s.key()).isNotEmpty();
            }
            if (s.isSecret()) {
                assertThat(s.scope()).as(s.key()).isEqualTo(Setting.Scope.CREDENTIAL);
            }
        }
    }

    @Test
    void theDesignTableIsCovered() {
        for (String name : new String[] {"mode", "script", "config", "job_name", "job_type", "glue_version", "worker_type",
                "number_of_workers", "max_capacity", "execution_class", "timeout", "max_wait", "arguments",
                "health_check_argument", "role", "scripts_bucket", "temp_dir", "extra_py_files", "extra_jars",
                "additional_python_modules", "connections", "security_configuration", "tags", "region", "endpoint",
                "access_key", "secret_key", "session_token", "assume_role", "external_id", "role_session_name",
                "web_identity_token_file", "parallelism", "keep_job", "sweep", "report_dir", "dry_run", "log_level"}) {
            assertThat(Setting.byName(name)).as(name).isPresent();
        }
    }
}
