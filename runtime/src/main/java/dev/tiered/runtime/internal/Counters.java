package dev.tiered.runtime.internal;

import dev.tiered.runtime.TieredStats;
import java.util.concurrent.atomic.LongAdder;

/** The counters of one cached method. Striped ({@link LongAdder}) so that threads hitting one method never contend. */
final class Counters {
  final LongAdder l1Hits = new LongAdder();
  final LongAdder l2Hits = new LongAdder();
  final LongAdder staleHits = new LongAdder();
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

  /** The counter of a hit of {@code freshness} answered by {@code tier}. */
  LongAdder hits(Tier tier, Freshness freshness) {
    return freshness == Freshness.STALE ? staleHits : tier == Tier.L1 ? l1Hits : l2Hits;
  }

  TieredStats snapshot() {
    return new StatsSnapshot(
        l1Hits.sum(),
        l2Hits.sum(),
        staleHits.sum(),
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
