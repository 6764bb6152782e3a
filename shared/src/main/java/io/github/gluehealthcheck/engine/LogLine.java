package io.github.gluehealthcheck.engine;

import java.time.Instant;

/**
 * One line a Glue run wrote to CloudWatch Logs.
 *
 * @param group     the log group, e.g. {@code /aws-glue/jobs/output}
 * @param stream    the log stream (starts with the run id)
 * @param timestamp when the job wrote it
 * @param message   the line, without a trailing newline
 * @param error     true when it came from an error group (stderr, driver errors)
 */
public record LogLine(String group, String stream, Instant timestamp, String message, boolean error) {
}
