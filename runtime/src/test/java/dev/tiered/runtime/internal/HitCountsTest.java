package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Hits counted on many threads add up exactly, and threads that ended keep their counts. */
class HitCountsTest {

  @Test
  void concurrentHitsAddUpExactly() throws Exception {
    HitCounts counts = new HitCounts();
    int threads = 8;
    int each = 100_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int kind = t % 3;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
        for (int i = 0; i < each; i++) {
          counts.add(kind);
          if (i % 10_000 == 0) {
            counts.sum(kind); // sums while others count
          }
        }
      });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join();
    }

    assertEquals(3L * each, counts.sum(HitCounts.L1)); // threads 0, 3, 6
    assertEquals(3L * each, counts.sum(HitCounts.L2)); // 1, 4, 7
    assertEquals(2L * each, counts.sum(HitCounts.STALE)); // 2, 5
  }

  @Test
  void threadsThatEndedKeepTheirCountsAndLeaveNoCellsBehind() throws Exception {
    HitCounts counts = new HitCounts();
    for (int t = 0; t < 200; t++) {
      Thread thread = new Thread(() -> counts.add(HitCounts.L2));
      thread.start();
      thread.join();
    }
    counts.add(HitCounts.L2);

    assertEquals(201, counts.sum(HitCounts.L2));
    assertEquals(0, counts.sum(HitCounts.L1));
    assertEquals(1, counts.cells(), "only the live thread's cell is kept");
  }

  @Test
  void moreLiveThreadsThanSlotsGrowTheTableAndCountExactly() throws Exception {
    HitCounts counts = new HitCounts();
    int threads = 40;
    int each = 20_000;
    runTogether(counts, threads, each);

    assertEquals((long) threads * each, counts.sum(HitCounts.L1));
    assertTrue(counts.slots() >= 32, "the table grew past its 8 slots for 40 live threads: " + counts.slots());
  }

  @Test
  void threadsBeyondAFullTableCountInSharedCellsExactly() throws Exception {
    HitCounts counts = new HitCounts(8);
    int threads = 24;
    int each = 20_000;
    runTogether(counts, threads, each);

    assertEquals((long) threads * each, counts.sum(HitCounts.L1));
    assertEquals(8, counts.slots(), "the table may not grow past its maximum");
  }

  /** Starts {@code threads} threads that each count {@code each} L1 hits, all alive until every one has counted. */
  private static void runTogether(HitCounts counts, int threads, int each) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch counted = new CountDownLatch(threads);
    CountDownLatch end = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < each; i++) {
            counts.add(HitCounts.L1);
            if (i % 5_000 == 0) {
              counts.sum(HitCounts.L1); // sums while others count
            }
          }
          counted.countDown();
          end.await(); // alive until all have counted, so no slot is freed by an ended thread
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    counted.await();
    assertEquals((long) threads * each, counts.sum(HitCounts.L1), "exact while every thread is alive");
    end.countDown();
    for (Thread thread : started) {
      thread.join();
    }
  }
}
