package dev.tiered.runtime.internal;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.concurrent.ConcurrentHashMap;

/** A shared tier in a map of encoded entries, as Redis keeps them: tests put hostile bytes in it. */
final class BytesBackend implements Backend {
  final ConcurrentHashMap<String, byte[]> stored = new ConcurrentHashMap<>();
  /** Whether every read fails, as a store that cannot be reached. */
  volatile boolean failReads;
  private final boolean remote;

  BytesBackend(boolean remote) {
    this.remote = remote;
  }

  @Override
  public String label() {
    return "bytes";
  }

  @Override
  public boolean isRemote() {
    return remote;
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws CorruptEntryException {
    if (failReads) {
      throw new IllegalStateException("unreachable");
    }
    byte[] bytes = stored.get(key.toString());
    return bytes == null ? null : codec.decode(bytes);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    stored.put(key.toString(), codec.encode(entry));
  }

  @Override
  public void remove(CacheKey key) {
    stored.remove(key.toString());
  }
}
