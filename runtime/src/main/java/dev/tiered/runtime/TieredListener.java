package dev.tiered.runtime;

/**
 * Receives an event for every cached call of a decorator and for every tier error, e.g. to feed metrics or traces.
 * Set it with the decorator's builder. Called on the thread that finished the call or the failed operation; it must
 * be fast and must not throw (what it throws is logged and ignored).
 *
 * <pre>{@code
 * UserService users = TieredUserService.builder()
 *     .delegate(database).l1(caffeine).l2(redis)
 *     .listener(event -> metrics.counter(event.tier()).increment())
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface TieredListener {

  /** Called once per cached call, with what answered it. */
  void onCall(CallEvent event);

  /**
   * Called when a tier operation fails.
   *
   * @param tier the tier's label, e.g. {@code users.redis}
   * @param operation {@code read}, {@code write} or {@code remove}
   * @param key the key of the operation
   * @param error what the backend threw
   */
  default void onError(String tier, String operation, CacheKey key, Throwable error) {}

  /** What answered a call. */
  enum Source {
    /** A fresh L1 entry. */
    L1,
    /** A fresh L2 entry. */
    L2,
    /** A stale entry, served while a refresh runs in the background. */
    STALE,
    /** The delegate, after a miss. */
    DELEGATE
  }

  /**
   * One cached call.
   *
   * @param cache the cache's name
   * @param method the method's name in keys
   * @param key the call's key
   * @param source what answered
   * @param tier the label of what answered: {@code <cache>.<backend label>}, e.g. {@code users.caffeine}, or {@code
   *     <cache>.delegate}
   */
  record CallEvent(String cache, String method, CacheKey key, Source source, String tier) {}
}
