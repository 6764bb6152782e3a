package io.github.gluehealthcheck.drone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a JVM of its own by {@link HeapTrimTest}: {@link HeapTrim}'s schedule on a real G1 heap, its times
 * shortened. After the first collection the heap is made to grow far beyond what that collection left (400 MB held
 * in small arrays, then let go), and nothing is allocated after that, so G1 has no reason to collect by itself.
 * Prints one line: the committed heap after the first collection, once grown, and 5 s after the arrays were let go.
 * With {@code control}, the schedule's later collections do nothing: what G1 gives back on its own.
 */
final class HeapTrimChild {

    private HeapTrimChild() {
    }

    public static void main(String[] args) throws Exception {
        boolean control = args.length > 0 && args[0].equals("control");
        Runtime runtime = Runtime.getRuntime();
        AtomicInteger collections = new AtomicInteger();
        HeapTrim.schedule(Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(500), runtime::totalMemory,
                () -> {
                    if (collections.incrementAndGet() == 1 || !control) {
                        System.gc();
                    }
                });
        while (collections.get() == 0) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        long trimmed = runtime.totalMemory();
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 400 * 16; i++) {
            held.add(new byte[64 << 10]);
        }
        long grown = runtime.totalMemory();
        held = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (runtime.totalMemory() >= grown / 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        System.out.println("trimmed=" + trimmed + " grown=" + grown + " after=" + runtime.totalMemory()
                + " collections=" + collections.get());
    }
}
