package dev.tiered.runtime.internal;

import dev.tiered.runtime.TieredStats;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one cached method: hits per thread ({@link HitCounts}), the rest striped ({@link LongAdder}), so
 * that threads calling one method never contend.
 */
final class Counters {
  final HitCounts hits = new HitCounts();
  final LongAdder misses = new LongAdder();
  final LongAdder l1Errors = new LongAdder();
  final LongAdder l2Errors = new LongAdder();
  final LongAdder delegateCalls = new LongAdder();
  final LongAdder delegateFailures = new LongAdder();
  final LongAdder refreshes = new LongAdder();
  final LongAdder offloaded = new LongAdder();
  final LongAdder skipped = new LongAdder();

  /** The error counter of {@code tier}. */
  LongAdder errors(Tier tier) {
    return tier == Tier.L1 ? l1Errors : l2Errors;
  }

  TieredStats snapshot() {
    long[] hitSums = hits.sums();
    return new StatsSnapshot(
        hitSums[HitCounts.L1],
        hitSums[HitCounts.L2],
        hitSums[HitCounts.STALE],
        misses.sum(),
        l1Errors.sum(),
        l2Errors.sum(),
        delegateCalls.sum(),
        delegateFailures.sum(),
        refreshes.sum(),
        offloaded.sum(),
        skipped.sum());
  }
}
