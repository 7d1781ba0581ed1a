package dev.tiered;

/** Whether an invalidation made by one instance reaches the in-process tier (L1) of the others. */
public enum SyncPolicy {
  /**
   * Every instance that shares the L2 and the cache name evicts an invalidated entry from its own L1 too: the
   * instance that invalidates announces it over the L2 (Redis pub/sub). Only invalidations are announced, never loads
   * or hits. The default.
   */
  INVALIDATE,
  /** Nothing is announced: each instance's L1 keeps its entries until {@code l1Ttl}, whatever other instances do. */
  NONE
}
