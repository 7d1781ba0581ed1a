package dev.tiered.runtime.internal;

/** Whether a hit is served as it is, or served and then refreshed in the background. */
public enum Freshness {
  /** Before the entry's stale time. */
  FRESH,
  /** At or past the entry's stale time, and not expired: served while one background refresh runs. */
  STALE
}
