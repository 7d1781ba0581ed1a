package dev.tiered.it.policy;

import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.RedisServerProcess;
import java.time.Duration;

/** Helpers of the scenarios against real {@code redis-server} processes. */
final class RedisScenarios {
  /** Longer than any pause a test waits through: a paused server holds commands until the test kills it. */
  static final Duration PAUSE = Duration.ofSeconds(30);
  /**
   * The socket timeout of backends whose held commands a test watches: far longer than the test runs, so a held
   * command only ends when the test kills or thaws its server.
   */
  static final Duration PATIENT = Duration.ofSeconds(20);
  /** The socket timeout of backends that a test lets time out against a paused server. */
  static final Duration IMPATIENT = Duration.ofMillis(300);

  private RedisScenarios() {}

  /** A backend over {@code redis} with {@code socketTimeout}. */
  static RedisBackend backend(RedisServerProcess redis, Duration socketTimeout) {
    return RedisBackend.builder().uri(redis.uri()).socketTimeout(socketTimeout).build();
  }

  /** How many times the server ran {@code command} since it started, from {@code INFO commandstats}. */
  static long commandCalls(RedisServerProcess redis, String command) {
    return redis.commandCalls(command);
  }
}
