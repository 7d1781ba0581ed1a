package dev.tiered.bench;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;

/** An in-process tier that holds nothing: every read misses, so every call of the L2-hit benchmark reads Redis. */
public final class MissingBackend implements Backend {

  @Override
  public String label() {
    return "missing";
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) {
    return null;
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {}

  @Override
  public void remove(CacheKey key) {}
}
