package io.github.gluehealthcheck.drone;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A full collection a while after the CLI's start, when the start-up garbage (the AWS SDK's classes, the warm-up's
 * throwaway clients) is gone and the check only waits on Glue, and again whenever G1 grows the heap far beyond what
 * that collection left. Without it, {@code java -jar} keeps whatever heap G1 grew to during the start-up burst (on a
 * 24 GB machine its initial heap is 388 MB) and the polls of a long check fill that eden for minutes: the 100-job
 * check peaked at 180-300 MB of RSS from one run to the next. A full collection gives back what is free beyond
 * {@code MaxHeapFreeRatio}: 174-191 MB (docs/performance.md, run E). On a busy machine G1 may grow the heap again
 * at a young collection soon after (its recent pauses, the start-up's among them, look long against its time
 * ratio): from 68 to 224 MB 17 s after the first collection, in a check that then peaked at 282 MB (run H). So the
 * committed heap is looked at every few seconds, and collected again when it has more than doubled. Only the CLI's
 * own process does this; the engine never does, and a Jenkins controller never sees it.
 */
final class HeapTrim {
    /** Start-up is over by then; a check that ends sooner has nothing to give back. */
    static final Duration AFTER = Duration.ofSeconds(10);
    /** How often the committed heap is looked at after the first collection. */
    static final Duration WATCH_EVERY = Duration.ofSeconds(5);
    /** The least time between two collections after the first: at most a 30 ms pause every 15 s. */
    static final Duration AT_MOST_EVERY = Duration.ofSeconds(15);
    /** Below this the heap is left alone, however much it grew. */
    static final long FLOOR_BYTES = 128L << 20;

    private HeapTrim() {
    }

    /** The committed size above which a heap that a collection left at {@code trimmed} is collected again. */
    static long regrowthLimit(long trimmed) {
        return Math.max(2 * trimmed, FLOOR_BYTES);
    }

    /** Collects {@code after} from now, then as the class says, on a daemon thread that never holds the JVM up. */
    static Thread schedule(Duration after) {
        Runtime runtime = Runtime.getRuntime();
        return schedule(after, WATCH_EVERY, AT_MOST_EVERY, runtime::totalMemory, System::gc);
    }

    /**
     * The same with its clock and its view of the heap given: {@code committed} is the heap's committed size,
     * {@code collect} a full collection.
     */
    static Thread schedule(Duration after, Duration every, Duration atMostEvery, LongSupplier committed,
            Runnable collect) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                collect.run();
                long limit = regrowthLimit(committed.getAsLong());
                long last = System.nanoTime();
                while (true) {
                    Thread.sleep(every.toMillis());
                    if (committed.getAsLong() > limit && System.nanoTime() - last >= atMostEvery.toNanos()) {
                        collect.run();
                        last = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                // asked to stop
            }
        }, "glue-health-check-heap-trim");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
