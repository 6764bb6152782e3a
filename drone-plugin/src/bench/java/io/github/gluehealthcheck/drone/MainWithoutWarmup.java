package io.github.gluehealthcheck.drone;

import java.nio.file.Path;

/**
 * Bench only, never shipped: {@link Main} without the engine's warm-up on the second core, so that the benchmark
 * measures what the warm-up saves instead of claiming it. The same command, settings, output and exit codes.
 */
public final class MainWithoutWarmup {

    private MainWithoutWarmup() {
    }

    public static void main(String[] args) {
        HealthCheckCommand command = new HealthCheckCommand(System.getenv(), Path.of("").toAbsolutePath(), System.out,
                BuildInfo.load());
        int code = command.run(args);
        System.out.flush();
        if (!command.shuttingDown()) {
            System.exit(code);
        }
    }
}
