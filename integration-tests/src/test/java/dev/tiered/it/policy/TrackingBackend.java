package dev.tiered.it.policy;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a real backend and counts its operations that have started but not yet returned: a read that a paused or
 * frozen Redis holds shows here as in flight, which is how a test sees that a call returned without waiting for it.
 */
final class TrackingBackend implements Backend {
  private final Backend delegate;
  private final String label;
  private final AtomicInteger readsInFlight = new AtomicInteger();
  private final AtomicInteger writesInFlight = new AtomicInteger();

  TrackingBackend(Backend delegate, String label) {
    this.delegate = delegate;
    this.label = label;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public boolean isRemote() {
    return delegate.isRemote();
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws Exception {
    readsInFlight.incrementAndGet();
    try {
      return delegate.read(key, codec);
    } finally {
      readsInFlight.decrementAndGet();
    }
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) throws Exception {
    writesInFlight.incrementAndGet();
    try {
      delegate.write(key, entry, ttlMillis, codec);
    } finally {
      writesInFlight.decrementAndGet();
    }
  }

  @Override
  public void remove(CacheKey key) throws Exception {
    delegate.remove(key);
  }

  int readsInFlight() {
    return readsInFlight.get();
  }

  int writesInFlight() {
    return writesInFlight.get();
  }

  @Override
  public String toString() {
    return "TrackingBackend{" + label + " over " + delegate + "}";
  }
}
