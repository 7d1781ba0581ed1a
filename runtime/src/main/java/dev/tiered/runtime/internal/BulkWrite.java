package dev.tiered.runtime.internal;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes what a {@code @Bulk} method's delegate returned for the ids that no tier held, as entries of the
 * single-key method, in the order the write policy gives: to an in-process L1 entry by entry, as the single-key
 * method writes one; to a remote tier in one call for all of them ({@link dev.tiered.runtime.Backend#writeAll}: a
 * pipeline of {@code PSETEX} on Redis). The entries are made at one instant, with the single-key method's ttl and
 * staleness; an id the delegate left out (or mapped to {@code null}) is written only when the method caches nulls.
 * Made by {@link BulkLoad#load} for its generated bulk loader.
 *
 * @param <K> the ids' type
 * @param <V> the cached value's type
 */
public final class BulkWrite<K, V> {
  private final MethodCache<V> cache;
  private final boolean async;
  private final List<? extends CacheKey> keys;
  private final List<K> ids;

  BulkWrite(MethodCache<V> cache, boolean async, List<? extends CacheKey> keys, List<K> ids) {
    this.cache = cache;
    this.async = async;
    this.keys = keys;
    this.ids = ids;
  }

  /** Writes L1, then L2 with the entries L1 took: the {@code SEQUENTIAL} write. */
  public CompletableFuture<Boolean> writeSequential(Map<K, V> values) {
    Batch batch = batch(values);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    return writeL1(batch, !async || !cache.l1.remote)
        .thenCompose(took -> writeL2(took, !async || !cache.l2.remote));
  }

  /** Writes both tiers at once and awaits both: the {@code OPTIMISTIC_PARALLEL} write. */
  public CompletableFuture<Boolean> writeBoth(Map<K, V> values) {
    Batch batch = batch(values);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> l2Write = writeL2(batch, BulkLoad.awaitedBoth(cache.l2, cache.l1, async));
    CompletableFuture<Batch> l1Write = writeL1(batch, BulkLoad.awaitedBoth(cache.l1, cache.l2, async));
    return l1Write.thenCombine(l2Write, (took, l2Took) -> !took.isEmpty() | l2Took);
  }

  /**
   * Writes both tiers at once and completes at the first that takes the entries: the {@code RACE} write; the other
   * is left to finish or dropped per {@code loser}.
   */
  public CompletableFuture<Boolean> writeRace(Map<K, V> values, RaceLoserPolicy loser) {
    Batch batch = batch(values);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    // A remote write starts before an in-process one runs inline, so the inline write does not delay it.
    CompletableFuture<Boolean> l2Write = writeL2(batch, !cache.l2.remote);
    CompletableFuture<Boolean> l1Write = writeL1(batch, !cache.l1.remote).thenApply(took -> !took.isEmpty());
    return Races.first(
        l1Write, l2Write, (took, tier) -> took ? Boolean.TRUE : null, false, loser, cache.counters.offloaded);
  }

  /** Entries to write, made at one instant. */
  private final class Batch {
    final List<CacheKey> keys = new ArrayList<>();
    final List<Entry<V>> entries = new ArrayList<>();

    boolean isEmpty() {
      return keys.isEmpty();
    }

    void add(CacheKey key, Entry<V> entry) {
      keys.add(key);
      entries.add(entry);
    }
  }

  private Batch batch(Map<K, V> values) {
    Batch batch = new Batch();
    long now = cache.clock.millis();
    for (int i = 0; i < ids.size(); i++) {
      Entry<V> entry = cache.newEntry(values == null ? null : values.get(ids.get(i)), now);
      if (entry != null) {
        batch.add(keys.get(i), entry);
      }
    }
    return batch;
  }

  /**
   * Writes {@code batch} to L1, capped by L1's ttl, on this thread when {@code inline}; completes with the entries L1
   * took. An in-process L1 is written entry by entry as {@link MethodCache#writeL1} writes one (when synced, indexed
   * for other instances' invalidations, and skipped where one raced the load); a remote one, never synced, in one
   * call of the backend.
   */
  private CompletableFuture<Batch> writeL1(Batch batch, boolean inline) {
    Supplier<Batch> write = () -> {
      if (cache.l1.remote) {
        long now = cache.clock.millis();
        long expiresAt = Math.min(batch.entries.get(0).expiresAt(), now + cache.l1Ttl);
        List<Entry<V>> capped =
            batch.entries.stream().map(e -> new Entry<>(e.value(), expiresAt, e.staleAt())).toList();
        return cache.l1.writeAll(batch.keys, capped, expiresAt - now, cache.codec) ? batch : new Batch();
      }
      Batch took = new Batch();
      for (int i = 0; i < batch.keys.size(); i++) {
        if (cache.writeL1(batch.keys.get(i), batch.entries.get(i))) {
          took.add(batch.keys.get(i), batch.entries.get(i));
        }
      }
      return took;
    };
    return inline ? CompletableFuture.completedFuture(write.get()) : cache.l1.submit(write, new Batch());
  }

  /**
   * Writes {@code batch} to L2 in one call of the backend, on this thread when {@code inline}, but for the entries
   * whose load raced an invalidation (decided now, while the call's stamps are still there; see {@link L1Sync}).
   */
  private CompletableFuture<Boolean> writeL2(Batch batch, boolean inline) {
    Batch kept = new Batch();
    for (int i = 0; i < batch.keys.size(); i++) {
      if (!cache.sync.raced(batch.keys.get(i))) {
        kept.add(batch.keys.get(i), batch.entries.get(i));
      }
    }
    if (kept.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    Supplier<Boolean> write = () -> {
      long ttl = kept.entries.get(0).expiresAt() - cache.clock.millis();
      return cache.l2.writeAll(kept.keys, kept.entries, ttl, cache.codec);
    };
    return inline ? CompletableFuture.completedFuture(write.get()) : cache.l2.submit(write, false);
  }
}
