package io.github.gluehealthcheck.janitor;

import io.github.gluehealthcheck.engine.aws.AwsConnection;
import io.github.gluehealthcheck.engine.aws.Secret;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Runs the janitor's handler once in this (fresh) JVM, as Lambda's first invocation does, against the endpoint
 * given as the first argument, and prints how long after the JVM started the handler returned. Started by
 * {@link JanitorColdStartIT} with the packaged jar on the class path, and nothing of the test class path.
 */
public final class ColdStart {

    private ColdStart() {
    }

    public static void main(String[] args) {
        long handlerStart = System.nanoTime();
        AwsConnection connection = AwsConnection.builder().endpoint(args[0]).region("eu-west-1")
                .accessKey(Secret.of("NOTAKEY-COLDSTART0000001")).secretKey(Secret.of("cold-start-fake-secret")).build();
        Map<String, Object> summary = new JanitorHandler(Map.of(JanitorHandler.PREFIX_VARIABLE, args[1]), connection)
                .handleRequest(Map.of(), null);
        long handlerMillis = (System.nanoTime() - handlerStart) / 1_000_000;
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("deleted=" + summary.get("deleted") + " failed=" + summary.get("failed"));
        System.out.println("cold-start-ms=" + sinceJvmStart + " handler-ms=" + handlerMillis);
    }
}
