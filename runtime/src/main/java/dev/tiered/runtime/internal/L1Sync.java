package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The L1 side of {@code SyncPolicy.INVALIDATE} for one cached method: announces this instance's invalidations, and
 * evicts from L1 what other instances announce.
 *
 * <p>Design note. Announcements name entries by readable key ({@code users:v1:find:42}), but L1 is keyed by the
 * generated key objects, whose equality is the method's {@link KeySpace} identity plus the typed arguments: a string
 * cannot be turned back into one. So every L1 write goes through an index ({@link KeyIndex}), from a 64-bit hash of
 * the readable key (rendered into a reused buffer: no string) to the key object, and writes L1 under the object the
 * index holds. A key whose hash another key already holds is not written to L1 at all, as no announcement could find
 * it; an announcement that finds another key under its hash evicts that one needlessly: both are harmless. The index
 * holds its objects weakly: a mapping lives as long as something holds its object, which for a cached entry is L1
 * itself, so the index never outgrows L1 and never needs a bound of its own (a bound would evict mappings whose
 * entries L1 still holds, making them unreachable). Mappings are never removed by hand for the same reason: an object
 * that L1 still holds must stay the one the index maps to. L1 hits never touch the index; writes (after loads and
 * refills, which talk to L2 anyway) hash the key once.
 *
 * <p>A load that raced an invalidation must not leave its value in L1 (the delegate may have answered before the
 * change that the invalidation announces, and the eviction may have found nothing yet). Every invalidation of the
 * method, here or announced, advances a counter; an L1 miss stamps its key object with the counter, and the writes
 * that follow (after the delegate, or the refill after an L2 hit) are skipped when the counter moved: L1's, and L2's
 * too, or the next L1 miss would copy the value back from L2. An L1 write is undone when the counter moved while it
 * wrote. The stamp is dropped when the call's writes are issued. The counter is per method, not per key: an
 * invalidation of one key costs concurrent loads of other keys their writes (the value still reaches the caller),
 * which is cheap and never wrong.
 *
 * <p>Until this instance first hears the channel, it could miss announcements, and the bus clears L1 when it does.
 * So the first L1 misses wait for that first subscription (a few milliseconds), or for its first attempt to fail
 * (Redis is down: L1 then serves meanwhile, and is cleared once the subscription is up).
 */
final class L1Sync {
  private final String method;
  private final TierAccess l1;
  private final SharedGeneration generation;
  /** Null when the method's L1 is not synced: then every operation here is a no-op or a plain L1 write. */
  private final InvalidationBus.Channel channel;
  private final KeyIndex index;
  private final AtomicLong invalidations = new AtomicLong();

  L1Sync(String method, TierAccess l1, SharedGeneration generation, InvalidationBus.Channel channel) {
    this.method = method;
    this.l1 = l1;
    this.generation = generation;
    this.channel = channel;
    this.index = channel == null ? null : new KeyIndex();
  }

  /** The L1 side of a method whose L1 is not synced ({@code SyncPolicy.NONE}, a remote L1, an L2 with no bus). */
  static L1Sync off(TierAccess l1) {
    return new L1Sync(null, l1, null, null);
  }

  /**
   * L1 missed {@code key}: what this call writes to L1 later is checked against invalidations from now on. {@code
   * here}: the call goes on in this thread up to its writes (a synchronous call; see {@link CallStamps}).
   */
  void missed(CacheKey key, boolean here) {
    if (channel != null) {
      channel.awaitFirstSubscription();
      CallStamps.stamp(key, invalidations.get(), here);
    }
  }

  /**
   * Whether an invalidation of the method ran since {@code key}'s L1 miss: then what this call loaded may predate
   * the change that the invalidation announces, and it is written to neither tier.
   */
  boolean raced(CacheKey key) {
    long stamp = channel == null ? CallStamps.NONE : CallStamps.find(key);
    return stamp != CallStamps.NONE && stamp != invalidations.get();
  }

  /** The call of {@code key} is over: its writes were issued. */
  void done(CacheKey key) {
    if (channel != null) {
      CallStamps.drop(key);
    }
  }

  /**
   * Writes L1 under the indexed key object, unless an invalidation of the method ran since {@code key}'s L1 miss.
   *
   * @return whether L1 holds the entry
   */
  <V> boolean write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    if (channel == null) {
      return l1.write(key, entry, ttlMillis, codec);
    }
    long stamped = CallStamps.find(key);
    long stamp = stamped != CallStamps.NONE ? stamped : invalidations.get();
    if (invalidations.get() != stamp) {
      return false;
    }
    long hash = key instanceof MethodKey k ? k.readableHash() : KeyWriter.hash(key.toString(), "");
    CacheKey indexed = index.putIfAbsent(hash, key);
    if (!indexed.equals(key)) {
      return false; // another key has this hash: an announcement could not find this one
    }
    boolean took = l1.write(indexed, entry, ttlMillis, codec);
    if (invalidations.get() != stamp) {
      // An invalidation ran while this wrote; its eviction may have come first.
      l1.remove(indexed);
      return false;
    }
    return took;
  }

  /** This instance is about to remove an entry: loads running now must not write L1. */
  void invalidating() {
    invalidations.incrementAndGet();
  }

  /**
   * Tells the other instances that {@code key} was removed: after L2's removal, lest they reload the old entry. Now,
   * or with the rest of {@code together}'s call when it is not null.
   */
  void announce(CacheKey key, Invalidation together) {
    if (channel != null) {
      send(InvalidationBus.Change.keys(method, List.of(argumentPart(key))), together);
    }
  }

  /** Tells the other instances that the method moved to {@code generation}; now, or with {@code together}. */
  void announceAll(long generation, Invalidation together) {
    if (channel != null) {
      send(InvalidationBus.Change.all(method, generation), together);
    }
  }

  private void send(InvalidationBus.Change change, Invalidation together) {
    if (together != null) {
      together.add(change, channel);
    } else {
      channel.invalidated(List.of(change));
    }
  }

  /** Evicts the entries another instance removed; returns how many of them L1 held. */
  int evict(List<String> argumentParts) {
    invalidations.incrementAndGet();
    String prefix = generation.current().prefix();
    int evicted = 0;
    for (String part : argumentParts) {
      CacheKey key = index.get(KeyWriter.hash(prefix, part));
      if (key != null && l1.remove(key)) {
        evicted++;
      }
    }
    return evicted;
  }

  /**
   * Follows another instance to {@code next}, the generation it moved to, and evicts this method's entries: they are
   * unreachable once the generation moves, but the eviction frees them, and removes them also when this instance was
   * at {@code next} or past it already.
   */
  int followAll(long next) {
    generation.follow(next);
    return clear();
  }

  /** Evicts every entry this method wrote to L1; returns how many L1 held. */
  int clear() {
    invalidations.incrementAndGet();
    int evicted = 0;
    for (CacheKey key : index.keys()) {
      if (l1.remove(key)) {
        evicted++;
      }
    }
    return evicted;
  }

  /** The part of {@code key}'s readable form after its method's prefix, e.g. {@code :42}. */
  private String argumentPart(CacheKey key) {
    String readable = key.toString();
    String prefix = key instanceof MethodKey k ? k.space().prefix() : generation.current().prefix();
    return readable.startsWith(prefix) ? readable.substring(prefix.length()) : readable;
  }
}
