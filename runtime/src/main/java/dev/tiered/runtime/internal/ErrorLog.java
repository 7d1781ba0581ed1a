package dev.tiered.runtime.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs tier errors at most once per interval per tier, with the count of those suppressed since. A dead Redis fails
 * every call; logging each would bury the application's own log, while staying silent would hide the outage.
 */
final class ErrorLog {
  private static final Logger LOGGER = System.getLogger("dev.tiered");
  private static final long INTERVAL_NANOS = 10_000_000_000L;

  private final String tier;
  private final AtomicLong nextLogAt = new AtomicLong(System.nanoTime());
  private final AtomicLong suppressed = new AtomicLong();

  ErrorLog(String tier) {
    this.tier = tier;
  }

  void log(String operation, Object key, Throwable error) {
    long now = System.nanoTime();
    long next = nextLogAt.get();
    if (now - next < 0 || !nextLogAt.compareAndSet(next, now + INTERVAL_NANOS)) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    LOGGER.log(
        Level.WARNING,
        () -> "Tiered: " + operation + " of " + LogText.escape(String.valueOf(key)) + " failed in tier " + tier + ": "
            + LogText.escape(String.valueOf(error))
            + (skipped > 0 ? " (" + skipped + " more errors of this tier since the last report)" : ""),
        error instanceof RuntimeException && error.getCause() == null ? null : error);
  }
}
