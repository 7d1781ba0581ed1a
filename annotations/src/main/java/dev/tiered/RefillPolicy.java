package dev.tiered;

/** Whether an L2 hit is copied into L1. */
public enum RefillPolicy {
  /** After an L2 hit, L1 is written with the remaining ttl, capped by {@code l1Ttl}. */
  ALWAYS,
  /** L1 is left alone after an L2 hit. */
  NEVER
}
