package dev.tiered;

/** How a freshly loaded value is written to the two tiers. A failed write never fails the call; it is counted. */
public enum WritePolicy {
  /** L1, then L2; if L1 fails, L2 is not attempted. */
  SEQUENTIAL,
  /** Both at once, both awaited; the write succeeds if at least one tier took it. */
  OPTIMISTIC_PARALLEL,
  /**
   * Both at once; the call returns on the first success and the other write is offloaded or dropped per {@link
   * RaceLoserPolicy}. If the first write fails, the call waits for the second.
   */
  RACE
}
