package dev.tiered.runtime.internal;

import dev.tiered.SyncPolicy;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.ValueType;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every cached method of one decorator shares: the cache's name and version, the two tiers, the options, the
 * executor and, under {@link SyncPolicy#INVALIDATE}, its place on the L2's invalidation channel. A generated
 * constructor makes one, then one {@link MethodCache} per cached method through {@link #method}; the decorator's
 * {@code close()} closes it through its methods ({@link MethodCache#close()}).
 */
public final class CacheContext {
  final String cacheName;
  final int version;
  final Backend l1;
  final Backend l2;
  final TieredOptions options;
  /** The lease on the shared executor, taken by the first cached method; null until then, or with a custom one. */
  private SharedExecutor.Lease lease;
  /** The hold on the default clock's tick thread, taken by the first cached method; null with a custom clock. */
  private SystemTick.Lease tick;
  private boolean closed;
  /** This decorator on the L2's invalidation channel; null when L1 is not synced (see the six-argument constructor). */
  final FleetMember fleet;

  /**
   * Creates the context of one decorator with {@link SyncPolicy#INVALIDATE}, {@code @Tiered}'s default.
   *
   * @see #CacheContext(String, int, Backend, Backend, TieredOptions, SyncPolicy)
   */
  public CacheContext(String cacheName, int version, Backend l1, Backend l2, TieredOptions options) {
    this(cacheName, version, l1, l2, options, SyncPolicy.INVALIDATE);
  }

  /**
   * Creates the context of one decorator.
   *
   * <p>With {@link SyncPolicy#INVALIDATE}, an in-process L1 and an L2 that offers an {@link InvalidationBus} (a
   * {@code RedisBackend}), the decorator announces its invalidations to every instance sharing the L2 and the cache
   * name, and evicts what they announce from its own L1. Otherwise nothing is announced or heard: with {@link
   * SyncPolicy#NONE}, or when L1 is remote (shared already) or the L2 has no bus.
   *
   * @param cacheName the cache's name, the first part of every key
   * @param version the cache's version, bumped when cached classes change incompatibly
   * @param l1 the first tier, usually in process
   * @param l2 the second tier, usually shared
   * @param options the executor, clock, listener and format
   * @param sync whether invalidations reach the L1 of other instances
   * @throws NullPointerException naming the missing argument
   */
  public CacheContext(
      String cacheName, int version, Backend l1, Backend l2, TieredOptions options, SyncPolicy sync) {
    this(cacheName, version, l1, l2, options, Objects.requireNonNull(sync, "sync") == SyncPolicy.INVALIDATE
        && !Objects.requireNonNull(l1, "l1").isRemote() ? InvalidationBus.of(l2) : null);
  }

  /** A context on {@code bus}, or not synced when it is null; tests pass a bus of their own. */
  CacheContext(String cacheName, int version, Backend l1, Backend l2, TieredOptions options, InvalidationBus bus) {
    this.cacheName = Objects.requireNonNull(cacheName, "cacheName");
    this.version = version;
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.options = Objects.requireNonNull(options, "options");
    this.fleet = bus == null ? null : new FleetMember(bus, cacheName);
  }

  /**
   * Starts the settings of one cached method.
   *
   * @param methodName the method's name in keys: {@code find}, or {@code find(long)} when overloaded
   * @param type the full type of the cached value
   */
  public MethodSettings method(String methodName, ValueType type) {
    holdTick();
    return new MethodSettings(this, methodName, type);
  }

  /**
   * The executor of this decorator's background and concurrent tier work: the one set on the builder, else a lease
   * on the shared default executor. Taken by the first method, so that a decorator without cached methods holds no
   * lease it would never release.
   */
  synchronized Executor executor() {
    if (options.executor() != null) {
      return options.executor();
    }
    if (lease == null) {
      lease = SharedExecutor.acquire();
      if (closed) {
        lease.close();
      }
    }
    return lease;
  }

  private synchronized void holdTick() {
    if (tick == null && !closed && options.clock() == SystemTick.INSTANCE) {
      tick = SystemTick.INSTANCE.acquire();
    }
  }

  /**
   * Releases this decorator's lease on the shared executor, whose threads stop when no open decorator holds it, and
   * its hold on the default clock's tick thread ({@link SystemTick}), and leaves the invalidation channel. A custom
   * executor is the application's, and the tiers are too: neither is closed. Idempotent.
   */
  void close() {
    SharedExecutor.Lease held;
    SystemTick.Lease ticking;
    synchronized (this) {
      closed = true;
      held = lease;
      ticking = tick;
    }
    if (held != null) {
      held.close();
    }
    if (ticking != null) {
      ticking.close();
    }
    if (fleet != null) {
      fleet.leave();
    }
  }

  /**
   * The settings of one cached method, named rather than positional; {@link #build()} makes its cache. Only the ttl
   * is required.
   */
  public static final class MethodSettings {
    final CacheContext context;
    final String methodName;
    final ValueType type;
    Duration ttl;
    Duration l1Ttl;
    Duration stale = Duration.ZERO;
    boolean cacheNulls;

    private MethodSettings(CacheContext context, String methodName, ValueType type) {
      this.context = context;
      this.methodName = Objects.requireNonNull(methodName, "methodName");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** How long entries live. */
    public MethodSettings ttl(Duration ttl) {
      this.ttl = positive(ttl, "ttl");
      return this;
    }

    /** How long entries live in L1, at most the ttl; defaults to the ttl. */
    public MethodSettings l1Ttl(Duration l1Ttl) {
      this.l1Ttl = positive(l1Ttl, "l1Ttl");
      return this;
    }

    /** When entries become stale (served, then refreshed in the background); defaults to never. */
    public MethodSettings stale(Duration stale) {
      this.stale = positive(stale, "stale");
      return this;
    }

    /** Caches {@code null} results (and empty {@code Optional}s) too. */
    public MethodSettings cacheNulls() {
      this.cacheNulls = true;
      return this;
    }

    /**
     * The method's cache; its value type {@code V} is the one {@link #type} describes, inferred from the field it is
     * assigned to.
     *
     * @throws IllegalStateException when no ttl was set
     */
    public <V> MethodCache<V> build() {
      if (ttl == null) {
        throw new IllegalStateException("ttl is required for " + methodName);
      }
      return new MethodCache<>(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
      return d;
    }
  }
}
