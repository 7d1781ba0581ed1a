package dev.tiered.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real {@code redis-server}, started from the {@code PATH} on a free loopback port, for tests.
 *
 * <pre>{@code
 * try (RedisServerProcess redis = RedisServerProcess.launch();
 *      RedisBackend backend = RedisBackend.connect(redis.uri())) {
 *   backend.write(key, entry, 60_000, codec);
 *   assertEquals(60_000, redis.pttl(key.toString()), 1_000);
 *   redis.stop();                 // every call of the backend now fails
 *   redis.start();                // same port, no data: the backend works again
 * }
 * }</pre>
 *
 * <p>The server keeps no data on disk ({@code --save "" --appendonly no}) and runs in a temporary directory of its
 * own, removed by {@link #close()}. A JVM shutdown hook kills it if the test never closes it. When {@code
 * redis-server} is not installed, {@link #launch()} fails with a message that says how to install it: tests that need
 * Redis never skip.
 *
 * <p>The helper commands ({@link #get}, {@link #keys}, ...) each use a fresh connection, so they work across
 * restarts. Methods are thread-safe.
 *
 * @see #launch()
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final String EXECUTABLE = "redis-server";
  private static final String HOST = "127.0.0.1";
  /** How long a start may take before it is reported as failed; generous, for loaded CI machines. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int CLIENT_TIMEOUT_MILLIS = 2_000;
  private static final int PORT_ATTEMPTS = 5;

  private final Path executable;
  private final Path directory;
  /** Arguments before the defaults: a configuration file, which must come first. */
  private final List<String> leadingArguments;
  /** Arguments after the defaults, e.g. {@code --cluster-enabled yes}. */
  private final List<String> extraArguments;
  private final Thread shutdownHook;
  private int port;
  /** Volatile for the shutdown hook, which must not wait for a lock that a stuck test thread may hold. */
  private volatile Process process;
  private boolean frozen;
  private boolean closed;

  private RedisServerProcess(
      Path executable, Path directory, List<String> leadingArguments, List<String> extraArguments) {
    this.executable = executable;
    this.directory = directory;
    this.leadingArguments = List.copyOf(leadingArguments);
    this.extraArguments = List.copyOf(extraArguments);
    this.shutdownHook = new Thread(() -> {
      Process p = process;
      if (p != null) {
        p.destroyForcibly();
      }
    }, "redis-server-" + directory.getFileName() + "-shutdown");
  }

  /**
   * Starts a {@code redis-server} on a free loopback port and waits until it answers {@code PING}.
   *
   * @throws IllegalStateException if {@code redis-server} is not on the {@code PATH}, or does not start
   */
  public static RedisServerProcess launch() {
    return launch(List.of());
  }

  /**
   * {@link #launch()} with more arguments for {@code redis-server}, e.g. {@code List.of("--cluster-enabled", "yes")};
   * they apply to every {@link #start()} too. The server's working directory ({@code --dir}) is its own and survives
   * restarts, so a cluster node finds its {@code nodes.conf} again.
   *
   * @throws IllegalStateException if {@code redis-server} is not on the {@code PATH}, or does not start
   */
  public static RedisServerProcess launch(List<String> extraArguments) {
    return launch(List.of(), extraArguments);
  }

  /** {@link #launch(List)} with arguments before the defaults too: a configuration file, as Sentinel needs one. */
  static RedisServerProcess launch(List<String> leadingArguments, List<String> extraArguments) {
    Path executable = findExecutable(System.getenv("PATH"));
    Path directory;
    try {
      directory = Files.createTempDirectory("tiered-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
    RedisServerProcess redis = new RedisServerProcess(executable, directory, leadingArguments, extraArguments);
    Runtime.getRuntime().addShutdownHook(redis.shutdownHook);
    try {
      redis.startOnFreePort();
    } catch (RuntimeException | Error e) {
      redis.close();
      throw e;
    }
    return redis;
  }

  /** The port the server listens on; the same across {@link #stop()} and {@link #start()}. */
  public synchronized int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}, for {@code RedisBackend.connect}. */
  public synchronized String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** Whether the server process is alive (a frozen one is). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server (SIGKILL) and waits until it has exited; its data is gone. Does nothing if it is stopped. */
  public synchronized void stop() {
    checkOpen();
    kill();
    frozen = false;
  }

  /**
   * Starts the server again after {@link #stop()}, on the same port, with no data, and waits until it answers {@code
   * PING}.
   *
   * @throws IllegalStateException if it is running, or does not start
   */
  public synchronized void start() {
    checkOpen();
    if (isRunning()) {
      throw new IllegalStateException("redis-server is already running on port " + port);
    }
    String failure = launch(port);
    if (failure != null) {
      throw new IllegalStateException("redis-server did not start again on port " + port + ": " + failure);
    }
  }

  /** Stops the server and starts it again on the same port, with no data. */
  public synchronized void restart() {
    stop();
    start();
  }

  /**
   * Makes the server hold every client's commands for {@code duration} ({@code CLIENT PAUSE <ms> ALL}), sent through
   * a fresh connection; commands sent meanwhile wait, and may time out on the client.
   */
  public void pauseClients(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    try (Jedis jedis = client()) {
      jedis.clientPause(Math.max(1, duration.toMillis()), ClientPauseMode.ALL);
    }
  }

  /**
   * Suspends the server process ({@code SIGSTOP}): connections stay open but nothing answers, like a server that
   * hangs or a network that drops packets, until {@link #thaw()}.
   */
  public synchronized void freeze() {
    checkRunning();
    signal("-STOP");
    frozen = true;
  }

  /** Resumes a server suspended by {@link #freeze()} ({@code SIGCONT}). */
  public synchronized void thaw() {
    checkRunning();
    signal("-CONT");
    frozen = false;
  }

  /** Removes every key ({@code FLUSHALL}). */
  public void flushAll() {
    try (Jedis jedis = client()) {
      jedis.flushAll();
    }
  }

  /** The keys that match {@code pattern} ({@code KEYS pattern}), e.g. {@code "users:*"}. */
  public Set<String> keys(String pattern) {
    try (Jedis jedis = client()) {
      return jedis.keys(pattern);
    }
  }

  /** The time to live of {@code key} in milliseconds ({@code PTTL}): -1 without expiry, -2 when there is no key. */
  public long pttl(String key) {
    try (Jedis jedis = client()) {
      return jedis.pttl(key);
    }
  }

  /** The bytes stored under {@code key}, or {@code null}. */
  public byte[] get(String key) {
    try (Jedis jedis = client()) {
      return jedis.get(key.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Stores {@code value} under {@code key}, without expiry. */
  public void set(String key, byte[] value) {
    try (Jedis jedis = client()) {
      jedis.set(key.getBytes(StandardCharsets.UTF_8), value);
    }
  }

  /** How many times the server ran {@code command} (e.g. {@code "mget"}) since it started: {@code INFO commandstats}. */
  public long commandCalls(String command) {
    try (Jedis jedis = client()) {
      return commandCalls(jedis, command);
    }
  }

  /** How many times the server that {@code jedis} is connected to ran {@code command}: {@code INFO commandstats}. */
  public static long commandCalls(Jedis jedis, String command) {
    Matcher m = Pattern.compile("cmdstat_" + Pattern.quote(command) + ":calls=(\\d+)")
        .matcher(jedis.info("commandstats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /** Kills the server, removes its directory and its shutdown hook. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook is running or about to, and kills nothing that is left.
    }
    deleteDirectory();
  }

  @Override
  public synchronized String toString() {
    return "RedisServerProcess{port=" + port + (isRunning() ? (frozen ? ", frozen" : ", running") : ", stopped") + "}";
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** {@code redis-server} in one of the directories of {@code path}, a {@code PATH} value. */
  static Path findExecutable(String path) {
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(entry, EXECUTABLE);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(EXECUTABLE + " was not found on the PATH (" + path + "). The Redis tests start "
        + "a real Redis server and are never skipped: install it, e.g. `apt-get install redis-server` on "
        + "Debian/Ubuntu or `brew install redis` on macOS, and run the tests again.");
  }

  /**
   * Starts on a port that was free a moment ago; another process may take it first, so a start that fails because
   * the port is in use is retried on another one.
   */
  private synchronized void startOnFreePort() {
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      int candidate = freePort();
      String failure = launch(candidate);
      if (failure == null) {
        return;
      }
      failures.add("port " + candidate + ": " + failure);
      if (!failure.contains("Address already in use")) {
        break;
      }
    }
    throw new IllegalStateException("redis-server did not start: " + String.join("; ", failures));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on " + HOST, e);
    }
  }

  /** Starts the process on {@code candidate} and waits for PING; returns null, or why it failed. */
  private String launch(int candidate) {
    Path log = directory.resolve("redis-" + candidate + ".log");
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(leadingArguments);
    command.addAll(List.of(
        "--port", Integer.toString(candidate),
        "--bind", HOST,
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no",
        "--dir", directory.toString()));
    command.addAll(extraArguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + executable, e);
    }
    port = candidate;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "it exited with " + process.exitValue() + ": " + tail(log);
      }
      if (answersPing()) {
        return null;
      }
      try {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException("interrupted while waiting for redis-server to start", e);
      }
    }
    kill();
    return "it did not answer PING within " + START_TIMEOUT + ": " + tail(log);
  }

  private boolean answersPing() {
    try (Jedis jedis = new Jedis(new HostAndPort(HOST, port),
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(200).socketTimeoutMillis(500).build())) {
      return "PONG".equals(jedis.ping());
    } catch (JedisException e) {
      return false; // not listening yet, or still loading
    }
  }

  private Jedis client() {
    int current;
    synchronized (this) {
      checkOpen();
      current = port;
    }
    return new Jedis(new HostAndPort(HOST, current), DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(CLIENT_TIMEOUT_MILLIS)
        .socketTimeoutMillis(CLIENT_TIMEOUT_MILLIS)
        .build());
  }

  /** Kills the process, if any, and waits for it; used by stop, close and the shutdown hook. */
  private synchronized void kill() {
    Process p = process;
    if (p == null) {
      return;
    }
    process = null;
    // SIGKILL also ends a process stopped by SIGSTOP, which SIGTERM would not until it was continued.
    p.destroyForcibly();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("redis-server (pid " + p.pid() + ") did not exit within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String signal) {
    long pid = process.pid();
    try {
      Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!kill.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + pid + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kill " + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending " + signal + " to redis-server", e);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this RedisServerProcess is closed");
    }
  }

  private void checkRunning() {
    checkOpen();
    if (!isRunning()) {
      throw new IllegalStateException("redis-server is not running");
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void deleteDirectory() {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the next run uses a new one.
    }
  }
}
