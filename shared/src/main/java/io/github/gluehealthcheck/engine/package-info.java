/**
 * The glue-health-check engine: creates a temporary Glue job, runs it in health-check mode, watches it to the
 * end, reports, and always cleans up. Plain Java and the AWS SDK for Java v2; no CI types.
 */
package io.github.gluehealthcheck.engine;
