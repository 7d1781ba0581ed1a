package dev.tiered;

/** How a call reads the two tiers. A tier's error counts as a miss of that tier. */
public enum ReadPolicy {
  /** L1 first; L2 only on an L1 miss or error. L2 is not touched on an L1 hit. The cheapest choice. */
  SEQUENTIAL,
  /**
   * Both tiers start together and the first hit is returned at once; a miss or error waits for the other tier. A
   * call is never slower than the faster tier that has the entry, so a stalled tier never holds the caller.
   */
  RACE,
  /**
   * Both tiers start together and both are awaited; when both hit, the entry with the longer remaining ttl wins
   * (L1 on ties). Choose it when the freshest entry matters more than latency.
   */
  PARALLEL
}
