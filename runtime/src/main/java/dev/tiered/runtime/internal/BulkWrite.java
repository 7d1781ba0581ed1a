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
 * single-key method: one write per tier for all of them ({@link dev.tiered.runtime.Backend#writeAll}, a pipeline of
 * {@code SET PX} on Redis), in the order the write policy gives. Every entry is made at the same instant, with the
 * single-key method's ttl and staleness; an id the delegate left out (or mapped to {@code null}) is written only
 * when the method caches nulls. Made by {@link BulkLoad#load} for its generated bulk loader.
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

  /** Writes L1, then L2 when L1 took the entries: the {@code SEQUENTIAL} write. */
  public CompletableFuture<Boolean> writeSequential(Map<K, V> values) {
    Batch batch = batch(values);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    return write(cache.l1, batch, !async || !cache.l1.remote)
        .thenCompose(took -> took
            ? write(cache.l2, batch, !async || !cache.l2.remote)
            : CompletableFuture.completedFuture(false));
  }

  /** Writes both tiers at once and awaits both: the {@code OPTIMISTIC_PARALLEL} write. */
  public CompletableFuture<Boolean> writeBoth(Map<K, V> values) {
    Batch batch = batch(values);
    if (batch.isEmpty()) {
      return CompletableFuture.completedFuture(false);
    }
    CompletableFuture<Boolean> l2Write = write(cache.l2, batch, BulkLoad.awaitedBoth(cache.l2, cache.l1, async));
    CompletableFuture<Boolean> l1Write = write(cache.l1, batch, BulkLoad.awaitedBoth(cache.l1, cache.l2, async));
    return l1Write.thenCombine(l2Write, (a, b) -> a | b);
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
    CompletableFuture<Boolean> l2Write = write(cache.l2, batch, !cache.l2.remote);
    CompletableFuture<Boolean> l1Write = write(cache.l1, batch, !cache.l1.remote);
    return Races.first(
        l1Write, l2Write, (took, tier) -> took ? Boolean.TRUE : null, false, loser, cache.counters.offloaded);
  }

  /** The entries to write, all made at {@link #now}. */
  private final class Batch {
    final List<CacheKey> keys = new ArrayList<>();
    final List<Entry<V>> entries = new ArrayList<>();
    final long now = cache.clock.millis();

    boolean isEmpty() {
      return keys.isEmpty();
    }
  }

  private Batch batch(Map<K, V> values) {
    Batch batch = new Batch();
    for (int i = 0; i < ids.size(); i++) {
      Entry<V> entry = cache.newEntry(values == null ? null : values.get(ids.get(i)), batch.now);
      if (entry != null) {
        batch.keys.add(keys.get(i));
        batch.entries.add(entry);
      }
    }
    return batch;
  }

  /** Writes {@code batch} to {@code tier}, on this thread when {@code inline}; in L1 capped by its own ttl. */
  private CompletableFuture<Boolean> write(TierAccess tier, Batch batch, boolean inline) {
    Supplier<Boolean> write = () -> {
      long now = cache.clock.millis();
      long expiresAt = batch.entries.get(0).expiresAt();
      List<Entry<V>> entries = batch.entries;
      if (tier.tier == Tier.L1 && now + cache.l1Ttl < expiresAt) {
        long capped = now + cache.l1Ttl;
        entries = batch.entries.stream().map(e -> new Entry<>(e.value(), capped, e.staleAt())).toList();
        expiresAt = capped;
      }
      return tier.writeAll(batch.keys, entries, expiresAt - now, cache.codec);
    };
    return inline ? CompletableFuture.completedFuture(write.get()) : tier.submit(write, false);
  }
}
