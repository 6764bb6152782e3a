package io.github.gluehealthcheck.bench;

import io.github.gluehealthcheck.engine.aws.SdkWarmup;

/**
 * The AWS SDK's share of a check's start-up, alone: builds the clients the way the engine does and makes each call
 * of a check once against canned answers in memory (the engine's {@link SdkWarmup}), with no settings, no network,
 * no engine. Prints {@code main <epoch ms>} on entry and {@code done <epoch ms>} at the end.
 */
public final class SdkFloor {
    private SdkFloor() {
    }

    public static void main(String[] args) {
        long entered = System.currentTimeMillis();
        SdkWarmup.runQuietly();
        long done = System.currentTimeMillis();
        System.out.println("main " + entered);
        System.out.println("done " + done);
    }
}
