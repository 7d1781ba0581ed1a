package dev.tiered.runtime.internal;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.TierUnavailableException;
import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.ValueCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One tier as one cached method sees it: its backend, whether calls to it may block, and what happens when it
 * fails. No operation here throws: a failure is counted in the method's counters, logged (rate-limited) and told
 * to the listener, then turned into a miss or a failed write, so the caller always goes on to the other tier or the
 * delegate.
 */
final class TierAccess {
  final Tier tier;
  final Backend backend;
  /** Whether calls may block on I/O; only such calls are handed to the executor (see {@link #submit}). */
  final boolean remote;
  /** {@code <cache>.<backend label>}, e.g. {@code users.redis}. */
  final String label;
  private final LongAdder errors;
  private final LongAdder skipped;
  private final ErrorLog log;
  private final TieredListener listener;
  private final Executor executor;

  TierAccess(Tier tier, Backend backend, String cacheName, Counters counters, TieredOptions options,
      Executor executor) {
    this.tier = tier;
    this.backend = backend;
    this.remote = backend.isRemote();
    this.label = cacheName + "." + backend.label();
    this.errors = counters.errors(tier);
    this.skipped = counters.skipped;
    this.log = new ErrorLog(label);
    this.listener = options.listener();
    this.executor = executor;
  }

  /**
   * What a read that threw becomes: a miss. An entry that does not decode will never decode, so it is removed and
   * the next call reloads it.
   */
  <V> Entry<V> readFailed(CacheKey key, Throwable error) {
    failed("read", key, error);
    if (error instanceof CorruptEntryException) {
      remove(key);
    }
    return null;
  }

  /**
   * What this tier answered for {@code key}, as a method serves it at {@code now}: the entry, or {@code null} for a
   * miss, an expired entry, or a cached null in L2 where the method does not cache nulls. That last is a corrupt
   * entry: another build of the interface may cache nulls under the same key, but this method may return a primitive.
   */
  <V> Entry<V> live(CacheKey key, Entry<V> entry, boolean cacheNulls, long now) {
    if (entry == null) {
      return null;
    }
    if (entry.value() == null && !cacheNulls && tier == Tier.L2) {
      return readFailed(key, new CorruptEntryException(
          "a cached null under " + key + ", whose method does not cache nulls"));
    }
    return entry.isExpired(now) ? expired(key) : entry;
  }

  /**
   * What an expired entry becomes: a miss. An in-process L1 leaves expiry to the decorator, so the dead entry is
   * dropped now rather than when the size bound evicts it.
   */
  <V> Entry<V> expired(CacheKey key) {
    if (tier == Tier.L1 && !remote) {
      remove(key);
    }
    return null;
  }

  /** Writes {@code entry} for {@code ttlMillis}; returns whether the tier took it. */
  <V> boolean write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    if (ttlMillis <= 0) {
      return false;
    }
    try {
      backend.write(key, entry, ttlMillis, codec);
      return true;
    } catch (Exception | LinkageError e) {
      failed("write", key, e);
      return false;
    }
  }

  /**
   * Reads {@code keys} in one call of the backend ({@link Backend#readAll}). A read that fails as a whole is counted
   * once, logged with the first key, and leaves every key not yet found a miss.
   */
  <V> void readAll(List<? extends CacheKey> keys, ValueCodec<V> codec, Backend.BulkRead<V> into) {
    try {
      backend.readAll(keys, codec, into);
    } catch (Exception | LinkageError e) {
      failed("readAll", keys.get(0), e);
    }
  }

  /**
   * Writes {@code entries} under {@code keys} for {@code ttlMillis} in one call of the backend ({@link
   * Backend#writeAll}); returns whether the tier took them all. A failure is counted once, logged with the first key.
   */
  <V> boolean writeAll(List<? extends CacheKey> keys, List<Entry<V>> entries, long ttlMillis, ValueCodec<V> codec) {
    if (ttlMillis <= 0) {
      return false;
    }
    try {
      backend.writeAll(keys, entries, ttlMillis, codec);
      return true;
    } catch (Exception | LinkageError e) {
      failed("writeAll", keys.get(0), e);
      return false;
    }
  }

  /** Removes {@code key}; returns whether the tier answered. */
  boolean remove(CacheKey key) {
    try {
      backend.remove(key);
      return true;
    } catch (Exception | LinkageError e) {
      failed("remove", key, e);
      return false;
    }
  }

  /**
   * Runs {@code operation} without holding the caller when this tier is remote, inline when it is in process
   * (handing a nanosecond map lookup to an executor would cost a thousand times the lookup). When the executor is
   * full, a remote operation is skipped and counted, and the future holds {@code whenSkipped}: the caller's call
   * never fails for it.
   */
  <T> CompletableFuture<T> submit(Supplier<T> operation, T whenSkipped) {
    if (remote) {
      try {
        return CompletableFuture.supplyAsync(operation, executor);
      } catch (RejectedExecutionException e) {
        skipped.increment();
        return CompletableFuture.completedFuture(whenSkipped);
      }
    }
    return CompletableFuture.completedFuture(operation.get());
  }

  /**
   * {@link #submit} for an operation that must not be lost (a removal): when the executor is full it runs on the
   * caller's thread instead, slower but done.
   */
  <T> CompletableFuture<T> submitOrRunHere(Supplier<T> operation) {
    if (remote) {
      try {
        return CompletableFuture.supplyAsync(operation, executor);
      } catch (RejectedExecutionException e) {
        // Fall through: run it here.
      }
    }
    return CompletableFuture.completedFuture(operation.get());
  }

  /** Runs {@code task} in the background when this tier is remote, inline otherwise; skipped when rejected. */
  void runWithoutWaiting(Runnable task) {
    if (!remote) {
      task.run();
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      skipped.increment(); // only optimisations (refill) run here
    }
  }

  /**
   * Counts, logs and reports a failed operation of this tier. An operation the backend skipped because it knows the
   * tier is down is only counted as skipped: the backend logged the outage once already.
   */
  void failed(String operation, CacheKey key, Throwable error) {
    if (error instanceof TierUnavailableException) {
      skipped.increment();
      return;
    }
    errors.increment();
    log.log(operation, key, error);
    if (listener != null) {
      try {
        listener.onError(label, operation, key, error);
      } catch (RuntimeException e) {
        // A listener must never break a call.
      }
    }
  }
}
