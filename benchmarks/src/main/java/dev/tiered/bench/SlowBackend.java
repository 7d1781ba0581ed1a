package dev.tiered.bench;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.concurrent.locks.LockSupport;

/**
 * A tier that answers correctly but slowly: every call parks for a fixed delay (about a millisecond) before it
 * reaches the wrapped tier, like a remote cache across a congested link. It says it is remote, so the decorator
 * calls it on its executor where the read policy runs the tiers concurrently.
 */
public final class SlowBackend implements Backend {
  private final Backend inner;
  private final long delayNanos;

  /** {@code inner}, slowed down by {@code delayNanos} per call. */
  public SlowBackend(Backend inner, long delayNanos) {
    this.inner = inner;
    this.delayNanos = delayNanos;
  }

  @Override
  public String label() {
    return "slow";
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws Exception {
    pause();
    return inner.read(key, codec);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) throws Exception {
    pause();
    inner.write(key, entry, ttlMillis, codec);
  }

  @Override
  public void remove(CacheKey key) throws Exception {
    pause();
    inner.remove(key);
  }

  private void pause() {
    // parkNanos may return early (spuriously, or on an unpark): park again until the whole delay has passed.
    long deadline = System.nanoTime() + delayNanos;
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
    }
  }
}
