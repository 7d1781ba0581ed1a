package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The generation of one cached method, the part of every key that {@code Invalidate(all = true)} advances. The
 * current {@link KeySpace} holds it; advancing swaps in the next space, so every key made before stops matching
 * without a scan, and the orphaned entries expire by their ttl.
 *
 * <p>Instances share a method's generation through L2, under a key of its own ({@code users:v1:find#generation}):
 * the one that advances writes it, and the others read it at most once a second, and only when they read L2 anyway
 * (after an L1 miss). Only methods that some {@code Invalidate(all = true)} targets take part.
 */
final class SharedGeneration {
  /** How often a method that shares its generation asks L2 for it, at most. */
  private static final long SYNC_MILLIS = 1_000;
  /** How far ahead of this clock a shared generation may be before it is taken for corrupt: a day of clock skew. */
  private static final long MAX_AHEAD_MILLIS = 86_400_000L;

  /** Read on every call; written under this object's lock, rarely. */
  private volatile KeySpace space;
  private final CacheKey key;
  private final ValueCodec<Long> codec;
  /** The shared generation outlives every entry it hides, so a new instance never sees them again. */
  private final long ttlMillis;
  private final TierAccess l2;
  private final InstantSource clock;
  private volatile boolean shared;
  private volatile long syncDue;

  SharedGeneration(KeySpace first, long entryTtlMillis, TierAccess l2, TieredOptions options) {
    this.space = first;
    this.key = new GenerationKey(first.cacheName(), first.basePrefix() + "#generation");
    this.codec = ValueCodec.of(options.format(), ValueType.of(Long.class));
    this.ttlMillis = 2 * entryTtlMillis;
    this.l2 = l2;
    this.clock = options.clock();
  }

  /** The key space of the current generation. */
  KeySpace current() {
    return space;
  }

  /** Makes this method follow the generation other instances share through L2. */
  void share() {
    shared = true;
  }

  /** Catches up with the shared generation when a second has passed since the last look. */
  void sync() {
    long now = clock.millis();
    if (!shared || now < syncDue) {
      return;
    }
    syncDue = now + SYNC_MILLIS;
    Entry<Long> stored;
    try {
      stored = l2.backend.read(key, codec);
    } catch (Exception | LinkageError e) {
      l2.readFailed(key, e); // a generation that does not decode is deleted like any corrupt entry
      return;
    }
    Long g = stored == null ? null : stored.value();
    if (g == null) {
      return;
    }
    if (g < 0 || g > now + MAX_AHEAD_MILLIS) {
      // Generations are times of this clock; one far ahead of it was not written by an instance of ours, and
      // following it would bring the generation within reach of overflow, where it would wrap and go backwards.
      l2.readFailed(key, new CorruptEntryException(
          "the shared generation " + g + " of " + space + " is not a time near now (" + now + ")"));
      return;
    }
    catchUp(g);
  }

  /** Advances the generation here, then writes it to L2 inline; returns the new generation. */
  long advance() {
    Entry<Long> generation = advanceLocally();
    publish(generation);
    return generation.value();
  }

  /**
   * Advances the generation here at once, then writes it to L2 and hands it to {@code then}, without holding the
   * caller on a remote L2.
   */
  CompletableFuture<Void> advanceAsync(LongConsumer then) {
    Entry<Long> generation = advanceLocally();
    return l2.submitOrRunHere(() -> {
      publish(generation);
      then.accept(generation.value());
      return null;
    });
  }

  /**
   * Moves to generation {@code g}, which another instance announced, when it is ahead; never backwards, and never to
   * a generation that no instance of ours could have made (see {@link #sync}).
   */
  void follow(long g) {
    if (g >= 0 && g <= clock.millis() + MAX_AHEAD_MILLIS) {
      shared = true;
      catchUp(g);
    }
  }

  private Entry<Long> advanceLocally() {
    shared = true;
    long now = clock.millis();
    // The clock keeps generations from two instances advancing at once apart; the +1 keeps a fast clock honest.
    KeySpace next;
    synchronized (this) {
      next = space.next(now);
      space = next;
    }
    return new Entry<>(next.generation(), now + ttlMillis, Entry.NEVER);
  }

  private Void publish(Entry<Long> generation) {
    l2.write(key, generation, ttlMillis, codec);
    return null;
  }

  /** Moves to generation {@code g} when it is ahead; never backwards. */
  private void catchUp(long g) {
    synchronized (this) {
      if (space.generation() < g) {
        space = space.withGeneration(g);
      }
    }
  }

  /** The key of a method's shared generation: no arguments, no generation of its own. */
  private record GenerationKey(String cacheName, String readable) implements CacheKey {
    @Override
    public String toString() {
      return readable;
    }
  }
}
