package io.github.gluehealthcheck.drone;

import io.github.gluehealthcheck.engine.Warmup;
import java.nio.file.Path;

/**
 * The CLI and Drone plugin entry point: {@code java -jar glue-health-check.jar [--setting value ...]}, the image's
 * entry point, and {@code local-endpoint} for the embedded AWS endpoint. See {@code --help}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (CommandLine.isCheck(args)) {
            // Loads the AWS SDK and the report writers on the second core while this thread reads the settings.
            Warmup.startInBackground();
            HeapTrim.schedule(HeapTrim.AFTER);
        }
        HealthCheckCommand command = new HealthCheckCommand(System.getenv(), Path.of("").toAbsolutePath(), System.out,
                BuildInfo.load());
        int code = command.run(args);
        System.out.flush();
        // On SIGTERM/SIGINT the JVM is already exiting (with 143/130) and waits for this thread: just return.
        if (!command.shuttingDown()) {
            System.exit(code);
        }
    }
}
