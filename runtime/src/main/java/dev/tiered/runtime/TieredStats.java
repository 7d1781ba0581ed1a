package dev.tiered.runtime;

import dev.tiered.runtime.internal.StatsSnapshot;

/**
 * A snapshot of a decorator's counters, for all its methods ({@code stats()}) or one ({@code stats("find")}).
 *
 * <p>Every call that reaches the cache ends in exactly one of {@link #l1Hits()}, {@link #l2Hits()}, {@link
 * #staleHits()} or {@link #misses()}; errors of either tier (a failed read, write or removal, an entry that did not
 * decode) are counted apart and never fail the call. Decorators make snapshots; users read them.
 */
public interface TieredStats {

  /** A snapshot with every counter at zero. */
  static TieredStats empty() {
    return StatsSnapshot.EMPTY;
  }

  /** Calls answered by a fresh L1 entry. */
  long l1Hits();

  /** Calls answered by a fresh L2 entry. */
  long l2Hits();

  /** Calls answered by a stale entry of either tier (and so followed by a background refresh). */
  long staleHits();

  /** Calls that found no live entry in either tier and waited for the delegate. */
  long misses();

  /** Failed L1 operations: reads, writes, removals, entries that did not decode. */
  long l1Errors();

  /** Failed L2 operations: reads, writes, removals, entries that did not decode. */
  long l2Errors();

  /** Calls made to the delegate, for misses and refreshes alike (concurrent misses of one key share one). */
  long delegateCalls();

  /** Delegate calls that threw or completed exceptionally. */
  long delegateFailures();

  /** Background refreshes started by stale hits. */
  long refreshes();

  /** Race losers (reads or writes) that ran to completion in the background under {@code OFFLOAD}. */
  long offloaded();

  /**
   * Tier operations skipped without being tried: the backend's circuit was open ({@link TierUnavailableException}),
   * or the executor was full. A skipped read is a miss of that tier; a skipped write did not happen.
   */
  long skipped();

  /** Fresh and stale hits over all calls that reached the cache; zero when there were none. */
  default double hitRate() {
    long hits = l1Hits() + l2Hits() + staleHits();
    long total = hits + misses();
    return total == 0 ? 0 : (double) hits / total;
  }

  /** The sum of this snapshot and {@code other}. */
  default TieredStats plus(TieredStats other) {
    return StatsSnapshot.sum(this, other);
  }
}
