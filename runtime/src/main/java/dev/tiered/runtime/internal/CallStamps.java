package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

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
  /**
   * By the identity of the key objects, held weakly. A JDK map, not a Caffeine cache with weak keys: a second kind of
   * Caffeine cache in the process makes the shared code of Caffeine's read path bimorphic on every L1 hit.
   */
  private static final ConcurrentHashMap<Object, Long> SHARED = new ConcurrentHashMap<>();
  private static final ReferenceQueue<CacheKey> COLLECTED = new ReferenceQueue<>();

  private CallStamps() {}

  /** Stamps {@code key} with {@code stamp} unless it is stamped: in this thread's slots when {@code here}. */
  static void stamp(CacheKey key, long stamp, boolean here) {
    if (here) {
      HERE.get().push(key, stamp);
    } else {
      share(key, stamp);
    }
  }

  /** The stamp of {@code key}, or {@link #NONE}. */
  static long find(CacheKey key) {
    Slots slots = HERE.get();
    int at = slots.indexOf(key);
    if (at >= 0) {
      return slots.stamps[at];
    }
    Long shared = SHARED.get(new Lookup(key));
    return shared != null ? shared : NONE;
  }

  /** Forgets the stamp of {@code key}: its call's writes were issued. */
  static void drop(CacheKey key) {
    if (!HERE.get().remove(key)) {
      SHARED.remove(new Lookup(key));
    }
  }

  /** The stamps in the shared map; for tests. */
  static int shared() {
    return SHARED.size();
  }

  private static void share(CacheKey key, long stamp) {
    for (Reference<? extends CacheKey> gone = COLLECTED.poll(); gone != null; gone = COLLECTED.poll()) {
      SHARED.remove(gone);
    }
    SHARED.putIfAbsent(new Held(key, COLLECTED), stamp);
  }

  /** A key object of the shared map, held weakly; equal to what holds or looks up the same object. */
  private static final class Held extends WeakReference<CacheKey> {
    private final int hash;

    Held(CacheKey key, ReferenceQueue<CacheKey> queue) {
      super(key, queue);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      CacheKey key = get();
      if (o == this) {
        return true;
      }
      CacheKey other = o instanceof Lookup lookup ? lookup.key : o instanceof Held held ? held.get() : null;
      return key != null && other == key;
    }
  }

  /** A key object looked up in the shared map, by identity. */
  private record Lookup(CacheKey key) {
    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Held held && held.get() == key || o instanceof Lookup other && other.key == key;
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
        share(keys[0], stamps[0]);
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
