package dev.tiered.runtime;

/**
 * A snapshot of a {@link RedisBackend}'s invalidation bus: the state of its subscription and what it announced,
 * heard and cleared since the backend was made. Decorators with {@code sync = INVALIDATE} (the default) on an
 * in-process L1 announce their invalidations through it and evict what other instances announce; see {@link
 * RedisBackend#invalidations()}.
 *
 * <pre>{@code
 * InvalidationStats bus = redis.invalidations();
 * boolean healthy = bus.subscription() != InvalidationStats.Subscription.CONNECTING;
 * }</pre>
 *
 * @param subscription the state of the subscription
 * @param published announcements sent
 * @param publishFailures announcements that could not be sent (Redis unreachable): the other instances are told to
 *     clear their L1 of that cache once Redis answers again
 * @param received announcements of other instances heard
 * @param evicted L1 entries evicted because of them
 * @param repairs times an L1 of a cache was cleared because announcements may have been lost: the subscription was
 *     (re)established, a sequence gap was seen, or an instance said it failed to announce
 * @param repairedEntries L1 entries evicted by those repairs
 */
public record InvalidationStats(
    Subscription subscription,
    long published,
    long publishFailures,
    long received,
    long evicted,
    long repairs,
    long repairedEntries) {

  /** The state of a backend's invalidation subscription. */
  public enum Subscription {
    /** No decorator has joined yet: nothing to subscribe to, no connection held. */
    IDLE,
    /**
     * Connecting, or reconnecting after the connection dropped or went silent: announcements of other instances are
     * not heard until it is {@link #SUBSCRIBED}, when every L1 on the bus is cleared of what it may have missed.
     */
    CONNECTING,
    /** Subscribed to the channel of every cache on the bus. */
    SUBSCRIBED,
    /** The backend was closed. */
    CLOSED
  }
}
