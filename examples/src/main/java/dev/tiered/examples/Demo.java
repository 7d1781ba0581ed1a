package dev.tiered.examples;

import dev.tiered.examples.CatalogService.Category;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Makes a series of catalogue calls through the generated {@code TieredCatalogService} and prints, for each, which
 * tier answered and how long it took.
 *
 * <p>Redis: {@code REDIS_URL} (or the system property {@code redis.url}) when set, else 127.0.0.1:6379 when it
 * answers, else a {@code redis-server} from the PATH started on a free port, else an in-memory stand-in for L2 (and
 * it says so). On a Redis it did not start, its keys carry the prefix {@value #KEY_PREFIX}, and only those are
 * removed when it starts: the application data of that Redis is never touched.
 */
public final class Demo {
  /** What answered the last call; set by the listener, on whichever thread finished the call. */
  private static final AtomicReference<String> ANSWERED = new AtomicReference<>();
  /** Keeps the demo's keys apart from anything else on a shared Redis. */
  static final String KEY_PREFIX = "tiered-demo:";

  private Demo() {}

  /** Runs the demo. */
  public static void main(String[] args) throws Exception {
    try (SharedTier shared = SharedTier.find()) {
      System.out.println("Shared tier (L2): " + shared.description);
      SlowCatalog database = new SlowCatalog(40);
      TieredListener listener = event -> ANSWERED.set(event.source() + " (" + event.tier() + ")");

      // Closing the decorators stops the shared executor's threads, so that the JVM (and exec:java) exits at once.
      try (TieredCatalogService app1 = TieredCatalogService.builder()
              .delegate(database).l1(CaffeineBackend.create(1_000)).l2(shared.backend).listener(listener).build();
          TieredCatalogService app2 = TieredCatalogService.builder()
              .delegate(database).l1(CaffeineBackend.create(1_000)).l2(shared.backend).listener(listener).build()) {
        run(database, app1, app2);
      }
    }
  }

  private static void run(SlowCatalog database, TieredCatalogService app1, TieredCatalogService app2) {
    int warmUpQueries;
    // Warm the JVM up on other keys first, so that the timings below are not class loading and JIT.
    for (int i = 0; i < 200; i++) {
      app1.product("T-3002");
      app2.product("T-3002");
      app1.byCategory(Category.GAMES, 0);
      app1.stock("G-2001", "warm-up").join();
    }
    warmUpQueries = database.queries();

    System.out.println();
    System.out.printf("%-48s %-34s %9s%n", "call", "answered by", "took");
    call("app1.product(B-1001)", () -> app1.product("B-1001"));
    call("app1.product(B-1001) again", () -> app1.product("B-1001"));
    call("app2.product(B-1001), a fresh L1", () -> app2.product("B-1001"));
    call("app2.product(B-1001) again, L1 refilled", () -> app2.product("B-1001"));
    call("app1.byCategory(TOOLS, 0)", () -> app1.byCategory(Category.TOOLS, 0));
    call("app1.byCategory(TOOLS, 0) again", () -> app1.byCategory(Category.TOOLS, 0));
    call("app1.stock(T-3001, request 1)", () -> app1.stock("T-3001", "req-1").join());
    call("app1.stock(T-3001, request 2), same key", () -> app1.stock("T-3001", "req-2").join());
    call("app1.reprice(B-1001, 39.00), invalidates", () -> {
      app1.reprice("B-1001", 3_900);
      return "done";
    });
    call("app1.product(B-1001) after the change", () -> app1.product("B-1001"));
    // Over Redis, app1's invalidation reached app2's L1 too (sync = INVALIDATE): app2 reads what app1 reloaded.
    call("app2.product(B-1001) after app1's change", () -> app2.product("B-1001"));

    System.out.println();
    System.out.println("Database queries (after warm-up): " + (database.queries() - warmUpQueries));
    System.out.println("app1 (with warm-up) " + app1.stats());
    System.out.println("app2 (with warm-up) " + app2.stats());
    Path generated = Paths.get("examples/target/generated-sources/annotations/dev/tiered/examples/TieredCatalogService.java");
    if (!Files.exists(generated)) {
      generated = Paths.get("target/generated-sources/annotations/dev/tiered/examples/TieredCatalogService.java");
    }
    System.out.println();
    System.out.println("The generated decorator: " + generated.toAbsolutePath().normalize());
  }

  private static void call(String label, Supplier<Object> call) {
    ANSWERED.set("the delegate (not cached)");
    long start = System.nanoTime();
    Object result = call.get();
    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
    String took = micros >= 1_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : micros + " µs";
    System.out.printf("%-48s %-34s %9s   -> %s%n", label, ANSWERED.get(), took, abbreviate(String.valueOf(result)));
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /** The shared tier the demo found or made, and what to close afterwards. */
  private static final class SharedTier implements AutoCloseable {
    final Backend backend;
    final String description;
    private final AutoCloseable[] resources;

    SharedTier(Backend backend, String description, AutoCloseable... resources) {
      this.backend = backend;
      this.description = description;
      this.resources = resources;
    }

    static SharedTier find() throws IOException, InterruptedException {
      String url = System.getProperty("redis.url", System.getenv("REDIS_URL"));
      if (url != null && !url.isBlank()) {
        return redis(url, "Redis at " + url);
      }
      if (answers("127.0.0.1", 6379)) {
        return redis("redis://127.0.0.1:6379", "Redis at 127.0.0.1:6379");
      }
      StartedServer server = startRedisServer();
      if (server != null) {
        SharedTier tier = redis(
            "redis://127.0.0.1:" + server.port(), "redis-server started by the demo on port " + server.port());
        return new SharedTier(tier.backend, tier.description, tier.resources[0], server.process()::destroy);
      }
      return new SharedTier(
          new InMemoryBackend(),
          "NO REDIS FOUND (no REDIS_URL, nothing on 127.0.0.1:6379, no redis-server on the PATH):"
              + " using an in-memory stand-in for L2");
    }

    private static SharedTier redis(String url, String description) {
      // The demo starts from an empty cache so that its first calls show misses: it removes its own keys only.
      try (JedisPooled jedis = new JedisPooled(URI.create(url))) {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
          ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(KEY_PREFIX + "catalog:*").count(500));
          page.getResult().forEach(jedis::del);
          cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      }
      RedisBackend backend = RedisBackend.builder().uri(url).keyPrefix(KEY_PREFIX).build();
      return new SharedTier(backend, description, backend);
    }

    private static boolean answers(String host, int port) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    private record StartedServer(Process process, int port) {}

    private static StartedServer startRedisServer() throws IOException, InterruptedException {
      int port = freePort();
      Process process;
      try {
        process = new ProcessBuilder(
                "redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (IOException e) {
        return null; // No redis-server on the PATH.
      }
      for (int i = 0; i < 50 && !answers("127.0.0.1", port); i++) {
        Thread.sleep(100);
      }
      if (!answers("127.0.0.1", port)) {
        process.destroy();
        return null;
      }
      return new StartedServer(process, port);
    }

    @Override
    public void close() {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception e) {
          System.err.println("Could not close " + resource + ": " + e);
        }
      }
    }
  }
}
