package dev.tiered.runtime;

import java.time.Duration;
import java.util.Objects;

/** Argument and state checks of the runtime's builders, with messages built only when a check fails. */
final class Checks {
  private Checks() {}

  static void argument(boolean expression, String template, Object... args) {
    if (!expression) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }

  static void state(boolean expression, String template, Object... args) {
    if (!expression) {
      throw new IllegalStateException(String.format(template, args));
    }
  }

  /** {@code timeout}, when it is between 1 ms and {@code Integer.MAX_VALUE} ms (what Jedis takes). */
  static Duration timeout(String name, Duration timeout) {
    Objects.requireNonNull(timeout, name);
    argument(!timeout.isNegative() && !timeout.isZero() && timeout.toMillis() >= 1,
        "%s must be at least 1 ms but was %s", name, timeout);
    argument(timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) <= 0,
        "%s must be at most %s ms but was %s", name, Integer.MAX_VALUE, timeout);
    return timeout;
  }
}
