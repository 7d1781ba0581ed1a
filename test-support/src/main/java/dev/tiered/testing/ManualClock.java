package dev.tiered.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test moves it, for expiry and staleness without sleeping.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Entry<String> entry = new Entry<>("v", clock.millis() + 60_000, Entry.NEVER);
 * clock.advance(Duration.ofMinutes(2));
 * assertTrue(entry.isExpired(clock.millis()));
 * }</pre>
 *
 * <p>Hand it to a decorator's builder as its clock to test expiry, staleness and refresh end to end.
 *
 * <p>Thread-safe: readers always see the latest time set.
 */
public final class ManualClock implements InstantSource {
  /** Where a clock made with {@link #ManualClock()} starts: 2025-01-01T00:00:00Z, far from zero and from overflow. */
  public static final long DEFAULT_START_MILLIS = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();

  private final AtomicLong millis;

  /** A clock at {@link #DEFAULT_START_MILLIS}. */
  public ManualClock() {
    this(DEFAULT_START_MILLIS);
  }

  /** A clock at {@code startMillis}, in milliseconds since the epoch. */
  public ManualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /** The current time in milliseconds since the epoch. */
  @Override
  public long millis() {
    return millis.get();
  }

  /** The current time. */
  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  /**
   * Moves the clock forward by {@code duration} and returns the new time in milliseconds.
   *
   * @throws IllegalArgumentException if {@code duration} is negative; use {@link #set} to go back
   */
  public long advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative but was " + duration + "; use set()");
    }
    return millis.addAndGet(duration.toMillis());
  }

  /** Sets the time, in milliseconds since the epoch; it may move backwards. */
  public void set(long millis) {
    this.millis.set(millis);
  }

  @Override
  public String toString() {
    return "ManualClock{" + instant() + "}";
  }
}
