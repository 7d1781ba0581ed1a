package dev.tiered.runtime.internal;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.TieredListener.CallEvent;
import dev.tiered.runtime.TieredListener.Source;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueCodec;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The pieces a generated decorator composes for one cached method: tier reads and writes, hit accounting, refill,
 * single-flight loading, background refresh, races between the tiers, and invalidation. The policy of a method is
 * the order in which its generated code calls these pieces; no piece looks at a policy setting.
 *
 * <p>Design notes. Reads and writes never throw (see {@link TierAccess}): a tier's failure becomes a miss or a failed
 * write, so the caller's call always goes on to the other tier or the delegate. An in-process tier is always called
 * inline; a remote tier is called on the executor whenever the caller must not wait for it (races, parallel reads,
 * asynchronous methods). Concurrent misses of one key share one delegate call ({@link SingleFlight}); the
 * generation that {@code Invalidate(all = true)} advances lives in {@link SharedGeneration}. A {@code @Bulk} method
 * that reads and fills this method's entries drives the same pieces for many keys at once through {@link BulkLoad}.
 *
 * @param <V> the cached value's type (the boxed type for primitives, the element type for {@code Optional})
 */
public final class MethodCache<V> {
  /**
   * Marks a thread that runs a background refresh. Its loader then writes the tiers inline, one after the other,
   * instead of handing a remote write to the executor and awaiting it: nobody waits for a refresh, and an executor
   * thread that awaits work queued on its own executor waits forever once every thread of a small executor does.
   */
  private static final ThreadLocal<Boolean> REFRESH_THREAD = new ThreadLocal<>();

  private final String cacheName;
  final String methodName;
  final TierAccess l1;
  final TierAccess l2;
  private final CaffeineBackend localL1; // l1's backend when it is Caffeine, which cannot fail: read unguarded
  final ValueCodec<V> codec;
  private final long ttl;
  final long l1Ttl;
  private final long stale;
  final boolean cacheNulls;
  private final Executor executor;
  final InstantSource clock;
  private final TieredListener listener;
  private final String delegateLabel;
  final Counters counters = new Counters();
  private final HitCounts hits = counters.hits; // counters.hits, one load nearer an L1 hit
  final SingleFlight<V> flights;
  private final Set<CacheKey> refreshing = ConcurrentHashMap.newKeySet();
  final SharedGeneration generation;
  private final CacheContext context;
  /** The L1 side of {@code SyncPolicy.INVALIDATE}; off (no-ops) when this method's L1 is not synced. */
  final L1Sync sync;

  MethodCache(CacheContext.MethodSettings settings) {
    this.context = settings.context;
    TieredOptions options = context.options;
    this.executor = context.executor();
    this.cacheName = context.cacheName;
    this.methodName = settings.methodName;
    this.l1 = new TierAccess(Tier.L1, context.l1, cacheName, counters, options, executor);
    this.l2 = new TierAccess(Tier.L2, context.l2, cacheName, counters, options, executor);
    this.localL1 = context.l1 instanceof CaffeineBackend caffeine ? caffeine : null;
    this.codec = ValueCodec.of(options.format(), settings.type);
    this.ttl = settings.ttl.toMillis();
    this.l1Ttl = settings.l1Ttl == null ? ttl : Math.min(settings.l1Ttl.toMillis(), ttl);
    this.stale = settings.stale.toMillis();
    this.cacheNulls = settings.cacheNulls;
    this.clock = options.clock();
    this.listener = options.listener();
    this.delegateLabel = cacheName + ".delegate";
    this.flights = new SingleFlight<>(cacheName + "." + methodName);
    this.generation = new SharedGeneration(
        new KeySpace(cacheName, context.version, methodName), ttl, l2, options);
    this.sync = context.fleet == null ? L1Sync.off(l1) : context.fleet.add(methodName, l1, generation);
  }

  /** The key space of this method's current generation; generated keys are made in it. */
  public KeySpace space() {
    return generation.current();
  }

  /** A snapshot of this method's counters. */
  public TieredStats stats() {
    return counters.snapshot();
  }

