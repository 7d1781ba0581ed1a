package dev.tiered.runtime;

/**
 * A cached value with the times, in milliseconds of the decorator's clock, at which it becomes stale and expires.
 * Immutable; in-process tiers keep it as it is, remote tiers store it encoded by a {@link ValueCodec}.
 *
 * @param <V> the value's type
 */
public final class Entry<V> {
  /** The time of an entry that never becomes stale. */
  public static final long NEVER = Long.MAX_VALUE;

  private final V value;
  private final long expiresAt;
  private final long staleAt;

  /**
   * Creates an entry.
   *
   * @param value the value, {@code null} for a cached null
   * @param expiresAt when the entry expires (a miss from then on)
   * @param staleAt when the entry becomes stale (served, then refreshed), {@link #NEVER} for never
   */
  public Entry(V value, long expiresAt, long staleAt) {
    this.value = value;
    this.expiresAt = expiresAt;
    this.staleAt = staleAt;
  }

  /** The cached value; {@code null} for a cached null. */
  public V value() {
    return value;
  }

  /** When this entry expires, in milliseconds of the decorator's clock. */
  public long expiresAt() {
    return expiresAt;
  }

  /** When this entry becomes stale, or {@link #NEVER}. */
  public long staleAt() {
    return staleAt;
  }

  /** Whether this entry is expired at {@code now}: an expired entry is a miss. */
  public boolean isExpired(long now) {
    return now >= expiresAt;
  }

  /** Whether this entry is stale at {@code now}: served, but refreshed in the background. */
  public boolean isStale(long now) {
    return now >= staleAt;
  }

  @Override
  public String toString() {
    return "Entry{value=" + value + ", expiresAt=" + expiresAt + ", staleAt=" + staleAt + "}";
  }
}
