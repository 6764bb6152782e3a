package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class HeapTrimTest {

    /** Full collections: what System.gc() does with G1 (the test JVM's collector) or the serial collector. */
    private static long fullCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().equals("G1 Old Generation") || b.getName().equals("MarkSweepCompact"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void collectsAfterTheDelayOnADaemonThread() throws Exception {
        assertThat(ManagementFactory.getGarbageCollectorMXBeans()).extracting(GarbageCollectorMXBean::getName)
                .containsAnyOf("G1 Old Generation", "MarkSweepCompact");
        long before = fullCollections();
        Thread t = HeapTrim.schedule(Duration.ofMillis(200));
        assertThat(t.isDaemon()).isTrue();
        Thread.sleep(50);
        assertThat(t.isAlive()).as("still waiting").isTrue();
        await(() -> fullCollections() > before);
        assertThat(fullCollections()).isGreaterThan(before);
        assertThat(t.isAlive()).as("watching the heap from then on").isTrue();
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void collectsAgainOnlyWhenTheHeapHasMoreThanDoubledAndNotTooOften() throws Exception {
        long mb = 1L << 20;
        AtomicLong committed = new AtomicLong(300 * mb); // the start-up's heap, before the first collection
        AtomicInteger collections = new AtomicInteger();
        Thread t = HeapTrim.schedule(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(300),
                committed::get, () -> {
                    collections.incrementAndGet();
                    committed.set(68 * mb); // what a full collection leaves
                });
        try {
            await(() -> collections.get() == 1);
            Thread.sleep(100);
            committed.set(130 * mb); // grown, but not past twice 68 MB
            Thread.sleep(400);
            assertThat(collections.get()).as("heap below twice 68 MB").isEqualTo(1);

            committed.set(224 * mb); // G1 grew it at a young collection
            await(() -> collections.get() == 2);
            committed.set(224 * mb); // and again at once: not before 300 ms have passed
            long second = System.nanoTime();
            await(() -> collections.get() == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - second)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        } finally {
            t.interrupt();
            t.join(10_000);
        }
    }

    @Test
    void aSmallHeapIsLeftAloneHoweverMuchItGrew() throws Exception {
        long mb = 1L << 20;
        AtomicLong committed = new AtomicLong(20 * mb);
        AtomicInteger collections = new AtomicInteger();
        Thread t = HeapTrim.schedule(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO, committed::get,
                collections::incrementAndGet);
        try {
            await(() -> collections.get() == 1);
            committed.set(120 * mb); // six times as much, below the 128 MB floor
            Thread.sleep(300);
            assertThat(collections.get()).isEqualTo(1);
        } finally {
            t.interrupt();
            t.join(10_000);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * The schedule on a real G1 heap, in a JVM of its own ({@link HeapTrimChild}): once the heap has grown to more
     * than twice what the first collection left, the trim gives it back; without the trim's later collections, G1
     * keeps it.
     */
    @Test
    void givesBackARealG1HeapThatGrewAgain() throws Exception {
        Map<String, Long> trimmed = heapOfChild("trim");
        assertThat(trimmed.get("grown")).as("heap grown after the first collection")
                .isGreaterThan(HeapTrim.regrowthLimit(trimmed.get("trimmed")));
        assertThat(trimmed.get("after")).as("given back: %s", trimmed).isLessThan(trimmed.get("grown") / 2)
                .isLessThan(HeapTrim.FLOOR_BYTES);
        assertThat(trimmed.get("collections")).isGreaterThanOrEqualTo(2);

        Map<String, Long> control = heapOfChild("control");
        assertThat(control.get("grown")).isGreaterThan(HeapTrim.regrowthLimit(control.get("trimmed")));
        assertThat(control.get("after")).as("G1 alone keeps the heap: %s", control)
                .isGreaterThanOrEqualTo(control.get("grown") / 2);
    }

    private static Map<String, Long> heapOfChild(String mode) throws Exception {
        String classPath = Path.of(HeapTrim.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(HeapTrimChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process p = new ProcessBuilder(Cli.java(), "-XX:+UseG1GC", "-Xmx1g", "-cp", classPath,
                HeapTrimChild.class.getName(), mode).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, Long> figures = new TreeMap<>();
        for (String pair : out.split(" ")) {
            String[] kv = pair.split("=", 2);
            figures.put(kv[0], Long.parseLong(kv[1]));
        }
        assertThat(figures).as(out).containsKeys("trimmed", "grown", "after", "collections");
        return figures;
    }

    @Test
    void anInterruptedTrimCollectsNothingAndEnds() throws Exception {
        long before = fullCollections();
        Thread t = HeapTrim.schedule(Duration.ofMinutes(5));
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(fullCollections()).isEqualTo(before);
    }
}
