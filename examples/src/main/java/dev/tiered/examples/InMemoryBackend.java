package dev.tiered.examples;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shared tier of your own, in a dozen lines: encoded entries in a map, under the keys' readable strings, as Redis
 * would hold them. The demo uses it as a stand-in when no Redis server is around; it shows the {@link Backend} SPI.
 */
public final class InMemoryBackend implements Backend {
  private final ConcurrentHashMap<String, byte[]> map = new ConcurrentHashMap<>();

  @Override
  public String label() {
    return "memory";
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws CorruptEntryException {
    byte[] bytes = map.get(key.toString());
    return bytes == null ? null : codec.decode(bytes);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    // The entry's expiry travels in its header; the decorator treats an expired entry as a miss.
    map.put(key.toString(), codec.encode(entry));
  }

  @Override
  public void remove(CacheKey key) {
    map.remove(key.toString());
  }

  /** How many entries are held. */
  public int size() {
    return map.size();
  }
}
