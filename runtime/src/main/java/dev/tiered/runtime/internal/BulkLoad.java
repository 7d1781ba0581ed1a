package dev.tiered.runtime.internal;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.internal.SingleFlight.Flight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * One call of a {@code @Bulk} method, whose entries are those of a single-key cached method (its {@link
 * MethodCache}): the distinct ids asked for, their keys, and what the tiers and the delegate answered for each.
 * Generated code drives it in the order the single-key method's policies give, as a single-key method drives its
 * cache: read the tiers ({@link #readSequential}, {@link #readRace}, {@link #readParallel}), serve the hits ({@link
 * #serve}, {@link #refillL1}), then {@link #load} the rest through a generated bulk loader, which calls the delegate
 * once and writes what it returned through a {@link BulkWrite}.
 *
 * <p>Design notes. An id's entry is the single-key method's own: same key, ttl, staleness, statistics and single
 * flight, so a later single-key call hits what a bulk call loaded, and the other way round. Each step asks a tier
 * once for all the ids it concerns ({@link Backend#readAll}, {@link Backend#writeAll}: one {@code MGET}, one
 * pipeline of {@code PSETEX} on Redis). Ids that another caller is loading already are awaited, never loaded twice;
 * a call starts the load of its own ids before it waits for anyone's, so two bulk calls that wait for each other's
 * ids cannot wait forever. With a synced L1 ({@link L1Sync}), each id that L1 missed is stamped as a single-key miss
 * is, so that what a load raced by an invalidation returned is written to neither tier. A stale hit is refreshed on
 * its own, through the single-key loader. In a synchronous
 * call a step runs on the caller's thread unless it runs two remote tiers at once; in an asynchronous call a remote
 * tier is always called on the executor. Not thread-safe: one call drives it, step after step.
 *
 * @param <K> the ids' type: the single-key method's key parameter type, boxed
 * @param <C> the generated key class of the single-key method
 * @param <V> the cached value's type
 */
public final class BulkLoad<K, C extends CacheKey, V> {
  private final MethodCache<V> cache;
  private final boolean async;
  private final List<K> ids;
  private final List<C> keys;
  /** Per id: the live entry a tier held, or null. */
  private final List<Entry<V>> entries;
  /** Per id: the tier of its entry. */
  private final Tier[] tiers;
  /** Per id: whether its entry was served stale (then refreshed, never refilled). */
  private final boolean[] stale;
  /** Per id: the value loaded by this call or awaited from another's load. */
  private final List<V> loaded;
  /** The ids this call loads, by index, once {@link #load} has claimed them. */
  private int[] led = new int[0];

  /**
   * Starts a call of a synchronous {@code @Bulk} method over the entries of {@code cache}'s method: each distinct id
   * of {@code ids} once, in the order given, keyed by {@code keyOf} in the method's current key space. Its steps run
   * on the caller's thread, but for two remote tiers that a policy runs at once.
   */
  public static <K, C extends CacheKey, V> BulkLoad<K, C, V> start(
      MethodCache<V> cache, Collection<? extends K> ids, BiFunction<KeySpace, ? super K, ? extends C> keyOf) {
    return new BulkLoad<>(cache, ids, keyOf, false);
  }

  /** {@link #start} for an asynchronous {@code @Bulk} method: no step holds the caller on a remote tier. */
  public static <K, C extends CacheKey, V> BulkLoad<K, C, V> startAsync(
      MethodCache<V> cache, Collection<? extends K> ids, BiFunction<KeySpace, ? super K, ? extends C> keyOf) {
    return new BulkLoad<>(cache, ids, keyOf, true);
  }

  private BulkLoad(
      MethodCache<V> cache,
      Collection<? extends K> requested,
      BiFunction<KeySpace, ? super K, ? extends C> keyOf,
      boolean async) {
    this.cache = cache;
    this.async = async;
    KeySpace space = cache.space();
    // Duplicates are dropped by key, which is exact, rather than by the ids' own equals.
    Map<C, K> distinct = new LinkedHashMap<>();
    for (K id : requested) {
      distinct.putIfAbsent(keyOf.apply(space, id), id);
    }
    this.keys = List.copyOf(distinct.keySet());
    this.ids = Collections.unmodifiableList(new ArrayList<>(distinct.values()));
    int n = keys.size();
    this.entries = new ArrayList<>(Collections.nCopies(n, null));
    this.loaded = new ArrayList<>(Collections.nCopies(n, null));
    this.tiers = new Tier[n];
    this.stale = new boolean[n];
  }

  // ---------------------------------------------------------------- reads

  /** L1 for every id, then L2, in one round trip, for the ids L1 missed: the {@code SEQUENTIAL} read. */
  public CompletableFuture<Void> readSequential() {
    return read(cache.l1, all(), !async || !cache.l1.remote)
        .thenCompose(l1Read -> {
          take(l1Read);
          return read(cache.l2, misses(), !async || !cache.l2.remote);
        })
        .thenAccept(this::take);
  }

  /**
   * Both tiers at once for every id: the {@code RACE} read. A tier that answers every id it is asked wins, and the
   * other is left to finish ({@code OFFLOAD}) or dropped ({@code DROP}); otherwise both answers are awaited, L1's
   * hits first. An in-process L1 answers before L2 could start, so L2 is then asked only for the ids it missed.
   */
  public CompletableFuture<Void> readRace(RaceLoserPolicy loser) {
    if (!cache.l1.remote) {
      return readSequential();
    }
    CompletableFuture<TierRead> l1Read = read(cache.l1, all(), false);
    CompletableFuture<TierRead> l2Read = read(cache.l2, all(), false);
    return Races.first(l1Read, l2Read, (read, tier) -> read.answeredAll() ? read : null, null, loser,
            cache.counters.offloaded)
        .thenAccept(
            winner -> {
              if (winner != null) {
                take(winner);
              } else {
                take(l1Read.join());
                take(l2Read.join());
              }
            });
  }

  /**
   * Both tiers at once for every id, both awaited: the {@code PARALLEL} read. Where both hit, the entry that
   * expires later wins, L1 on ties.
   */
  public CompletableFuture<Void> readParallel() {
    CompletableFuture<TierRead> l2Read = read(cache.l2, all(), awaitedBoth(cache.l2, cache.l1, async));
    CompletableFuture<TierRead> l1Read = read(cache.l1, all(), awaitedBoth(cache.l1, cache.l2, async));
    return l1Read.thenAcceptBoth(
        l2Read,
        (a, b) -> {
          take(a);
          for (int p = 0; p < b.at.length; p++) {
            Entry<V> entry = b.found.get(p);
            int i = b.at[p];
            if (entry != null && (entries.get(i) == null || entry.expiresAt() > entries.get(i).expiresAt())) {
              entries.set(i, entry);
              tiers[i] = Tier.L2;
            }
          }
        });
  }

  /** What one tier answered for the ids at {@link #at}: per position, a live entry or null. */
  private final class TierRead implements Backend.BulkRead<V> {
    final TierAccess tier;
    final int[] at;
    final List<Entry<V>> found;
    private int hits;

    TierRead(TierAccess tier, int[] at) {
      this.tier = tier;
      this.at = at;
      this.found = new ArrayList<>(Collections.nCopies(at.length, null));
    }

    TierRead run() {
      if (at.length > 0) {
        if (tier.tier == Tier.L2) {
          cache.generation.sync();
        }
        tier.readAll(keysAt(at), cache.codec, this);
        if (tier.tier == Tier.L1) {
          for (int p = 0; p < at.length; p++) {
            if (found.get(p) == null) {
              // As a single-key L1 miss: what this call writes later is checked against invalidations from now on.
              cache.sync.missed(keys.get(at[p]), false);
            }
          }
        }
      }
      return this;
    }

    boolean answeredAll() {
      return hits == at.length;
    }

    @Override
    public void found(int index, Entry<V> entry) {
      Entry<V> live = tier.live(keys.get(at[index]), entry, cache.cacheNulls, cache.clock.millis());
      if (live != null && found.set(index, live) == null) {
        hits++;
      }
    }

    @Override
    public void failed(int index, Exception error) {
      tier.readFailed(keys.get(at[index]), error);
    }
  }

  private CompletableFuture<TierRead> read(TierAccess tier, int[] at, boolean inline) {
    TierRead read = new TierRead(tier, at);
    if (inline || at.length == 0) {
      return CompletableFuture.completedFuture(read.run());
    }
    // A read the executor refuses is skipped (counted): every id is then a miss of this tier.
    return tier.submit(read::run, read);
  }

  /** Takes the hits of {@code read} for the ids no tier answered yet. */
  private void take(TierRead read) {
    for (int p = 0; p < read.at.length; p++) {
      int i = read.at[p];
      if (read.found.get(p) != null && entries.get(i) == null) {
        entries.set(i, read.found.get(p));
        tiers[i] = read.tier.tier;
      }
    }
  }

  // ---------------------------------------------------------------- hits

  /** Counts each hit; a stale one is served and refreshed on its own through the single-key {@code loader}. */
  public void serve(BulkLoaders.KeyLoader<K, C, V> loader) {
    countHits((key, id) -> cache.refresh(key, () -> loader.load(key, id)));
  }

  /** {@link #serve} when the single-key method is asynchronous. */
  public void serveAsync(BulkLoaders.AsyncKeyLoader<K, C, V> loader) {
    countHits((key, id) -> cache.refreshAsync(key, () -> loader.load(key, id)));
  }

  /** Counts the hit of each id that has one, and starts {@code refresh} of each stale one. */
  private void countHits(BiConsumer<C, K> refresh) {
    for (int i = 0; i < keys.size(); i++) {
      Entry<V> entry = entries.get(i);
      if (entry != null && cache.recordHit(keys.get(i), entry, tiers[i]) == Freshness.STALE) {
        stale[i] = true;
        refresh.accept(keys.get(i), ids.get(i));
      }
    }
  }

  /** Copies each fresh L2 hit into L1, as {@link MethodCache#refillL1} does for one. */
  public void refillL1() {
    for (int i = 0; i < keys.size(); i++) {
      if (tiers[i] == Tier.L2 && !stale[i]) {
        cache.refillL1(keys.get(i), entries.get(i));
      }
    }
  }

  // ---------------------------------------------------------------- misses

  /**
   * Loads the ids no tier held: those another caller is loading already are awaited; the rest go to {@code loader}
   * in one call, in the order asked. What the delegate throws, or a load awaited from another caller, is thrown as
   * it was.
   *
   * @return every id that has a value, in the order asked, with it
   */
  public Map<K, V> load(BulkLoaders.Loader<K, V> loader) {
    int[] missing = misses();
    if (missing.length == 0) {
      return result();
    }
    cache.counters.misses.add(missing.length);
    Claims claims = claim(missing);
    try {
      if (led.length > 0) {
        Map<K, V> values;
        cache.counters.delegateCalls.increment();
        try {
          values = loader.load(writes(), idsAt(led));
        } catch (Throwable t) {
          cache.counters.delegateFailures.increment();
          claims.settle(null, t);
          throw Sneaky.rethrow(t);
        }
        claims.settle(values, null);
      }
      for (int p = 0; p < missing.length; p++) {
        if (!claims.ours[p]) {
          loaded.set(missing[p], Futures.await(claims.flights.get(p).outcome));
        }
        cache.delegateAnswered(keys.get(missing[p]));
      }
    } finally {
      done(missing);
    }
    return result();
  }

  /** The calls of {@code ids} are over: their writes were issued (see {@link L1Sync}). */
  private void done(int[] ids) {
    for (int i : ids) {
      cache.sync.done(keys.get(i));
    }
  }

  /** {@link #load} of an asynchronous bulk method: returns at once, and the future never holds the caller. */
  public CompletableFuture<Map<K, V>> loadAsync(BulkLoaders.AsyncLoader<K, V> loader) {
    int[] missing = misses();
    if (missing.length == 0) {
      return CompletableFuture.completedFuture(result());
    }
    cache.counters.misses.add(missing.length);
    Claims claims;
    try {
      claims = claim(missing);
    } catch (IllegalStateException recursive) {
      return CompletableFuture.failedFuture(recursive);
    }
    if (led.length > 0) {
      start(loader, claims);
    }
    CompletableFuture<Map<K, V>> result = new CompletableFuture<>();
    CompletableFuture.allOf(claims.flights.stream().map(f -> f.outcome).toArray(CompletableFuture<?>[]::new))
        .whenComplete(
            (finished, error) -> {
              done(missing);
              if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
              }
              for (int p = 0; p < missing.length; p++) {
                loaded.set(missing[p], claims.flights.get(p).outcome.join());
                cache.delegateAnswered(keys.get(missing[p]));
              }
              result.complete(result());
            });
    return result;
  }

  /** Starts the delegate's load of the ids this call leads; its outcome settles their flights. */
  private void start(BulkLoaders.AsyncLoader<K, V> loader, Claims claims) {
    cache.counters.delegateCalls.increment();
    CompletableFuture<Map<K, V>> started;
    try {
      started = loader.load(writes(), idsAt(led));
      if (started == null) {
        started = CompletableFuture.failedFuture(
            new NullPointerException("the delegate returned a null future for a bulk call of " + cache.methodName));
      }
    } catch (Throwable t) {
      started = CompletableFuture.failedFuture(t);
    }
    claims.started();
    started.whenComplete(
        (values, error) -> {
          if (error != null) {
            cache.counters.delegateFailures.increment();
          }
          claims.settle(values, error == null ? null : Futures.unwrap(error));
        });
  }

  /** The flight of each missing id, by its position among them; {@code ours} marks those this call leads. */
  private final class Claims {
    final int[] missing;
    final List<Flight<V>> flights = new ArrayList<>();
    final boolean[] ours;

    Claims(int[] missing) {
      this.missing = missing;
      this.ours = new boolean[missing.length];
    }

    /** From now on the loads this call leads run on no thread of ours (see {@link SingleFlight}). */
    void started() {
      for (int p = 0; p < flights.size(); p++) {
        if (ours[p]) {
          flights.get(p).leader = null;
        }
      }
    }

    /** Ends the flights this call leads: each id with its value in {@code values}, or all with {@code error}. */
    void settle(Map<K, V> values, Throwable error) {
      for (int p = 0; p < flights.size(); p++) {
        if (ours[p]) {
          int i = missing[p];
          V value = values == null ? null : values.get(ids.get(i));
          loaded.set(i, value);
          cache.flights.settle(keys.get(i), flights.get(p), error == null ? value : null, error);
        }
      }
    }
  }

  /**
   * Claims the flight of each missing id: a new one this call leads (its ids then in {@link #led}), or the one
   * already running. When one is led by this very thread (a recursive load), the flights claimed so far fail with
   * it, and so does this call.
   */
  private Claims claim(int[] missing) {
    Claims claims = new Claims(missing);
    int[] ours = new int[missing.length];
    int count = 0;
    try {
      for (int p = 0; p < missing.length; p++) {
        Flight<V> fresh = new Flight<>();
        Flight<V> flight = cache.flights.claim(keys.get(missing[p]), fresh);
        claims.flights.add(flight);
        if (flight == fresh) {
          claims.ours[p] = true;
          ours[count++] = missing[p];
        }
      }
    } catch (IllegalStateException recursive) {
      claims.settle(null, recursive);
      throw recursive;
    }
    led = Arrays.copyOf(ours, count);
    return claims;
  }

  // ---------------------------------------------------------------- ids

  /**
   * Whether a step that runs {@code tier} and {@code other} at once and awaits both runs {@code tier} on the
   * caller's thread: an in-process tier always; a remote one in a synchronous call while the other is in process.
   */
  static boolean awaitedBoth(TierAccess tier, TierAccess other, boolean async) {
    return !tier.remote || (!async && !other.remote);
  }

  private int[] all() {
    int[] all = new int[keys.size()];
    Arrays.setAll(all, i -> i);
    return all;
  }

  /** The ids that no tier holds, by index. */
  private int[] misses() {
    int[] misses = new int[keys.size()];
    int count = 0;
    for (int i = 0; i < misses.length; i++) {
      if (entries.get(i) == null) {
        misses[count++] = i;
      }
    }
    return Arrays.copyOf(misses, count);
  }

  private List<C> keysAt(int[] at) {
    List<C> list = new ArrayList<>(at.length);
    for (int i : at) {
      list.add(keys.get(i));
    }
    return list;
  }

  /** The writes of what the delegate returns for the ids this call leads. */
  private BulkWrite<K, V> writes() {
    return new BulkWrite<>(cache, async, keysAt(led), idsAt(led));
  }

  private List<K> idsAt(int[] at) {
    List<K> list = new ArrayList<>(at.length);
    for (int i : at) {
      list.add(ids.get(i));
    }
    return Collections.unmodifiableList(list);
  }

  /** Every id that has a value (a hit or a load), in the order asked, with it. */
  private Map<K, V> result() {
    Map<K, V> result = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      Entry<V> entry = entries.get(i);
      V value = entry != null ? entry.value() : loaded.get(i);
      if (value != null) {
        result.put(ids.get(i), value);
      }
    }
    return result;
  }
}
