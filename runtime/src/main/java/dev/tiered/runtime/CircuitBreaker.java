package dev.tiered.runtime;

import dev.tiered.runtime.RedisBackend.Circuit;
import dev.tiered.runtime.internal.LogText;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The circuit breaker of one remote backend, shared by every decorator that uses the backend.
 *
 * <p>Closed, every call goes to the server. A call that finds the server unreachable or unresponsive (a timeout, a
 * refused or dropped connection, a cluster that cannot route) opens the circuit: for the open period every call is
 * skipped at once, without touching the network. When the period is over, exactly one caller is let through as a
 * probe (half-open) while the others keep skipping; its answer closes the circuit, its failure opens it for another
 * period. So an unresponsive server costs one call per period the socket timeout, however many threads call.
 *
 * <p>Each transition is logged once, at WARNING when the circuit opens and INFO when it closes.
 */
final class CircuitBreaker {
  private static final Logger LOGGER = System.getLogger("dev.tiered");

  private final String name;
  private final long openNanos;
  private final AtomicReference<State> state = new AtomicReference<>(State.closed());
  private final LongAdder skipped = new LongAdder();

  /** An immutable state: its phase and, when open, until when (in {@link System#nanoTime()}). */
  private record State(Circuit phase, long openUntil) {
    static State closed() {
      return new State(Circuit.CLOSED, 0);
    }
  }

  CircuitBreaker(String name, Duration openPeriod) {
    this.name = name;
    this.openNanos = openPeriod.toNanos();
  }

  /**
   * Runs one command through the breaker: skipped with {@link TierUnavailableException} while the circuit is open,
   * otherwise run; its answer (even an error reply) closes the circuit, an {@link #isOutage outage} opens it.
   */
  <T> T call(Supplier<T> command) {
    if (!tryAcquire()) {
      throw new TierUnavailableException(name + " is unavailable; skipped while its circuit is open");
    }
    T reply;
    try {
      reply = command.get();
    } catch (JedisException e) {
      if (isOutage(e)) {
        onOutage(e);
      } else {
        onAnswer(); // an error reply is still an answer
      }
      throw e;
    } catch (RuntimeException e) {
      onAnswer(); // e.g. a value that does not encode: nothing to do with the server being there
      throw e;
    }
    onAnswer();
    return reply;
  }

  /**
   * Whether {@code e} says Redis is unreachable or unresponsive, rather than that it answered with an error: a
   * connection that failed, timed out or broke, a pool whose connections are all held by commands that do not
   * return, or a cluster that cannot route the command (no attempts left, {@code CLUSTERDOWN}, {@code TRYAGAIN}).
   */
  static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String type = t.getClass().getSimpleName();
      String message = String.valueOf(t.getMessage());
      if (t instanceof JedisConnectionException
          || t instanceof SocketTimeoutException
          || t instanceof java.net.ConnectException
          || type.equals("JedisClusterOperationException")
          || message.startsWith("CLUSTERDOWN")
          || message.startsWith("TRYAGAIN")
          || (t instanceof NoSuchElementException && message.contains("Timeout"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a call may go to the server now. Returns false while the circuit is open, and while another caller's
   * probe is out; the caller then skips the server and counts the skip.
   */
  private boolean tryAcquire() {
    State s = state.get();
    switch (s.phase()) {
      case CLOSED:
        return true;
      case OPEN:
        if (System.nanoTime() - s.openUntil() >= 0 && state.compareAndSet(s, new State(Circuit.HALF_OPEN, 0))) {
          return true; // this caller is the probe
        }
        break;
      default:
        break;
    }
    skipped.increment();
    return false;
  }

  /** The server answered: the circuit closes. */
  void onAnswer() {
    State s = state.get();
    if (s.phase() != Circuit.CLOSED && state.compareAndSet(s, State.closed())) {
      LOGGER.log(Level.INFO, "Tiered: {0} answers again; circuit closed", name);
    }
  }

  /** The server was unreachable or unresponsive: the circuit opens for a period (again, after a failed probe). */
  void onOutage(Throwable cause) {
    if (openNanos == 0) {
      return;
    }
    long until = System.nanoTime() + openNanos;
    State previous = state.getAndSet(new State(Circuit.OPEN, until));
    if (previous.phase() == Circuit.CLOSED) {
      LOGGER.log(
          Level.WARNING,
          "Tiered: {0} is unreachable ({1}); circuit open: calls skip it for {2} ms, then one probes",
          name,
          LogText.escape(String.valueOf(cause)),
          Duration.ofNanos(openNanos).toMillis());
    }
  }

  Circuit phase() {
    return state.get().phase();
  }

  /** Calls skipped because the circuit was open or a probe was out. */
  long skipped() {
    return skipped.sum();
  }
}
