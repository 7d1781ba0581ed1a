package dev.tiered.runtime.internal;

/**
 * Rethrows a delegate's exception as it is. Generated methods declare the same checked exceptions as the interface
 * method they implement, and only the delegate's own exceptions pass through here, so nothing undeclared escapes.
 */
final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t}; declared to return an exception so that callers can write {@code throw rethrow(t)}. */
  static RuntimeException rethrow(Throwable t) {
    throw Sneaky.<RuntimeException>sneak(t);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneak(Throwable t) throws T {
    throw (T) t;
  }
}
