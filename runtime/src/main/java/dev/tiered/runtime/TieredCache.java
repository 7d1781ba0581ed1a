package dev.tiered.runtime;

/**
 * The cache view of a generated decorator. Every {@code Tiered<Name>} class implements it next to the service
 * interface, so the view survives proxies that expose only interfaces (Spring AOP, JDK proxies): cast the injected
 * service to {@code TieredCache}.
 *
 * <pre>{@code
 * TieredStats stats = ((TieredCache) userService).stats();
 * }</pre>
 *
 * <p>An interface annotated {@code @Tiered} cannot declare methods with these signatures (nor extend {@code
 * AutoCloseable}, whose {@code close()} the decorator declares): the processor reports
 * {@code [Tiered.ReservedName]}.
 */
public interface TieredCache extends AutoCloseable {

  /** The cache's name: {@code @Tiered(name)}, or the interface's simple name. */
  String cacheName();

  /** The counters of every cached method, summed. */
  TieredStats stats();

  /**
   * The counters of one cached method, by name; an overloaded name sums its overloads, which are also reachable one
   * by one as {@code name(ParamType,...)}.
   *
   * @throws IllegalArgumentException when no cached method has that name
   */
  TieredStats stats(String methodName);

  /**
   * Removes every entry of every cached method from both tiers, as {@code @Invalidate(all = true)} does: the
   * methods' generations advance, so nothing is scanned, and the orphaned entries expire by their ttl.
   */
  void invalidateAll();

  /**
   * Stops this decorator's use of shared resources: it releases its hold on the shared default executor, whose
   * threads ({@code tiered-*}) stop once no open decorator holds it. An executor set on the builder, and the tiers,
   * belong to the application: close them yourself. Idempotent.
   *
   * <p>A closed decorator still answers calls through its tiers and its delegate; background work it would hand to the
   * shared executor (race losers, refreshes, concurrent reads of a remote tier) is skipped and counted in {@link
   * TieredStats#skipped()}.
   *
   * <pre>{@code
   * try (TieredUserService users = new TieredUserService(database, caffeine, redis)) {
   *   users.find(42);
   * }
   * }</pre>
   */
  @Override
  void close();
}
