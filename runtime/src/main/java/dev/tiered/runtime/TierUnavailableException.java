package dev.tiered.runtime;

/**
 * Thrown by a backend that skips a call without trying it, because it knows the store is unavailable (its circuit
 * breaker is open). The decorator counts the call as skipped ({@link TieredStats#skipped()}), not as an error, and
 * logs nothing for it: the backend logs the outage once when it begins. A skipped read is a miss of that tier; a
 * skipped write or removal did not happen.
 */
public final class TierUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; it carries no stack trace, being expected and frequent during an outage. */
  public TierUnavailableException(String message) {
    super(message, null, false, false);
  }
}
