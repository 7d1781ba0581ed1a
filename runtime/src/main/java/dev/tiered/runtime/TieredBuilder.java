package dev.tiered.runtime;

import dev.tiered.runtime.internal.TieredOptions;
import java.time.InstantSource;
import java.util.concurrent.Executor;

/**
 * The optional parts every generated decorator's builder shares: executor, clock, listener and value format. A
 * generated {@code Tiered<Name>.Builder} extends it and adds the required parts, the delegate and the two tiers.
 *
 * <pre>{@code
 * UserService users = TieredUserService.builder()
 *     .delegate(database).l1(CaffeineBackend.create(10_000)).l2(redis)
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * @param <B> the generated builder's own type, returned by every setter so that calls chain in any order
 */
public abstract class TieredBuilder<B extends TieredBuilder<B>> {
  private final TieredOptions.Builder options = TieredOptions.builder();

  /** For generated builders. */
  protected TieredBuilder() {}

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

  /** Writes values for the shared tier; defaults to {@link KryoFormat}. */
  public final B format(ValueFormat format) {
    options.format(format);
    return self();
  }

  /** The options set so far. */
  protected final TieredOptions options() {
    return options.build();
  }

  /**
   * {@code value}, which {@code build()} requires.
   *
   * @throws IllegalStateException naming the missing part when {@code value} is null
   */
  protected static <T> T require(T value, String name) {
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
