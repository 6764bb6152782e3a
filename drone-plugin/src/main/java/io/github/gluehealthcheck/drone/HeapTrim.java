package io.github.gluehealthcheck.drone;

import java.time.Duration;

/**
 * One full collection, a while after the CLI's start, when the start-up garbage (the AWS SDK's classes, the
 * warm-up's throwaway clients) is gone and the check only waits on Glue. Without it, {@code java -jar} keeps
 * whatever heap G1 grew to during the start-up burst (on a 24 GB machine its initial heap is 388 MB) and the
 * polls of a long check fill that eden for minutes: the 100-job check peaked at 180-300 MB of RSS from one run to
 * the next. A full collection gives back what is free beyond {@code MaxHeapFreeRatio}, and with a collection every
 * several seconds from then on G1 has no reason to grow it again: 174-191 MB (docs/performance.md, run E). Only
 * the CLI's own process does this; the engine never does, and a Jenkins controller never sees it.
 */
final class HeapTrim {
    /** Start-up is over by then; a check that ends sooner has nothing to give back. */
    static final Duration AFTER = Duration.ofSeconds(10);

    private HeapTrim() {
    }

    /** Collects once, {@code after} from now, on a daemon thread that never holds the JVM up. */
    static Thread schedule(Duration after) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            System.gc();
        }, "glue-health-check-heap-trim");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