  // ---------------------------------------------------------------- reads

  /**
   * Reads L1 inline: its live entry (fresh or stale), or {@code null} on a miss, an expired entry or an error. The
   * whole of an L1 hit besides the key and the hit count, so it does nothing else: what a miss sets up happens in
   * {@link #readL2}, which keeps this method small enough for the JIT to inline into the generated one.
   */
  public Entry<V> readL1(CacheKey key) {
    // Caffeine unguarded: a handler that reported the key would keep the JIT from leaving an L1 hit's key off the heap.
    Entry<V> entry = localL1 != null ? localL1.read(key, codec) : readL1Guarded(key);
    if (entry != null && entry.isExpired(SystemTick.millis(clock))) {
      // Not removed here: that would pass the key on, and once any entry had expired the JIT would keep every hit's
      // key on the heap. The miss path writes this key again (refill or load); the size bound evicts it otherwise.
      return null;
    }
    return entry;
  }

  private Entry<V> readL1Guarded(CacheKey key) {
    try {
      return l1.backend.read(key, codec);
    } catch (Exception | LinkageError e) {
      return l1.readFailed(key, e);
    }
  }

  /**
   * Reads L2 inline after L1 missed in this thread: its live entry (fresh or stale), or {@code null} on a miss, an
   * expired entry or an error. When L1 is synced, this call's writes are checked against invalidations from now on.
   */
  public Entry<V> readL2(CacheKey key) {
    sync.missed(key, true);
    return readL2Only(key);
  }

  private Entry<V> readL2Only(CacheKey key) {
    generation.sync();
    Entry<V> entry;
    try {
      entry = l2.backend.read(key, codec);
    } catch (Exception | LinkageError e) {
      return l2.readFailed(key, e);
    }
    return l2.live(key, entry, cacheNulls, clock.millis());
  }

  /**
   * Reads L1 without holding the caller when L1 is remote: every asynchronous method's first step. Fails only for a
   * delegate that calls while it starts the load of this very key: it would await itself ({@link SingleFlight}).
   */
  public CompletableFuture<Entry<V>> readL1Async(CacheKey key) {
    if (flights.isStartingHere(key)) {
      return CompletableFuture.failedFuture(flights.recursiveLoad(key));
    }
    return l1.submit(() -> {
      Entry<V> entry = readL1(key);
      if (entry == null) {
        sync.missed(key, false); // the call goes on in other threads: its stamp is shared
      }
      return entry;
    }, null);
  }

  /** Reads L2 without holding the caller when L2 is remote; the future never fails. */
  public CompletableFuture<Entry<V>> readL2Async(CacheKey key) {
    return l2.submit(() -> readL2Only(key), null);
  }

