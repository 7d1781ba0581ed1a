package dev.tiered;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the Tiered annotation processor to write a two-tier caching decorator for the annotated interface.
 *
 * <p>For an interface {@code UserService} the processor writes {@code TieredUserService} in the same package (a
 * nested interface {@code Outer.Inner} gives {@code TieredOuter_Inner}): a {@code public final} class that
 * implements the interface, wraps a delegate, and reads and writes an in-process tier ({@code l1}) and a shared tier
 * ({@code l2}) with the chosen policies written out as plain Java.
 *
 * <pre>{@code
 * @Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, read = ReadPolicy.RACE, ttl = "10m")
 * public interface UserService {
 *   User find(long id);
 *   CompletableFuture<List<Order>> orders(@Key long userId, int page);
 *   @Invalidate("find") void rename(long id, String name);
 * }
 *
 * UserService users = new TieredUserService(
 *     new DatabaseUserService(dataSource),
 *     CaffeineBackend.create(10_000),
 *     RedisBackend.connect("redis://localhost:6379"));
 * }</pre>
 *
 * <p>Every method is cached unless it is marked {@link Bypass} or {@link Invalidate}. Per-method overrides go on
 * {@link Cached}; the parameters that form the key are chosen with {@link Key}.
 *
 * <p>Durations ({@link #ttl}, {@link #l1Ttl}, {@link #stale}) are strings such as {@code "250ms"}, {@code "30s"},
 * {@code "10m"}, {@code "2h"}, {@code "1d"} or ISO-8601 ({@code "PT10M"}). A malformed duration is a compile error.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Tiered {

  /**
   * The cache's name: the prefix of every Redis key ({@code <name>:...}) and of the tier labels in events. Empty
   * means the interface's simple name.
   */
  String name() default "";

  /** The in-process tier: a class implementing {@code dev.tiered.runtime.Backend}, e.g. {@code CaffeineBackend}. */
  Class<?> l1();

  /** The shared tier: a class implementing {@code dev.tiered.runtime.Backend}, e.g. {@code RedisBackend}. */
  Class<?> l2();

  /** How the two tiers are read on a call. */
  ReadPolicy read() default ReadPolicy.SEQUENTIAL;

  /** How a freshly loaded value is written to the two tiers. */
  WritePolicy write() default WritePolicy.OPTIMISTIC_PARALLEL;

  /** What happens to the tier that loses a {@link ReadPolicy#RACE} read or a {@link WritePolicy#RACE} write. */
  RaceLoserPolicy raceLoser() default RaceLoserPolicy.OFFLOAD;

  /** Whether an L2 hit is copied into L1. */
  RefillPolicy refill() default RefillPolicy.ALWAYS;

  /** How long an entry lives, e.g. {@code "10m"}. */
  String ttl() default "10m";

  /** How long an entry lives in L1, at most {@link #ttl}; empty means the same as {@code ttl}. */
  String l1Ttl() default "";

  /**
   * When an entry becomes stale: a stale hit is returned at once and refreshed in the background. Must be shorter
   * than {@link #ttl}; empty means never stale.
   */
  String stale() default "";

  /** The version of the cached values' shape; bump it when a cached class changes incompatibly. */
  int version() default 1;

  /** Whether a {@code null} result (or an empty {@code Optional}) is cached; otherwise it is returned uncached. */
  boolean cacheNulls() default false;

  /**
   * Whether invalidations reach the L1 of every instance that shares the L2 and the cache name ({@link
   * SyncPolicy#INVALIDATE}), or each L1 keeps its entries until {@code l1Ttl} ({@link SyncPolicy#NONE}).
   */
  SyncPolicy sync() default SyncPolicy.INVALIDATE;
}
