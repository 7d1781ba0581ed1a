package dev.tiered.runtime.internal;

import dev.tiered.runtime.Backend;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a shared tier offers the caches that use it for keeping their in-process tiers in step: one channel per cache
 * name, over which an instance announces its invalidations and hears those of every other instance. {@code
 * RedisBackend} offers one over Redis pub/sub; other backends offer none, and their caches keep each L1 to itself.
 *
 * <p>Found through {@link #of}, a lookup that {@code RedisBackend} installs: neither {@link Backend} nor {@code
 * RedisBackend} grows a public method for what only generated code needs (the JDK's shared-secrets pattern).
 */
public interface InvalidationBus {

  /**
   * Joins the channel of {@code cacheName}. The bus holds {@code member} weakly, so a decorator that is no longer used
   * leaves by being collected; whoever keeps the returned channel keeps the member's decorator reachable anyway.
   */
  Channel join(String cacheName, Member member);

  /** The bus of {@code l2}, or {@code null} when it offers none. */
  static InvalidationBus of(Backend l2) {
    return Lookup.finder.apply(l2);
  }

  /**
   * Installs the lookup behind {@link #of}. Called once, by {@code RedisBackend}'s class initializer; a second call
   * fails, so that nothing else can take the lookup over.
   *
   * @throws IllegalStateException when a lookup is installed already
   */
  static void install(Function<Backend, InvalidationBus> finder) {
    Objects.requireNonNull(finder, "finder");
    synchronized (Lookup.class) {
      if (Lookup.installed) {
        throw new IllegalStateException("an invalidation bus lookup is installed already");
      }
      Lookup.installed = true;
      Lookup.finder = finder;
    }
  }

  /** One member's end of a cache's channel: what it announces. Announcing never throws. */
  interface Channel {
    /**
     * Waits until the channel is first subscribed, or its first attempt failed: an entry written to L1 before this
     * instance hears announcements could miss one, and would have to be cleared when it does. Returns at once after
     * that first outcome, and gives up after a second.
     */
    void awaitFirstSubscription();

    /** Announces what one invalidating call removed, in one message, however many methods and keys it names. */
    void invalidated(List<Change> changes);

    /** Leaves the channel: the member hears nothing more (its decorator was closed). */
    void leave();
  }

  /**
   * What an invalidating call removed from one method: entries by key ({@link #keys}), or every entry, by moving to
   * {@link #generation} ({@link #all}).
   *
   * @param argumentParts the parts of the keys' readable forms after the method's prefix (e.g. {@code ":42"}), so
   *     that instances in other generations of the method match them against their own; empty for {@link #all}
   * @param generation the generation the method moved to, or {@code -1} for keys
   */
  record Change(String method, List<String> argumentParts, long generation) {
    public Change {
      Objects.requireNonNull(method, "method");
      argumentParts = List.copyOf(argumentParts);
    }

    /** The entries of {@code method} with these arguments were removed. */
    public static Change keys(String method, List<String> argumentParts) {
      return new Change(method, argumentParts, -1);
    }

    /** Every entry of {@code method} was removed by moving to {@code generation}. */
    public static Change all(String method, long generation) {
      return new Change(method, List.of(), generation);
    }

    /** Whether every entry of the method was removed. */
    public boolean isAll() {
      return generation >= 0;
    }
  }

  /** The receiving side of one decorator. Called on the bus's own thread: each call must be quick and not throw. */
  interface Member {
    /** Another instance removed these entries of {@code method}: evicts them from L1; returns how many it held. */
    int invalidated(String method, List<String> argumentParts);

    /**
     * Another instance removed every entry of {@code method}, moving to {@code generation}: follows it and evicts the
     * method's entries from L1; returns how many it held.
     */
    int invalidatedAll(String method, long generation);

    /**
     * Announcements may have been lost (the subscription dropped, a gap was seen): clears this cache's L1; returns
     * how many entries it held.
     */
    int repair();
  }

  /** The installed lookup; none until {@code RedisBackend} is initialized, and no backend needs one before. */
  final class Lookup {
    private static volatile Function<Backend, InvalidationBus> finder = backend -> null;
    private static boolean installed;

    private Lookup() {}
  }
}