  /**
   * Starts L2 after L1 misses: the {@code SEQUENTIAL} read of an asynchronous method.
   *
   * @return the first tier's hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> readSequential(
      CompletableFuture<Entry<V>> l1Read, Supplier<CompletableFuture<Entry<V>>> l2Read) {
    return l1Read.thenCompose(
        entry -> entry != null
            ? CompletableFuture.completedFuture(new Hit<>(entry, Tier.L1))
            : l2Read.get().thenApply(e -> e == null ? null : new Hit<>(e, Tier.L2)));
  }

  /**
   * Races the tiers: the first hit completes the result at once; a miss waits for the other tier. An in-process L1
   * that has already answered with a hit wins before L2 could start, so L2 is then not read at all.
   *
   * @return the winning hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> readRace(
      CompletableFuture<Entry<V>> l1Read,
      Supplier<CompletableFuture<Entry<V>>> l2Read,
      RaceLoserPolicy loser) {
    Entry<V> early = l1Read.getNow(null);
    if (early != null) {
      return CompletableFuture.completedFuture(new Hit<>(early, Tier.L1));
    }
    return Races.first(
        l1Read,
        l2Read.get(),
        (entry, tier) -> entry == null ? null : new Hit<>(entry, tier),
        null,
        loser,
        counters.offloaded);
  }

  /**
   * Awaits both tiers: the {@code PARALLEL} read. When both hit, the entry that expires later wins, L1 on ties;
   * expired entries are misses, so they never beat a live one.
   *
   * @return the chosen hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> readParallel(
      CompletableFuture<Entry<V>> l1Read, CompletableFuture<Entry<V>> l2Read) {
    return l1Read.thenCombine(
        l2Read,
        (a, b) -> {
          if (a == null) {
            return b == null ? null : new Hit<>(b, Tier.L2);
          }
          return b != null && b.expiresAt() > a.expiresAt() ? new Hit<>(b, Tier.L2) : new Hit<>(a, Tier.L1);
        });
  }

  // ---------------------------------------------------------------- hits

  /**
   * Counts a hit of {@code tier} and tells the listener.
   *
   * @return whether the entry is stale, in which case the caller starts a {@link #refresh}
   */
  public Freshness recordHit(CacheKey key, Entry<V> entry, Tier tier) {
    // Small, so that it inlines into the generated hit path: the listener's work is elsewhere.
    Freshness freshness =
        entry.staleAt() == Entry.NEVER || !entry.isStale(SystemTick.millis(clock)) ? Freshness.FRESH : Freshness.STALE;
    hits.add(freshness == Freshness.STALE ? HitCounts.STALE : tier == Tier.L1 ? HitCounts.L1 : HitCounts.L2);
    if (listener != null) {
      notify(key, freshness == Freshness.STALE ? Source.STALE : tier == Tier.L1 ? Source.L1 : Source.L2, tier);
    }
    return freshness;
  }

  /** Copies an L2 hit into L1 with its remaining ttl, capped by L1's own ttl; never holds the caller on a remote L1. */
  public void refillL1(CacheKey key, Entry<V> entry) {
    if (l1.remote) {
      l1.runWithoutWaiting(() -> writeL1(key, entry));
    } else {
      writeL1(key, entry); // what runWithoutWaiting would do, without allocating the task on every L2 hit
    }
    sync.done(key);
  }

  /**
   * Starts a background refresh of a stale entry, unless one for the key is already running: however many callers
   * see the entry stale, the delegate is called once.
   */
  public void refresh(CacheKey key, Loader<V> loader) {
    if (!refreshing.add(key)) {
      return;
    }
    sync.missed(key, false); // the delegate's answer may predate an invalidation announced meanwhile
    counters.refreshes.increment();
    try {
      executor.execute(
          () -> {
            REFRESH_THREAD.set(Boolean.TRUE);
            try {
              DelegateCalls.call(loader, counters);
            } catch (Throwable e) {
              // The stale entry keeps serving until it expires; the failure is counted by DelegateCalls.
            } finally {
              REFRESH_THREAD.remove();
              refreshing.remove(key);
              sync.done(key);
            }
          });
    } catch (RejectedExecutionException e) {
      refreshing.remove(key);
    }
  }

  /** {@link #refresh} for asynchronous methods. */
  public void refreshAsync(CacheKey key, AsyncLoader<V> loader) {
    if (!refreshing.add(key)) {
      return;
    }
    sync.missed(key, false);
    counters.refreshes.increment();
    DelegateCalls.start(loader, counters, methodName).whenComplete((v, t) -> {
      refreshing.remove(key);
      sync.done(key);
    });
  }

  // ---------------------------------------------------------------- misses

  /**
   * Loads a missed key through {@code loader}, sharing one call among concurrent callers of the same key. What the
   * loader throws reaches every waiter as the same instance.
   */
  public V load(CacheKey key, Loader<V> loader) {
    counters.misses.increment();
    V value;
    try {
      value = flights.load(key, () -> DelegateCalls.call(loader, counters));
    } finally {
      sync.done(key);
    }
    delegateAnswered(key);
    return value;
  }

  /**
   * {@link #load} for asynchronous methods: returns at once with a future of the shared load, which fails with the
   * delegate's own exception, unwrapped.
   */
  public CompletableFuture<V> loadAsync(CacheKey key, AsyncLoader<V> loader) {
    CompletableFuture<V> value =
        flights.loadAsync(key, () -> DelegateCalls.start(loader, counters, methodName), v -> delegateAnswered(key));
    // Counted once the call has joined the load (or started it), so a count of misses is a count of waiters.
    counters.misses.increment();
    value.whenComplete((v, e) -> sync.done(key));
    return value;
  }

