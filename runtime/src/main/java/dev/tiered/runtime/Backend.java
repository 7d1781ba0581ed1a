package dev.tiered.runtime;

import java.util.List;

/**
 * One tier of a tiered cache: the SPI behind {@link CaffeineBackend} and {@link RedisBackend}, and the interface to
 * implement for a tier of your own.
 *
 * <p>A backend stores {@link Entry entries} under {@link CacheKey keys}. An in-process backend may keep the entry
 * object itself (see {@link #isRemote()}); a backend that stores bytes encodes the entry with the {@link ValueCodec}
 * it is handed, which writes the value with its full compile-time type behind a small versioned header (format,
 * expiry, staleness, null marker). The key's {@link CacheKey#toString()} is a readable string that starts with the
 * cache's name, suitable as a key in any store; in-process backends can use the key object itself, whose {@code
 * equals} and {@code hashCode} are cheap.
 *
 * <p>Every method may throw: the decorator counts the error in its stats, logs it (rate-limited) and carries on as
 * if the tier had missed, so a backend never needs to hide its failures. A backend must be safe for concurrent use.
 *
 * <p>A tier of your own, for example over a {@code ConcurrentHashMap} of bytes:
 *
 * <pre>{@code
 * public final class MapBackend implements Backend {
 *   private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();
 *
 *   public String label() { return "map"; }
 *
 *   public boolean isRemote() { return false; }
 *
 *   public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws CorruptEntryException {
 *     byte[] bytes = map.get(key.toString());
 *     return bytes == null ? null : codec.decode(bytes);
 *   }
 *
 *   public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
 *     map.put(key.toString(), codec.encode(entry));   // expiry travels in the entry's header
 *   }
 *
 *   public void remove(CacheKey key) { map.remove(key.toString()); }
 * }
 * }</pre>
 *
 * <p>A backend whose store may keep an expired entry need not remove it: the decorator treats an expired entry as a
 * miss. An entry that fails to decode should be reported by throwing {@link CorruptEntryException}; the decorator
 * then removes it.
 *
 * <p>A {@code @Bulk} method asks a tier for many keys at once through {@link #readAll} and {@link #writeAll}. Their
 * defaults call {@link #read} and {@link #write} once per key, so the backend above serves bulk methods as it is;
 * override them when the store answers many keys in one round trip, as {@link RedisBackend} does with {@code MGET}.
 */
public interface Backend {

  /** A short lower-case label for stats, logs and events, e.g. {@code "caffeine"} or {@code "redis"}. */
  String label();

  /**
   * Whether a call to this backend may block on I/O. A remote tier is called on the decorator's executor where a
   * policy runs the tiers concurrently ({@code RACE}, {@code PARALLEL}) and by asynchronous methods, so that it never
   * holds the caller; an in-process tier is called inline. Defaults to {@code true}.
   */
  default boolean isRemote() {
    return true;
  }

  /**
   * Reads the entry stored under {@code key}.
   *
   * @param key the entry's key
   * @param codec decodes stored bytes into an entry of the method's value type; unused by backends that keep objects
   * @return the entry, or {@code null} when there is none
   * @throws CorruptEntryException when stored bytes do not decode; the decorator removes the entry
   * @throws Exception when the store cannot be read; the decorator treats it as a miss of this tier
   */
  <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws Exception;

  /**
   * Stores {@code entry} under {@code key}, replacing any previous entry, for at most {@code ttlMillis}.
   *
   * @param key the entry's key
   * @param entry the entry, with its absolute expiry and staleness times
   * @param ttlMillis how long the store should keep the entry, in milliseconds, always positive
   * @param codec encodes the entry into bytes; unused by backends that keep objects
   * @throws Exception when the store cannot be written; the decorator counts it
   */
  <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) throws Exception;

  /**
   * Removes the entry stored under {@code key}, if any.
   *
   * @throws Exception when the store cannot be written; the decorator counts it
   */
  void remove(CacheKey key) throws Exception;

  /**
   * Reads the entries stored under {@code keys}, in one round trip where the store allows it: what a {@code @Bulk}
   * method asks of this tier. For each key that has an entry, calls {@code into.found} with the key's index in
   * {@code keys}; for each key whose entry does not decode, {@code into.failed} with a {@link
   * CorruptEntryException}, after which the decorator removes that entry alone. A key with neither call is a miss.
   *
   * <p>The default calls {@link #read} for one key after the other.
   *
   * @param keys the keys to read: never empty, no key twice
   * @param codec decodes stored bytes into entries of the method's value type; unused by backends that keep objects
   * @param into receives the outcome of each key
   * @throws Exception when the store cannot be read; the decorator treats every key not yet found as a miss
   */
  default <V> void readAll(List<? extends CacheKey> keys, ValueCodec<V> codec, BulkRead<V> into) throws Exception {
    for (int i = 0; i < keys.size(); i++) {
      Entry<V> entry;
      try {
        entry = read(keys.get(i), codec);
      } catch (CorruptEntryException e) {
        into.failed(i, e);
        continue;
      }
      if (entry != null) {
        into.found(i, entry);
      }
    }
  }

  /**
   * Stores each entry of {@code entries} under the key at the same index of {@code keys}, replacing any previous
   * entry, for at most {@code ttlMillis}: what a {@code @Bulk} method writes after its delegate loaded the ids that
   * no tier held. Where the store allows it, in one round trip.
   *
   * <p>The default calls {@link #write} for one entry after the other, goes on past a failure, and then throws the
   * first.
   *
   * @param keys the keys: never empty, no key twice
   * @param entries the entries, as many as keys, all with the same expiry
   * @param ttlMillis how long the store should keep the entries, in milliseconds, always positive
   * @param codec encodes the entries into bytes; unused by backends that keep objects
   * @throws Exception when an entry could not be stored (others may have been); the decorator counts it
   */
  default <V> void writeAll(List<? extends CacheKey> keys, List<Entry<V>> entries, long ttlMillis, ValueCodec<V> codec)
      throws Exception {
    Exception first = null;
    for (int i = 0; i < keys.size(); i++) {
      try {
        write(keys.get(i), entries.get(i), ttlMillis, codec);
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Receives the outcome of each key of a {@link #readAll}, by the key's index in the keys read.
   *
   * @param <V> the value's type
   */
  interface BulkRead<V> {
    /** The key at {@code index} has {@code entry}. */
    void found(int index, Entry<V> entry);

    /**
     * The key at {@code index} could not be read on its own: its entry does not decode ({@link
     * CorruptEntryException}), while the other keys' did.
     */
    void failed(int index, Exception error);
  }
}
