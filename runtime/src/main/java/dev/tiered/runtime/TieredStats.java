package dev.tiered.runtime;

/**
 * A snapshot of a decorator's counters, for all its methods ({@code stats()}) or one ({@code stats("find")}).
 *
 * <p>Every call that reaches the cache ends in exactly one of {@link #l1Hits()}, {@link #l2Hits()}, {@link
 * #staleHits()} or {@link #misses()}; errors of either tier (a failed read, write or removal, an entry that did not
 * decode) are counted apart and never fail the call.
 */
public final class TieredStats {
  private final long l1Hits;
  private final long l2Hits;
  private final long staleHits;
  private final long misses;
  private final long l1Errors;
  private final long l2Errors;
  private final long delegateCalls;
  private final long delegateFailures;
  private final long refreshes;
  private final long offloaded;

  /** Creates a snapshot; decorators make these, users read them. */
  public TieredStats(
      long l1Hits,
      long l2Hits,
      long staleHits,
      long misses,
      long l1Errors,
      long l2Errors,
      long delegateCalls,
      long delegateFailures,
      long refreshes,
      long offloaded) {
    this.l1Hits = l1Hits;
    this.l2Hits = l2Hits;
    this.staleHits = staleHits;
    this.misses = misses;
    this.l1Errors = l1Errors;
    this.l2Errors = l2Errors;
    this.delegateCalls = delegateCalls;
    this.delegateFailures = delegateFailures;
    this.refreshes = refreshes;
    this.offloaded = offloaded;
  }

  /** A snapshot with every counter at zero. */
  public static TieredStats empty() {
    return new TieredStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Calls answered by a fresh L1 entry. */
  public long l1Hits() {
    return l1Hits;
  }

  /** Calls answered by a fresh L2 entry. */
  public long l2Hits() {
    return l2Hits;
  }

  /** Calls answered by a stale entry of either tier (and so followed by a background refresh). */
  public long staleHits() {
    return staleHits;
  }

  /** Calls that found no live entry in either tier and waited for the delegate. */
  public long misses() {
    return misses;
  }

  /** Failed L1 operations: reads, writes, removals, entries that did not decode. */
  public long l1Errors() {
    return l1Errors;
  }

  /** Failed L2 operations: reads, writes, removals, entries that did not decode. */
  public long l2Errors() {
    return l2Errors;
  }

  /** Calls made to the delegate, for misses and refreshes alike (concurrent misses of one key share one). */
  public long delegateCalls() {
    return delegateCalls;
  }

  /** Delegate calls that threw or completed exceptionally. */
  public long delegateFailures() {
    return delegateFailures;
  }

  /** Background refreshes started by stale hits. */
  public long refreshes() {
    return refreshes;
  }

  /** Race losers (reads or writes) that ran to completion in the background under {@code OFFLOAD}. */
  public long offloaded() {
    return offloaded;
  }

  /** Fresh and stale hits over all calls that reached the cache; zero when there were none. */
  public double hitRate() {
    long hits = l1Hits + l2Hits + staleHits;
    long total = hits + misses;
    return total == 0 ? 0 : (double) hits / total;
  }

  /** The sum of this snapshot and {@code other}. */
  public TieredStats plus(TieredStats other) {
    return new TieredStats(
        l1Hits + other.l1Hits,
        l2Hits + other.l2Hits,
        staleHits + other.staleHits,
        misses + other.misses,
        l1Errors + other.l1Errors,
        l2Errors + other.l2Errors,
        delegateCalls + other.delegateCalls,
        delegateFailures + other.delegateFailures,
        refreshes + other.refreshes,
        offloaded + other.offloaded);
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
        + "}";
  }
}
