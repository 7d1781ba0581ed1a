package dev.tiered.runtime.internal;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.KeySpace;
import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.TieredListener.CallEvent;
import dev.tiered.runtime.TieredListener.Source;
import dev.tiered.runtime.TieredOptions;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The pieces a generated decorator composes for one cached method: tier reads and writes that count and log their
 * errors instead of throwing, hit accounting, refill, single-flight loading, background refresh, races between the
 * tiers, and invalidation. The policy of a method is the order in which its generated code calls these pieces; no
 * piece looks at a policy setting.
 *
 * <p>Design notes. Reads and writes never throw: a tier's failure is counted, logged (rate-limited) and turned into
 * a miss or a failed write, so the caller's call always goes on to the other tier or the delegate. An in-process
 * tier ({@link Backend#isRemote()} false) is always called inline, because handing a nanosecond map lookup to an
 * executor would cost a thousand times the lookup; a remote tier is called on the executor whenever the caller must
 * not wait for it (races, parallel reads, asynchronous methods). Concurrent misses of one key share one delegate
 * call through {@link #inFlight}, and the waiters get the leader's exception instance itself, unwrapped.
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
  /** How often a method that shares its generation asks L2 for it, at most. */
  private static final long GENERATION_SYNC_MILLIS = 1_000;

  private final KeySpace space;
  private final Backend l1;
  private final Backend l2;
  private final boolean l1Remote;
  private final boolean l2Remote;
  private final ValueCodec<V> codec;
  private final long ttl;
  private final long l1Ttl;
  private final long stale;
  private final boolean cacheNulls;
  private final Executor executor;
  private final InstantSource clock;
  private final TieredListener listener;
  private final String l1Label;
  private final String l2Label;
  private final String delegateLabel;
  private final ErrorLog l1Log;
  private final ErrorLog l2Log;
  private final Counters counters = new Counters();
  private final ConcurrentHashMap<CacheKey, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  private final Set<CacheKey> refreshing = ConcurrentHashMap.newKeySet();
  private final ValueCodec<Long> generationCodec;
  private final long generationTtl;
  private volatile boolean sharesGeneration;
  private volatile long generationSyncDue;

  /**
   * Creates the cache of one method.
   *
   * @param cacheName the cache's name
   * @param version the cache's version
   * @param methodName the method's name in keys
   * @param l1 the in-process tier
   * @param l2 the shared tier
   * @param type the full type of the cached value
   * @param ttl how long entries live
   * @param l1Ttl how long entries live in L1, at most {@code ttl}
   * @param stale when entries become stale, or zero for never
   * @param cacheNulls whether {@code null} values are cached
   * @param options the executor, clock, listener and format
   */
  public MethodCache(
      String cacheName,
      int version,
      String methodName,
      Backend l1,
      Backend l2,
      ValueType type,
      Duration ttl,
      Duration l1Ttl,
      Duration stale,
      boolean cacheNulls,
      TieredOptions options) {
    this.space = new KeySpace(cacheName, version, methodName);
    this.l1 = l1;
    this.l2 = l2;
    this.l1Remote = l1.isRemote();
    this.l2Remote = l2.isRemote();
    this.codec = ValueCodec.of(options.format(), type);
    this.generationCodec = ValueCodec.of(options.format(), ValueType.of(Long.class));
    // The shared generation outlives every entry it hides, so a new instance never sees them again.
    this.generationTtl = 2 * ttl.toMillis();
    this.ttl = ttl.toMillis();
    this.l1Ttl = Math.min(l1Ttl.toMillis(), this.ttl);
    this.stale = stale.toMillis();
    this.cacheNulls = cacheNulls;
    this.executor = options.executor();
    this.clock = options.clock();
    this.listener = options.listener();
    this.l1Label = cacheName + "." + l1.label();
    this.l2Label = cacheName + "." + l2.label();
    this.delegateLabel = cacheName + ".delegate";
    this.l1Log = new ErrorLog(l1Label);
    this.l2Log = new ErrorLog(l2Label);
  }

  /** The key space of this method; generated keys are made in it. */
  public KeySpace space() {
    return space;
  }

  /** A snapshot of this method's counters. */
  public TieredStats stats() {
    return counters.snapshot();
  }

  // ---------------------------------------------------------------- reads

  /** Reads L1 inline: its live entry (fresh or stale), or {@code null} on a miss, an expired entry or an error. */
  public Entry<V> readL1(CacheKey key) {
    // Each tier has its own call site, so that the JIT sees one backend class at each and inlines it: this is the
    // whole of an L1 hit, besides the key and the hit count.
    Entry<V> entry;
    try {
      entry = l1.read(key, codec);
    } catch (Exception | LinkageError e) {
      return readFailed(l1, key, true, e);
    }
    return entry == null || !entry.isExpired(clock.millis()) ? entry : expired(key, true);
  }

  /** Reads L2 inline: its live entry (fresh or stale), or {@code null} on a miss, an expired entry or an error. */
  public Entry<V> readL2(CacheKey key) {
    syncGeneration();
    Entry<V> entry;
    try {
      entry = l2.read(key, codec);
    } catch (Exception | LinkageError e) {
      return readFailed(l2, key, false, e);
    }
    return entry == null || !entry.isExpired(clock.millis()) ? entry : expired(key, false);
  }

  /** Reads L1 without holding the caller when L1 is remote; the future never fails. */
  public CompletableFuture<Entry<V>> readL1Async(CacheKey key) {
    return l1Remote
        ? offload(() -> readL1(key))
        : CompletableFuture.completedFuture(readL1(key));
  }

  /** Reads L2 without holding the caller when L2 is remote; the future never fails. */
  public CompletableFuture<Entry<V>> readL2Async(CacheKey key) {
    return l2Remote
        ? offload(() -> readL2(key))
        : CompletableFuture.completedFuture(readL2(key));
  }

  private Entry<V> readFailed(Backend tier, CacheKey key, boolean isL1, Throwable error) {
    failed(isL1, "read", key, error);
    if (error instanceof CorruptEntryException) {
      // An entry that does not decode will never decode: remove it so the next call reloads it.
      remove(tier, key, isL1);
    }
    return null;
  }

  private Entry<V> expired(CacheKey key, boolean isL1) {
    if (isL1 && !l1Remote) {
      // In-process tiers leave expiry to us; drop the dead entry now rather than when the size bound evicts it.
      remove(l1, key, true);
    }
    return null;
  }

  /**
   * Starts L2 after L1 misses: the {@code SEQUENTIAL} read of an asynchronous method.
   *
   * @return the first tier's hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> sequential(
      CompletableFuture<Entry<V>> l1Read, Supplier<CompletableFuture<Entry<V>>> l2Read) {
    return l1Read.thenCompose(
        entry -> entry != null
            ? CompletableFuture.completedFuture(new Hit<>(entry, false))
            : l2Read.get().thenApply(e -> e == null ? null : new Hit<>(e, true)));
  }

  /**
   * Races the tiers: the first hit completes the result at once; a miss waits for the other tier. An in-process L1
   * that has already answered with a hit wins before L2 could start, so L2 is then not read at all. The loser is
   * cancelled under {@code DROP} and counted when it completes under {@code OFFLOAD}.
   *
   * @return the winning hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> race(
      CompletableFuture<Entry<V>> l1Read,
      Supplier<CompletableFuture<Entry<V>>> l2Read,
      RaceLoserPolicy loser) {
    Entry<V> early = l1Read.getNow(null);
    if (early != null) {
      return CompletableFuture.completedFuture(new Hit<>(early, false));
    }
    CompletableFuture<Entry<V>> l2Future = l2Read.get();
    CompletableFuture<Hit<V>> result = new CompletableFuture<>();
    AtomicInteger misses = new AtomicInteger();
    l1Read.thenAccept(e -> settle(result, e, false, l2Future, misses, loser));
    l2Future.thenAccept(e -> settle(result, e, true, l1Read, misses, loser));
    return result;
  }

  private void settle(
      CompletableFuture<Hit<V>> result,
      Entry<V> entry,
      boolean fromL2,
      CompletableFuture<?> other,
      AtomicInteger misses,
      RaceLoserPolicy loser) {
    if (entry != null) {
      // Whether the other tier is a loser is decided before the result is published: completing the result runs
      // the caller's continuation, and a loser that finishes meanwhile must still count as offloaded.
      boolean otherRunning = !other.isDone();
      if (result.complete(new Hit<>(entry, fromL2)) && otherRunning) {
        abandon(other, loser);
      }
    } else if (misses.incrementAndGet() == 2) {
      result.complete(null);
    }
  }

  /** Leaves a tier that was still running when the other won to finish ({@code OFFLOAD}), or cancels it. */
  private void abandon(CompletableFuture<?> loser, RaceLoserPolicy policy) {
    if (policy == RaceLoserPolicy.DROP) {
      loser.cancel(false);
    } else {
      loser.whenComplete((r, t) -> counters.offloaded.increment());
    }
  }

  /**
   * Awaits both tiers: the {@code PARALLEL} read. When both hit, the entry that expires later wins, L1 on ties;
   * expired entries are misses, so they never beat a live one.
   *
   * @return the chosen hit, or {@code null} when both miss; never fails
   */
  public CompletableFuture<Hit<V>> parallel(
      CompletableFuture<Entry<V>> l1Read, CompletableFuture<Entry<V>> l2Read) {
    return l1Read.thenCombine(
        l2Read,
        (a, b) -> {
          if (a == null) {
            return b == null ? null : new Hit<>(b, true);
          }
          return b != null && b.expiresAt() > a.expiresAt() ? new Hit<>(b, true) : new Hit<>(a, false);
        });
  }

  // ---------------------------------------------------------------- hits

  /**
   * Counts a hit and tells the listener.
   *
   * @return whether the entry is stale, in which case the caller starts a {@link #refresh}
   */
  public boolean hit(CacheKey key, Entry<V> entry, boolean fromL2) {
    boolean isStale = entry.staleAt() != Entry.NEVER && entry.isStale(clock.millis());
    if (isStale) {
      counters.staleHits.increment();
    } else if (fromL2) {
      counters.l2Hits.increment();
    } else {
      counters.l1Hits.increment();
    }
    if (listener != null) {
      Source source = isStale ? Source.STALE : fromL2 ? Source.L2 : Source.L1;
      notify(new CallEvent(space.cacheName(), space.methodName(), key, source, fromL2 ? l2Label : l1Label));
    }
    return isStale;
  }

  /** Copies an L2 hit into L1 with its remaining ttl, capped by L1's own ttl; never holds the caller on a remote L1. */
  public void refillL1(CacheKey key, Entry<V> entry) {
    if (l1Remote) {
      runQuietly(() -> writeL1(key, entry));
    } else {
      writeL1(key, entry);
    }
  }

  /**
   * Starts a background refresh of a stale entry, unless one for the key is already running: however many callers
   * see the entry stale, the delegate is called once.
   */
  public void refresh(CacheKey key, Loader<V> loader) {
    if (!refreshing.add(key)) {
      return;
    }
    counters.refreshes.increment();
    try {
      executor.execute(
          () -> {
            REFRESH_THREAD.set(Boolean.TRUE);
            try {
              callDelegate(loader);
            } catch (Throwable e) {
              // The stale entry keeps serving until it expires; the failure is counted by callDelegate.
            } finally {
              REFRESH_THREAD.remove();
              refreshing.remove(key);
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
    counters.refreshes.increment();
    startDelegate(loader).whenComplete((v, t) -> refreshing.remove(key));
  }

  // ---------------------------------------------------------------- misses

  /**
   * Loads a missed key through {@code loader}, sharing one call among concurrent callers of the same key. What the
   * loader throws reaches every waiter as the same instance.
   */
  public V load(CacheKey key, Loader<V> loader) {
    counters.misses.increment();
    CompletableFuture<V> flight = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      V shared = await(leader);
      delegateAnswered(key);
      return shared;
    }
    try {
      V value = callDelegate(loader);
      flight.complete(value);
      delegateAnswered(key);
      return value;
    } catch (Throwable t) {
      flight.completeExceptionally(t);
      throw Sneaky.rethrow(t);
    } finally {
      inFlight.remove(key, flight);
    }
  }

  /**
   * {@link #load} for asynchronous methods: returns at once with a future of the shared load, which fails with the
   * delegate's own exception, unwrapped.
   */
  public CompletableFuture<V> loadAsync(CacheKey key, AsyncLoader<V> loader) {
    counters.misses.increment();
    CompletableFuture<V> flight = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      CompletableFuture<V> shared = new CompletableFuture<>();
      leader.whenComplete(
          (value, error) -> {
            if (error != null) {
              shared.completeExceptionally(unwrap(error));
            } else {
              delegateAnswered(key);
              shared.complete(value);
            }
          });
      return shared;
    }
    startDelegate(loader)
        .whenComplete(
            (value, error) -> {
              inFlight.remove(key, flight);
              if (error != null) {
                flight.completeExceptionally(error);
              } else {
                delegateAnswered(key);
                flight.complete(value);
              }
            });
    return relay(flight);
  }

  private V callDelegate(Loader<V> loader) throws Exception {
    counters.delegateCalls.increment();
    try {
      return loader.load();
    } catch (Throwable t) {
      counters.delegateFailures.increment();
      throw t;
    }
  }

  private CompletableFuture<V> startDelegate(AsyncLoader<V> loader) {
    counters.delegateCalls.increment();
    CompletableFuture<V> started;
    try {
      started = loader.load();
      if (started == null) {
        started = CompletableFuture.failedFuture(
            new NullPointerException("the delegate returned a null future for " + space.methodName()));
      }
    } catch (Throwable t) {
      started = CompletableFuture.failedFuture(t);
    }
    CompletableFuture<V> unwrapped = new CompletableFuture<>();
    started.whenComplete(
        (value, error) -> {
          if (error != null) {
            counters.delegateFailures.increment();
            unwrapped.completeExceptionally(unwrap(error));
          } else {
            unwrapped.complete(value);
          }
        });
    return unwrapped;
  }

  private void delegateAnswered(CacheKey key) {
    if (listener != null) {
      notify(new CallEvent(space.cacheName(), space.methodName(), key, Source.DELEGATE, delegateLabel));
    }
  }

  private static <T> T await(CompletableFuture<T> leader) {
    try {
      return leader.join();
    } catch (CompletionException e) {
      throw Sneaky.rethrow(e.getCause());
    }
  }

  /** A future that completes like {@code source} (with its exception unwrapped) but cannot complete it. */
  private static <T> CompletableFuture<T> relay(CompletableFuture<T> source) {
    CompletableFuture<T> copy = new CompletableFuture<>();
    source.whenComplete(
        (value, error) -> {
          if (error != null) {
            copy.completeExceptionally(unwrap(error));
          } else {
            copy.complete(value);
          }
        });
    return copy;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  // ---------------------------------------------------------------- writes

  /**
   * The entry to cache for a value loaded now, or {@code null} when the value is {@code null} and nulls are not
   * cached.
   */
  public Entry<V> newEntry(V value) {
    if (value == null && !cacheNulls) {
      return null;
    }
    long now = clock.millis();
    return new Entry<>(value, now + ttl, stale > 0 ? now + stale : Entry.NEVER);
  }

  /** Writes L1 inline, capping the entry by L1's ttl. Returns whether L1 took it; failures are counted. */
  public boolean writeL1(CacheKey key, Entry<V> entry) {
    long now = clock.millis();
    long expiresAt = Math.min(entry.expiresAt(), now + l1Ttl);
    Entry<V> capped = expiresAt == entry.expiresAt() ? entry : new Entry<>(entry.value(), expiresAt, entry.staleAt());
    return write(l1, key, capped, expiresAt - now, true);
  }

  /** Writes L2 inline. Returns whether L2 took it; failures are counted. */
  public boolean writeL2(CacheKey key, Entry<V> entry) {
    return write(l2, key, entry, entry.expiresAt() - clock.millis(), false);
  }

  /** Writes L1 without holding the caller when L1 is remote; the future never fails. */
  public CompletableFuture<Boolean> writeL1Async(CacheKey key, Entry<V> entry) {
    return l1Remote
        ? offload(() -> writeL1(key, entry))
        : CompletableFuture.completedFuture(writeL1(key, entry));
  }

  /** Writes L2 without holding the caller when L2 is remote; the future never fails. */
  public CompletableFuture<Boolean> writeL2Async(CacheKey key, Entry<V> entry) {
    return l2Remote
        ? offload(() -> writeL2(key, entry))
        : CompletableFuture.completedFuture(writeL2(key, entry));
  }

  /**
   * Writes both tiers at once and waits for both: the {@code OPTIMISTIC_PARALLEL} write of a synchronous method.
   * An in-process tier is written inline first, so only two remote tiers cost an executor hop, and not even they in
   * a background refresh.
   *
   * @return whether at least one tier took the entry
   */
  public boolean writeBoth(CacheKey key, Entry<V> entry) {
    if (!l1Remote || !l2Remote || REFRESH_THREAD.get() != null) {
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
   * answer failed, the result waits for the other. The loser is cancelled under {@code DROP} and left to finish
   * (and counted) under {@code OFFLOAD}. A background refresh, which nobody awaits, writes both tiers inline.
   *
   * @return whether a tier took the entry; never fails
   */
  public CompletableFuture<Boolean> writeRace(CacheKey key, Entry<V> entry, RaceLoserPolicy loser) {
    if (REFRESH_THREAD.get() != null) {
      // A background refresh has no caller to race for: it writes both tiers (see REFRESH_THREAD).
      boolean l1Took = writeL1(key, entry);
      return CompletableFuture.completedFuture(writeL2(key, entry) | l1Took);
    }
    // Both writes start before either is looked at, so an inline in-process write does not delay the remote one.
    CompletableFuture<Boolean> l2Write =
        l2Remote ? offload(() -> writeL2(key, entry)) : null;
    CompletableFuture<Boolean> l1Write = writeL1Async(key, entry);
    if (l2Write == null) {
      l2Write = writeL2Async(key, entry);
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    AtomicInteger failures = new AtomicInteger();
    CompletableFuture<Boolean> l2Final = l2Write;
    l1Write.thenAccept(ok -> settleWrite(result, ok, l2Final, failures, loser));
    l2Write.thenAccept(ok -> settleWrite(result, ok, l1Write, failures, loser));
    return result;
  }

  private void settleWrite(
      CompletableFuture<Boolean> result,
      boolean ok,
      CompletableFuture<Boolean> other,
      AtomicInteger failures,
      RaceLoserPolicy loser) {
    if (ok) {
      boolean otherRunning = !other.isDone();
      if (result.complete(true) && otherRunning) {
        abandon(other, loser);
      }
    } else if (failures.incrementAndGet() == 2) {
      result.complete(false);
    }
  }

  private boolean write(Backend tier, CacheKey key, Entry<V> entry, long ttlMillis, boolean isL1) {
    if (ttlMillis <= 0) {
      return false;
    }
    try {
      tier.write(key, entry, ttlMillis, codec);
      return true;
    } catch (Exception | LinkageError e) {
      failed(isL1, "write", key, e);
      return false;
    }
  }

  // ---------------------------------------------------------------- invalidation

  /** Removes the key from both tiers at once and waits for both; one tier failing still removes the other. */
  public void invalidate(CacheKey key) {
    invalidateAsync(key).join();
  }

  /** {@link #invalidate} without holding the caller on a remote tier; never fails. */
  public CompletableFuture<Void> invalidateAsync(CacheKey key) {
    CompletableFuture<Boolean> l2Removal = l2Remote
        ? offload(() -> remove(l2, key, false))
        : CompletableFuture.completedFuture(remove(l2, key, false));
    CompletableFuture<Boolean> l1Removal = l1Remote
        ? offload(() -> remove(l1, key, true))
        : CompletableFuture.completedFuture(remove(l1, key, true));
    return CompletableFuture.allOf(l1Removal, l2Removal);
  }

  /**
   * Makes every entry of this method unreachable in both tiers by advancing the method's generation, which is part
   * of every key: no scan, and the orphaned entries expire by their ttl.
   */
  public void invalidateAll() {
    // The clock keeps generations from two instances advancing at once apart; the +1 keeps a fast clock honest.
    long generation = space.advanceGeneration(clock.millis());
    sharesGeneration = true;
    Entry<Long> shared = new Entry<>(generation, clock.millis() + generationTtl, Entry.NEVER);
    try {
      l2.write(space.generationKey(), shared, generationTtl, generationCodec);
    } catch (Exception | LinkageError e) {
      failed(false, "write", space.generationKey(), e);
    }
  }

  /**
   * Makes this method follow the generation other instances share through L2, because an {@code Invalidate(all =
   * true)} targets it. Checked at most once a second, and only when L2 is read anyway (after an L1 miss).
   */
  public void shareGeneration() {
    sharesGeneration = true;
  }

  private void syncGeneration() {
    long now = clock.millis();
    if (!sharesGeneration || now < generationSyncDue) {
      return;
    }
    generationSyncDue = now + GENERATION_SYNC_MILLIS;
    try {
      Entry<Long> shared = l2.read(space.generationKey(), generationCodec);
      if (shared != null && shared.value() != null) {
        space.catchUp(shared.value());
      }
    } catch (Exception | LinkageError e) {
      failed(false, "read", space.generationKey(), e);
    }
  }

  /** {@link #invalidateAll} as a completed future, for asynchronous invalidating methods. */
  public CompletableFuture<Void> invalidateAllAsync() {
    invalidateAll();
    return CompletableFuture.completedFuture(null);
  }

  /** Removes {@code key} from {@code tier}; returns whether the tier answered, failures are counted. */
  private boolean remove(Backend tier, CacheKey key, boolean isL1) {
    try {
      tier.remove(key);
      return true;
    } catch (Exception | LinkageError e) {
      failed(isL1, "remove", key, e);
      return false;
    }
  }

  /**
   * Runs a remote tier operation on the executor. A saturated or shut-down executor must not fail the caller, so a
   * rejected task runs on the caller's thread instead: slower, never broken.
   */
  private <T> CompletableFuture<T> offload(Supplier<T> operation) {
    try {
      return CompletableFuture.supplyAsync(operation, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(operation.get());
    }
  }

  // ---------------------------------------------------------------- errors

  private void failed(boolean isL1, String operation, CacheKey key, Throwable error) {
    if (isL1) {
      counters.l1Errors.increment();
      l1Log.log(operation, key, error);
    } else {
      counters.l2Errors.increment();
      l2Log.log(operation, key, error);
    }
    if (listener != null) {
      try {
        listener.onError(isL1 ? l1Label : l2Label, operation, key, error);
      } catch (RuntimeException e) {
        // A listener must never break a call.
      }
    }
  }

  private void notify(CallEvent event) {
    try {
      listener.onCall(event);
    } catch (RuntimeException e) {
      // A listener must never break a call.
    }
  }

  private void runQuietly(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // Refill is an optimisation; a saturated executor skips it.
    }
  }
}
