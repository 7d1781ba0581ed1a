package dev.tiered.runtime.internal;

/** Which tier answered or is addressed: the in-process L1 or the shared L2. */
public enum Tier {
  /** The first tier, usually in process. */
  L1,
  /** The second tier, usually shared. */
  L2
}
