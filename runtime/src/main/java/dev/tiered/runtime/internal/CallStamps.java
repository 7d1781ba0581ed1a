package dev.tiered.runtime.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tiered.runtime.CacheKey;

/**
 * Where {@link L1Sync} keeps the stamp of each call, from its L1 miss to its writes: by the identity of the call's key
 * object, which no other call holds.
 *
 * <p>A synchronous call misses, reads L2, loads and writes on its own thread, so its stamp goes into a few slots
 * held by that thread: no allocation on the L2 hit and the miss, which the performance targets count in bytes. A
 * call whose work moves to other threads (asynchronous methods, background refreshes, bulk loads) is stamped in a map
 * that every thread sees, which holds its keys weakly. So does a stamp that is pushed out of a thread's slots, as
 * happens when calls nest (a delegate calling another decorator) deeper than the slots, or when a call ends without
 * dropping its stamp (a refill that the method's policy skips): it is never lost, and the map forgets it once the
 * key object is unreachable.
 */
final class CallStamps {
  /** No stamp: stamps are counts of invalidations, never negative. */
  static final long NONE = -1;

  private static final int SLOTS = 4;
  private static final ThreadLocal<Slots> HERE = ThreadLocal.withInitial(Slots::new);
  /** Maintenance runs on the calling thread: the common pool's wake-ups cost more than the map's work. */
  private static final Cache<CacheKey, Long> SHARED =
      Caffeine.newBuilder().executor(Runnable::run).weakKeys().build();

  private CallStamps() {}

  /** Stamps {@code key} with {@code stamp} unless it is stamped: in this thread's slots when {@code here}. */
  static void stamp(CacheKey key, long stamp, boolean here) {
    if (here) {
      HERE.get().push(key, stamp);
    } else {
      SHARED.asMap().putIfAbsent(key, stamp);
    }
  }

  /** The stamp of {@code key}, or {@link #NONE}. */
  static long find(CacheKey key) {
    Slots slots = HERE.get();
    int at = slots.indexOf(key);
    if (at >= 0) {
      return slots.stamps[at];
    }
    Long shared = SHARED.getIfPresent(key);
    return shared != null ? shared : NONE;
  }

  /** Forgets the stamp of {@code key}: its call's writes were issued. */
  static void drop(CacheKey key) {
    if (!HERE.get().remove(key)) {
      SHARED.invalidate(key);
    }
  }

  /** One thread's stamps, the innermost call last. */
  private static final class Slots {
    final CacheKey[] keys = new CacheKey[SLOTS];
    final long[] stamps = new long[SLOTS];
    int size;

    int indexOf(CacheKey key) {
      for (int i = size - 1; i >= 0; i--) {
        if (keys[i] == key) {
          return i;
        }
      }
      return -1;
    }

    void push(CacheKey key, long stamp) {
      if (indexOf(key) >= 0) {
        return;
      }
      if (size == SLOTS) {
        // The outermost call moves to the shared map; its stamp stays the same.
        SHARED.put(keys[0], stamps[0]);
        System.arraycopy(keys, 1, keys, 0, SLOTS - 1);
        System.arraycopy(stamps, 1, stamps, 0, SLOTS - 1);
        size--;
      }
      keys[size] = key;
      stamps[size] = stamp;
      size++;
    }

    boolean remove(CacheKey key) {
      int at = indexOf(key);
      if (at < 0) {
        return false;
      }
      System.arraycopy(keys, at + 1, keys, at, size - at - 1);
      System.arraycopy(stamps, at + 1, stamps, at, size - at - 1);
      keys[--size] = null;
      return true;
    }
  }
}
