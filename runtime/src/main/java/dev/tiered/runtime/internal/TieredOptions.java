package dev.tiered.runtime.internal;

import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.ValueFormat;
import dev.tiered.runtime.kryo.KryoFormat;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The optional parts of a generated decorator: the executor for background and concurrent tier work, the clock
 * that decides expiry, the listener and the value format of remote tiers. Generated builders fill one in; {@link
 * #defaults()} is what the public constructor of a decorator uses.
 */
public final class TieredOptions {
  private static final TieredOptions DEFAULTS = builder().build();

  private final Executor executor;
  private final InstantSource clock;
  private final TieredListener listener;
  private final ValueFormat format;

  private TieredOptions(Builder b) {
    this.executor = b.executor;
    this.clock = b.clock != null ? b.clock : SystemTick.INSTANCE;
    this.listener = b.listener;
    this.format = b.format != null ? b.format : KryoFormat.create();
  }

  /**
   * The shared defaults: the shared default executor, the system clock (read through {@link SystemTick}), no
   * listener, {@link KryoFormat}.
   */
  public static TieredOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The executor set on the builder, which the application owns; {@code null} for the shared default executor, which
   * each decorator leases through its {@link CacheContext}.
   */
  public Executor executor() {
    return executor;
  }

  /** Decides when entries become stale and expire. */
  public InstantSource clock() {
    return clock;
  }

  /** Receives per-call events; {@code null} when none was set. */
  public TieredListener listener() {
    return listener;
  }

  /** Writes values for remote tiers. */
  public ValueFormat format() {
    return format;
  }

  /** Builds {@link TieredOptions}; every part is optional. */
  public static final class Builder {
    private Executor executor;
    private InstantSource clock;
    private TieredListener listener;
    private ValueFormat format;

    private Builder() {}

    /**
     * The executor for remote tier reads and writes that run concurrently with the caller, race losers and
     * background refreshes. Defaults to a bounded pool of daemon threads shared by every decorator, which stops when
     * the last decorator using it is closed.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock that decides expiry and staleness. Defaults to the system clock; tests pass a manual one. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The listener of per-call events and tier errors. */
    public Builder listener(TieredListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** The format of values in remote tiers. Defaults to {@link KryoFormat}. */
    public Builder format(ValueFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** The options. */
    public TieredOptions build() {
      return new TieredOptions(this);
    }
  }
}
