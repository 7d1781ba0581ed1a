package dev.tiered;

/** What happens to the tier operation that loses a race. */
public enum RaceLoserPolicy {
  /** The loser runs to completion in the background and its outcome is recorded in the stats. */
  OFFLOAD,
  /** The loser is abandoned (cancelled where possible) and its outcome ignored. */
  DROP
}
