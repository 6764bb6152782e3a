package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code dry_run}: the resolved plan, exit 0, and no AWS call at all. */
class DryRunIT {
    @RegisterExtension
    static final LocalEndpointExtension endpoint = new LocalEndpointExtension();

    @TempDir
    Path home;
    @TempDir
    Path dir;
    Path workspace;

    @BeforeEach
    void setUp() {
        workspace = StepEnv.workspace(dir);
    }

    @Test
    void printsJobNamesSettingsAndTheCallsItWouldMakeThenExits0WithoutCallingAws() throws Exception {
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).pullRequest("12").aws(endpoint)
                .set("PLUGIN_SCRIPT", "jobs/orders_summary.py").set("PLUGIN_JOB_TYPE", "pythonshell")
                .set("PLUGIN_DRY_RUN", "true").set("PLUGIN_TIMEOUT", "3")
                .set("PLUGIN_ARGUMENTS", "{\"--input_path\": \"s3://in/orders.csv\", \"--db_password\": \"pa55-w0rd-dry\"}")
                .set("PLUGIN_SECRET_ARGUMENTS", "--db_password").map());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).as(run.toString()).contains(
                "dry run: nothing is created, started or deleted",
                "build: drone data/etl PR 12 build 7",
                "credentials: static keys from settings",
                "job orders_summary: glue-health-check-orders_summary-etl-pr12-b7-<check-id>",
                "  script: jobs/orders_summary.py staged under s3://ci-scripts/checks/...",
                "  pythonshell on Glue 3.0, 0.0625 DPU, STANDARD, timeout 3 min, max_wait 13m, keep_job never",
                "  role: arn:aws:iam::123456789012:role/glue-ci",
                "--input_path=s3://in/orders.csv",
                "run argument: --health_check=true",
                "  AWS calls: glue:CreateJob, s3:PutObject, glue:StartJobRun");
        assertThat(run.everything()).doesNotContain("pa55-w0rd-dry", StepEnv.SECRET_KEY);
        assertThat(endpoint.operations()).as("requests made").isEmpty();
        assertThat(workspace.resolve("glue-health-check")).doesNotExist();
    }

    @Test
    void aDryRunOfTheSweepCallsNothingEither() throws Exception {
        Cli.Run run = Cli.run(workspace, StepEnv.drone(home, workspace).aws(endpoint).set("PLUGIN_MODE", "sweep")
                .set("PLUGIN_DRY_RUN", "true").map());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.output()).contains("sweep: delete expired health-check jobs named glue-health-check-* of every repository");
        assertThat(endpoint.operations()).isEmpty();
    }
}
