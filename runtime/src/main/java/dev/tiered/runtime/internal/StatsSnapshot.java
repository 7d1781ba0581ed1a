package dev.tiered.runtime.internal;

import dev.tiered.runtime.TieredStats;

/** The {@link TieredStats} that decorators hand out: immutable counter values. */
public record StatsSnapshot(
    long l1Hits,
    long l2Hits,
    long staleHits,
    long misses,
    long l1Errors,
    long l2Errors,
    long delegateCalls,
    long delegateFailures,
    long refreshes,
    long offloaded,
    long skipped)
    implements TieredStats {

  /** Every counter at zero. */
  public static final StatsSnapshot EMPTY = new StatsSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The counter-wise sum of two snapshots. */
  public static TieredStats sum(TieredStats a, TieredStats b) {
    return new StatsSnapshot(
        a.l1Hits() + b.l1Hits(),
        a.l2Hits() + b.l2Hits(),
        a.staleHits() + b.staleHits(),
        a.misses() + b.misses(),
        a.l1Errors() + b.l1Errors(),
        a.l2Errors() + b.l2Errors(),
        a.delegateCalls() + b.delegateCalls(),
        a.delegateFailures() + b.delegateFailures(),
        a.refreshes() + b.refreshes(),
        a.offloaded() + b.offloaded(),
        a.skipped() + b.skipped());
  }

  @Override
  public String toString() {
    return "TieredStats{l1Hits=" + l1Hits
        + ", l2Hits=" + l2Hits
        + ", staleHits=" + staleHits
        + ", misses=" + misses
        + ", l1Errors=" + l1Errors
        + ", l2Errors=" + l2Errors
        + ", delegateCalls=" + delegateCalls
        + ", delegateFailures=" + delegateFailures
        + ", refreshes=" + refreshes
        + ", offloaded=" + offloaded
        + ", skipped=" + skipped
        + "}";
  }
}