  void delegateAnswered(CacheKey key) {
    if (listener != null) {
      notify(key, Source.DELEGATE, null);
    }
  }

  private void notify(CacheKey key, Source source, Tier tier) {
    String tierLabel = tier == null ? delegateLabel : tier == Tier.L1 ? l1.label : l2.label;
    try {
      listener.onCall(new CallEvent(cacheName, methodName, key, source, tierLabel));
    } catch (RuntimeException e) {
      // A listener must never break a call.
    }
  }

  // ---------------------------------------------------------------- writes

  /** The entry to cache for a value loaded now; {@code null} for a null value when nulls are not cached. */
  public Entry<V> newEntry(V value) {
    return newEntry(value, clock.millis());
  }

  /** {@link #newEntry(Object)} loaded at {@code now}: the entries of one bulk load share their times. */
  Entry<V> newEntry(V value, long now) {
    if (value == null && !cacheNulls) {
      return null;
    }
    return new Entry<>(value, now + ttl, stale > 0 ? now + stale : Entry.NEVER);
  }

  /** Writes L1 inline, capping the entry by L1's ttl. Returns whether L1 took it; failures are counted. */
  public boolean writeL1(CacheKey key, Entry<V> entry) {
    long now = clock.millis();
    long expiresAt = Math.min(entry.expiresAt(), now + l1Ttl);
    Entry<V> capped = expiresAt == entry.expiresAt() ? entry : new Entry<>(entry.value(), expiresAt, entry.staleAt());
    return sync.write(key, capped, expiresAt - now, codec);
  }

  /**
   * Writes L2 inline. Returns whether L2 took it; failures are counted. With synced L1, a value loaded across an
   * invalidation is not written (see {@link L1Sync}).
   */
  public boolean writeL2(CacheKey key, Entry<V> entry) {
    return !sync.raced(key) && l2.write(key, entry, entry.expiresAt() - clock.millis(), codec);
  }

  /** Writes L1 without holding the caller when L1 is remote; the future never fails. */
  public CompletableFuture<Boolean> writeL1Async(CacheKey key, Entry<V> entry) {
    return l1.submit(() -> writeL1(key, entry), false);
  }

  /** Writes L2 without holding the caller when L2 is remote; the future never fails. */
  public CompletableFuture<Boolean> writeL2Async(CacheKey key, Entry<V> entry) {
    if (sync.raced(key)) {
      return CompletableFuture.completedFuture(false); // decided now: the stamp is gone once the call is over
    }
    return l2.submit(() -> writeL2(key, entry), false);
  }

  /**
   * Writes both tiers at once and waits for both: the {@code OPTIMISTIC_PARALLEL} write of a synchronous method.
   * An in-process tier is written inline first, so only two remote tiers cost an executor hop, and not even they in
   * a background refresh.
   *
   * @return whether at least one tier took the entry
   */
  public boolean writeBoth(CacheKey key, Entry<V> entry) {
    if (!l1.remote || !l2.remote || REFRESH_THREAD.get() != null) {
      boolean l1Took = writeL1(key, entry);
      return writeL2(key, entry) | l1Took;
    }
    CompletableFuture<Boolean> l2Write = writeL2Async(key, entry);
    boolean l1Took = writeL1(key, entry);
    return l2Write.join() | l1Took;
  }

  /** {@link #writeBoth} for asynchronous methods: completes when both tiers have answered; never fails. */
  public CompletableFuture<Boolean> writeBothAsync(CacheKey key, Entry<V> entry) {
    return writeL1Async(key, entry).thenCombine(writeL2Async(key, entry), (a, b) -> a | b);
  }

