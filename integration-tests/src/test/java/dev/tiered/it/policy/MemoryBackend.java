package dev.tiered.it.policy;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tier for the policy scenarios: entries by their readable key, kept as they were written (never expired by the
 * store: the decorator's clock decides), with the ttl of each write, so a test can put entries with any expiry and
 * read back exactly what the decorator wrote. Wrap it in a {@code FaultyBackend} for latency, failures and stalls.
 */
final class MemoryBackend implements Backend {
  private final String label;
  private final boolean remote;
  private final Map<String, Entry<?>> entries = new ConcurrentHashMap<>();
  private final Map<String, Long> ttls = new ConcurrentHashMap<>();

  MemoryBackend(String label, boolean remote) {
    this.label = label;
    this.remote = remote;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public boolean isRemote() {
    return remote;
  }

  @Override
  @SuppressWarnings("unchecked") // A test puts entries of the value type of the method whose key it names.
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) {
    return (Entry<V>) entries.get(key.toString());
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive but was " + ttlMillis);
    }
    entries.put(key.toString(), entry);
    ttls.put(key.toString(), ttlMillis);
  }

  @Override
  public void remove(CacheKey key) {
    entries.remove(key.toString());
    ttls.remove(key.toString());
  }

  /** Stores {@code entry} under the readable {@code key}, e.g. {@code race:v1:find:1}, as another writer would. */
  void put(String key, Entry<?> entry) {
    entries.put(key, entry);
  }

  /** The entry under {@code key}, or {@code null}. */
  Entry<?> entry(String key) {
    return entries.get(key);
  }

  /** The value under {@code key}, or {@code null} when there is no entry. */
  Object value(String key) {
    Entry<?> e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** The ttl of the last write of {@code key} by a decorator, or {@code null}. */
  Long ttl(String key) {
    return ttls.get(key);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public String toString() {
    return "MemoryBackend{" + label + ", " + entries + "}";
  }
}
