package dev.tiered.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Measures how long an invalidation made on one node takes to evict the entry from another node's L1: from just
 * before the invalidating call starts on node A until node B's bus has evicted the entry (polled every 20 µs).
 */
final class Propagation {
  /** An invalidation not applied within this long counts as lost. */
  private static final long LOST_AFTER_NANOS = TimeUnit.SECONDS.toNanos(2);
  /** Timed rounds per kind of invalidation. */
  static final int ROUNDS = 200;
  /** Rounds before the timed ones. */
  static final int WARM_UP = 20;

  private final long[] nanos;
  private final int lost;

  private Propagation(long[] nanos, int lost) {
    this.nanos = nanos;
    this.lost = lost;
  }

  /**
   * Runs {@value #WARM_UP} rounds to warm the JIT up (checked, not timed), then {@code rounds} timed ones. In round
   * {@code i}, node B caches entry {@code i} in its L1 (a miss, then an L1 hit), node A runs {@code
   * invalidate.accept(i)}, and the round waits for B's bus to evict the entry; then B must answer {@code
   * expected(i)}.
   */
  static Propagation measure(Node a, Node b, int rounds, LongConsumer invalidate, LongFunctionOfString expected) {
    long[] nanos = new long[rounds];
    int lost = 0;
    for (int i = -WARM_UP; i < rounds; i++) {
      long id = i < 0 ? 1_000_000 - i : i;
      b.accounts.find(id);
      long l1Hits = b.accounts.stats().l1Hits();
      b.accounts.find(id);
      assertEquals(l1Hits + 1, b.accounts.stats().l1Hits(), "node B holds entry " + id + " in L1");
      long evicted = b.bus().evicted();

      long start = System.nanoTime();
      invalidate.accept(id);
      while (b.bus().evicted() == evicted && System.nanoTime() - start < LOST_AFTER_NANOS) {
        LockSupport.parkNanos(20_000);
      }
      if (i >= 0) {
        nanos[i] = System.nanoTime() - start;
      }
      if (b.bus().evicted() == evicted) {
        lost++;
      }
      assertEquals(expected.apply(id), b.accounts.find(id), "node B after invalidation " + i);
    }
    return new Propagation(nanos, lost);
  }

  /**
   * Measures {@link #ROUNDS} invalidations by key and as many of all entries, from node A to node B, prints both and
   * asserts that none was lost and that each p99 is within 50 ms; returns how many invalidating calls node A made.
   */
  static int assertWithin50Millis(Node a, Node b, String deployment) {
    Propagation keyed = measure(a, b, ROUNDS, id -> a.accounts.rename(id, "renamed-" + id),
        id -> "renamed-" + id + "@" + id);
    Propagation all = measure(a, b, ROUNDS, id -> a.accounts.renameAll("all-" + id), id -> "all-" + id + "@" + id);
    System.out.println("Propagation, " + deployment + ", @Invalidate by key: " + keyed);
    System.out.println("Propagation, " + deployment + ", @Invalidate(all = true): " + all);
    for (Propagation p : List.of(keyed, all)) {
      assertEquals(0, p.lost(), p.toString());
      assertTrue(p.percentileMillis(99) <= 50, p.toString());
    }
    return 2 * (WARM_UP + ROUNDS);
  }

  /** The expected answer for an id. */
  @FunctionalInterface
  interface LongFunctionOfString {
    String apply(long id);
  }

  int lost() {
    return lost;
  }

  /** The {@code p}-th percentile in milliseconds (nearest rank). */
  double percentileMillis(double p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%d invalidations: p50 %.2f ms, p99 %.2f ms, max %.2f ms, lost %d",
        nanos.length, percentileMillis(50), percentileMillis(99), percentileMillis(100), lost);
  }
}
