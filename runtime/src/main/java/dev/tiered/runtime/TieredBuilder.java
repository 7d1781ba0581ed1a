package dev.tiered.runtime;

import dev.tiered.runtime.internal.TieredOptions;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every generated decorator's builder shares: the required delegate and tiers, and the optional executor,
 * clock, listener and value format. A generated {@code Tiered<Name>.Builder} extends it with the types of its
 * interface and tiers, and adds only {@code build()}.
 *
 * <pre>{@code
 * UserService users = TieredUserService.builder()
 *     .delegate(database).l1(CaffeineBackend.create(10_000)).l2(redis)
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * @param <B> the generated builder's own type, returned by every setter so that calls chain in any order
 * @param <D> the cached interface, which the delegate implements
 * @param <T1> the L1 backend's class
 * @param <T2> the L2 backend's class
 */
public abstract class TieredBuilder<B extends TieredBuilder<B, D, T1, T2>, D, T1 extends Backend, T2 extends Backend> {
  private final TieredOptions.Builder options = TieredOptions.builder();
  private D delegate;
  private T1 l1;
  private T2 l2;

  /** For generated builders. */
  protected TieredBuilder() {}

  /** The service whose results are cached: your real implementation. Required. */
  public final B delegate(D delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    return self();
  }

  /** The first tier, usually in process. Required. */
  public final B l1(T1 l1) {
    this.l1 = Objects.requireNonNull(l1, "l1");
    return self();
  }

  /** The second tier, usually shared. Required. */
  public final B l2(T2 l2) {
    this.l2 = Objects.requireNonNull(l2, "l2");
    return self();
  }

  /**
   * Runs remote tier operations that must not hold the caller, race losers and refreshes; defaults to a bounded pool
   * of daemon threads shared by every decorator, whose threads stop when the last decorator using it is closed. An
   * executor set here is the application's: closing the decorator leaves it running.
   */
  public final B executor(Executor executor) {
    options.executor(executor);
    return self();
  }

  /** Decides when entries become stale and expire; defaults to the system clock. Tests pass a manual one. */
  public final B clock(InstantSource clock) {
    options.clock(clock);
    return self();
  }

  /** Receives an event for every cached call and tier error. */
  public final B listener(TieredListener listener) {
    options.listener(listener);
    return self();
  }

  /** Writes values for the shared tier; defaults to {@link dev.tiered.runtime.kryo.KryoFormat}. */
  public final B format(ValueFormat format) {
    options.format(format);
    return self();
  }

  /** The options set so far. */
  protected final TieredOptions options() {
    return options.build();
  }

  /**
   * The delegate, for {@code build()}.
   *
   * @throws IllegalStateException when it was not set
   */
  protected final D requiredDelegate() {
    return require(delegate, "delegate");
  }

  /**
   * The first tier, for {@code build()}.
   *
   * @throws IllegalStateException when it was not set
   */
  protected final T1 requiredL1() {
    return require(l1, "l1");
  }

  /**
   * The second tier, for {@code build()}.
   *
   * @throws IllegalStateException when it was not set
   */
  protected final T2 requiredL2() {
    return require(l2, "l2");
  }

  private static <T> T require(T value, String name) {
    if (value == null) {
      throw new IllegalStateException(name + " is required: call " + name + "(...) before build()");
    }
    return value;
  }

  @SuppressWarnings("unchecked") // B is the concrete builder's own type, by the contract of the type parameter.
  private B self() {
    return (B) this;
  }
}
