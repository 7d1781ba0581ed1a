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

  TieredStats snapshot() {
    return new TieredStats(
        l1Hits.sum(),
        l2Hits.sum(),
        staleHits.sum(),
        misses.sum(),
        l1Errors.sum(),
        l2Errors.sum(),
        delegateCalls.sum(),
        delegateFailures.sum(),
        refreshes.sum(),
        offloaded.sum());
  }
}
