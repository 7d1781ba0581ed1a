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
 * <p>An interface annotated {@code @Tiered} cannot declare methods with these signatures: the processor reports
 * {@code [Tiered.ReservedName]}.
 */
public interface TieredCache {

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
}