  /**
   * Writes both tiers at once and completes on the first success: the {@code RACE} write. If the first tier to
   * answer failed, the result waits for the other. A background refresh, which nobody awaits, writes both tiers
   * inline.
   *
   * @return whether a tier took the entry; never fails
   */
  public CompletableFuture<Boolean> writeRace(CacheKey key, Entry<V> entry, RaceLoserPolicy loser) {
    if (REFRESH_THREAD.get() != null) {
      // A background refresh has no caller to race for: it writes both tiers (see REFRESH_THREAD).
      boolean l1Took = writeL1(key, entry);
      return CompletableFuture.completedFuture(writeL2(key, entry) | l1Took);
    }
    // A remote write starts before an in-process one runs inline, so the inline write does not delay it.
    CompletableFuture<Boolean> l2Write = l2.remote ? writeL2Async(key, entry) : null;
    CompletableFuture<Boolean> l1Write = writeL1Async(key, entry);
    if (l2Write == null) {
      l2Write = writeL2Async(key, entry);
    }
    return Races.first(l1Write, l2Write, (took, tier) -> took ? Boolean.TRUE : null, false, loser, counters.offloaded);
  }

  // ---------------------------------------------------------------- invalidation

  /**
   * Removes the key from both tiers at once and waits for both; one tier failing still removes the other. When L1 is
   * synced, the removal is then announced to the other instances, which evict the key from their own L1.
   */
  public void invalidate(CacheKey key) {
    invalidateAsync(key, null).join();
  }

  /** {@link #invalidate(CacheKey)}, announced with the rest of {@code together}'s call ({@link Invalidation}). */
  public void invalidate(CacheKey key, Invalidation together) {
    invalidateAsync(key, together).join();
  }

  /** {@link #invalidate(CacheKey)} without holding the caller on a remote tier; never fails. */
  public CompletableFuture<Void> invalidateAsync(CacheKey key) {
    return invalidateAsync(key, null);
  }

  /** {@link #invalidateAsync(CacheKey)}, announced with the rest of {@code together}'s call; never fails. */
  public CompletableFuture<Void> invalidateAsync(CacheKey key, Invalidation together) {
    sync.invalidating();
    CompletableFuture<Boolean> l2Removal = l2.submitOrRunHere(() -> {
      boolean removed = l2.remove(key);
      // Announced after L2's removal: an instance that evicts on hearing it must not reload the old entry from L2.
      sync.announce(key, together);
      return removed;
    });
    CompletableFuture<Boolean> l1Removal = l1.submitOrRunHere(() -> l1.remove(key));
    return CompletableFuture.allOf(l1Removal, l2Removal);
  }

  /**
   * Makes every entry of this method unreachable in both tiers by advancing the method's generation, which is part
   * of every key: no scan, and the orphaned entries expire by their ttl. When L1 is synced, the new generation is
   * announced to the other instances, which move to it at once.
   */
  public void invalidateAll() {
    invalidateAll(null);
  }

  /** {@link #invalidateAll()}, announced with the rest of {@code together}'s call. */
  public void invalidateAll(Invalidation together) {
    sync.invalidating();
    sync.announceAll(generation.advance(), together);
  }

  /** {@link #invalidateAll()} without holding the caller on a remote L2; never fails. */
  public CompletableFuture<Void> invalidateAllAsync() {
    return invalidateAllAsync(null);
  }

  /** {@link #invalidateAllAsync()}, announced with the rest of {@code together}'s call; never fails. */
  public CompletableFuture<Void> invalidateAllAsync(Invalidation together) {
    sync.invalidating();
    return generation.advanceAsync(g -> sync.announceAll(g, together));
  }

  /**
   * Makes this method follow the generation other instances share through L2, because an {@code Invalidate(all =
   * true)} targets it. Checked at most once a second, and only when L2 is read anyway (after an L1 miss).
   */
  public void shareGeneration() {
    generation.share();
  }

  /**
   * Closes the decorator this method belongs to: its lease on the shared executor is released, so that the executor's
   * threads stop once no open decorator holds it. The generated {@code close()} calls it for every cached method;
   * the first call closes, the others find it closed. Calls made afterwards still work; background work they would
   * hand to the shared executor is skipped and counted ({@link TieredStats#skipped()}), as when it is full.
   */
  public void close() {
    context.close();
  }
}
