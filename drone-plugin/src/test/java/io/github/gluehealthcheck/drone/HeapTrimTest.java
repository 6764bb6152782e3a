package io.github.gluehealthcheck.drone;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapTrimTest {

    /** Full collections: what System.gc() does with G1 (the test JVM's collector) or the serial collector. */
    private static long fullCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().equals("G1 Old Generation") || b.getName().equals("MarkSweepCompact"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void collectsOnceAfterTheDelayOnADaemonThread() throws Exception {
        assertThat(ManagementFactory.getGarbageCollectorMXBeans()).extracting(GarbageCollectorMXBean::getName)
                .containsAnyOf("G1 Old Generation", "MarkSweepCompact");
        long before = fullCollections();
        Thread t = HeapTrim.schedule(Duration.ofMillis(200));
        assertThat(t.isDaemon()).isTrue();
        Thread.sleep(50);
        assertThat(t.isAlive()).as("still waiting").isTrue();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(fullCollections()).isGreaterThan(before);
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
