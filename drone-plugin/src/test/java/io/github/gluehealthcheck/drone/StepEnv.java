package io.github.gluehealthcheck.drone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment a CI runner gives a plugin step: its context variables and the step's settings as
 * {@code PLUGIN_*}; and the workspace it runs in, with the example jobs in it.
 */
public final class StepEnv {
    public static final String ACCESS_KEY = "TEST-ACCESS-KEY-ID-0001";
    public static final String SECRET_KEY = "test-secret-access-key-not-real-0123456789";
    public static final String COMMIT = "4f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";

    private final Map<String, String> env;

    private StepEnv(Map<String, String> env) {
        this.env = env;
    }

    /** Nothing but the basics: a terminal with a clean environment. */
    public static StepEnv terminal(Path home) {
        return new StepEnv(new HashMap<>(Cli.baseEnvironment(home)));
    }

    /** A Drone push build of data/etl, build 7, in {@code workspace}. */
    public static StepEnv drone(Path home, Path workspace) {
        return terminal(home).set("DRONE", "true").set("CI", "true").set("DRONE_REPO", "data/etl")
                .set("DRONE_REPO_OWNER", "data").set("DRONE_REPO_NAME", "etl").set("DRONE_BUILD_NUMBER", "7")
                .set("DRONE_BUILD_EVENT", "push").set("DRONE_BRANCH", "main").set("DRONE_COMMIT_SHA", COMMIT)
                .set("DRONE_BUILD_LINK", "https://drone.example.com/data/etl/7")
                .set("DRONE_WORKSPACE", workspace.toString()).set("DRONE_STEP_NAME", "glue-health-check");
    }

    /** A Woodpecker pipeline (CI_* only). */
    public static StepEnv woodpecker(Path home, Path workspace) {
        return terminal(home).set("CI", "woodpecker").set("CI_REPO", "data/etl").set("CI_REPO_NAME", "etl")
                .set("CI_PIPELINE_NUMBER", "21").set("CI_PIPELINE_EVENT", "pull_request")
                .set("CI_COMMIT_PULL_REQUEST", "5").set("CI_COMMIT_BRANCH", "main").set("CI_COMMIT_SOURCE_BRANCH", "feature")
                .set("CI_COMMIT_SHA", COMMIT).set("CI_PIPELINE_URL", "https://ci.example.com/repos/3/pipeline/21")
                .set("CI_WORKSPACE", workspace.toString());
    }

    /** The same build as a pull request (Drone hides secrets from these by default). */
    public StepEnv pullRequest(String number) {
        return set("DRONE_BUILD_EVENT", "pull_request").set("DRONE_PULL_REQUEST", number)
                .set("DRONE_SOURCE_BRANCH", "fix-orders").set("DRONE_TARGET_BRANCH", "main");
    }

    /** Settings that point at the local endpoint process, with (fake) credentials from secrets. */
    public StepEnv aws(LocalEndpointExtension endpoint) {
        return aws(endpoint.url());
    }

    public StepEnv aws(String endpointUrl) {
        return set("PLUGIN_ENDPOINT", endpointUrl).set("PLUGIN_REGION", "us-east-1")
                .set("PLUGIN_ACCESS_KEY", ACCESS_KEY).set("PLUGIN_SECRET_KEY", SECRET_KEY)
                .set("PLUGIN_ROLE", "arn:aws:iam::123456789012:role/glue-ci")
                .set("PLUGIN_SCRIPTS_BUCKET", "s3://ci-scripts/checks");
    }

    public StepEnv set(String name, String value) {
        env.put(name, value);
        return this;
    }

    public StepEnv remove(String name) {
        env.remove(name);
        return this;
    }

    public Map<String, String> map() {
        return Map.copyOf(env);
    }

    /** A workspace with the example jobs under {@code jobs/}. */
    public static Path workspace(Path dir) {
        try {
            Path jobs = Files.createDirectories(dir.resolve("jobs"));
            try (var files = Files.list(Cli.REPO.resolve("examples/jobs"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, jobs.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
