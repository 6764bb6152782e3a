/**
 * The local AWS endpoint: an in-process server speaking the real wire protocols of the Glue, S3, CloudWatch Logs
 * and STS subsets a health check uses. It runs {@code endpoint: local} health checks without an AWS account and
 * is the test double of every other test suite. Start with {@link io.github.gluehealthcheck.engine.local.LocalAwsEndpoint}.
 */
package io.github.gluehealthcheck.engine.local;
