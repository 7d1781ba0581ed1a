package dev.tiered.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.kryo.KryoFormat;
import dev.tiered.testing.RedisServerProcess;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link RedisBackend} against a real redis-server. It lives in the test-support module, which depends on the
 * runtime, because the runtime cannot depend on test-support without a cycle.
 */
class RedisBackendTest {
  private static final ValueCodec<Order> CODEC =
      ValueCodec.of(KryoFormat.create(), ValueType.of(Order.class));
  private static final Entry<Order> ENTRY =
      new Entry<>(new Order(7, "lamp", new BigDecimal("19.99")), 1_700_000_600_000L, Entry.NEVER);

  private static RedisServerProcess redis;
  private static RedisBackend backend;

  record Order(long id, String item, BigDecimal amount) {}

  /** The key of one call of {@code orders.find}, plain enough to need no escaping. */
  record Key(String id) implements CacheKey {
    @Override
    public String cacheName() {
      return "orders";
    }

    @Override
    public String toString() {
      return "orders:v1:find:" + id;
    }
  }

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
    backend = RedisBackend.connect(redis.uri());
  }

  @AfterAll
  static void stopRedis() {
    if (backend != null) {
      backend.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  @Test
  void isARemoteTierLabelledRedis() {
    assertEquals("redis", backend.label());
    assertTrue(backend.isRemote());
  }

  @Test
  void writesUnderTheReadableKeyWithTheTtlAndReadsBack() throws Exception {
    Key key = new Key("7");

    backend.write(key, ENTRY, 60_000, CODEC);

    assertEquals(Set.of("orders:v1:find:7"), redis.keys("*"));
    long ttl = redis.pttl("orders:v1:find:7");
    assertTrue(ttl > 0 && ttl <= 60_000, "pttl " + ttl);
    assertArrayEquals(CODEC.encode(ENTRY), redis.get("orders:v1:find:7"));
    Entry<Order> back = backend.read(key, CODEC);
    assertEquals(ENTRY.value(), back.value());
    assertEquals(ENTRY.expiresAt(), back.expiresAt());
    assertEquals(ENTRY.staleAt(), back.staleAt());
  }

  @Test
  void pingAnswersWhileRedisIsUpAndThrowsWhenItIsDown() {
    try (RedisServerProcess own = RedisServerProcess.launch();
        RedisBackend pinged = RedisBackend.connect(own.uri())) {
      assertTrue(pinged.ping().toNanos() > 0);

      own.stop();

      assertThrows(JedisException.class, pinged::ping);
      assertEquals(RedisBackend.Circuit.CLOSED, pinged.circuit(), "a health check leaves the circuit alone");
    }
  }

  @Test
  void aKeyPrefixKeepsTwoApplicationsApartOnOneRedis() throws Exception {
    try (JedisPooled client = new JedisPooled(redis.uri());
        RedisBackend shop = RedisBackend.builder().uri(redis.uri()).keyPrefix("shop:").build();
        RedisBackend blog = RedisBackend.builder().client(client).keyPrefix("blog:").build()) {
      shop.write(new Key("7"), ENTRY, 60_000, CODEC);

      assertEquals(Set.of("shop:orders:v1:find:7"), redis.keys("*"));
      assertEquals(ENTRY.value(), shop.read(new Key("7"), CODEC).value());
      assertNull(blog.read(new Key("7"), CODEC));
      blog.remove(new Key("7"));
      assertEquals(Set.of("shop:orders:v1:find:7"), redis.keys("*"));
    }
  }

  @Test
  void aClientOfTheApplicationComesWithoutConnectionSettings() {
    try (JedisPooled client = new JedisPooled(redis.uri())) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> RedisBackend.builder().client(client).socketTimeout(Duration.ofMillis(5)).build());
      assertTrue(e.getMessage().contains("brings its own connection settings"), e.getMessage());
    }
  }

  @Test
  void theJedisOnTheClassPathHasEveryMethodTheBackendCalls() {
    // Run once per Jedis major by .ci/run (-Djedis.version=...): the probe fails loudly when a method is missing.
    JedisCompat.check();
    assertFalse(JedisCompat.version().contains("unknown"), JedisCompat.version());
  }

  @Test
  void aMissingKeyReadsAsNullAndRemoveDeletes() throws Exception {
    assertNull(backend.read(new Key("none"), CODEC));

    backend.write(new Key("1"), ENTRY, 60_000, CODEC);
    backend.remove(new Key("1"));
    backend.remove(new Key("never-written"));

    assertNull(redis.get("orders:v1:find:1"));
    assertNull(backend.read(new Key("1"), CODEC));
  }

  @Test
  void keysAreTheUtf8OfCacheKeyToString() throws Exception {
    Key key = new Key("zoë\\:1");
    backend.write(key, ENTRY, 60_000, CODEC);

    assertEquals(Set.of("orders:v1:find:zoë\\:1"), redis.keys("orders:*"));
    assertEquals(ENTRY.value(), backend.read(key, CODEC).value());
  }

  @Test
  void storedBytesThatDoNotDecodeAreACorruptEntry() {
    redis.set("orders:v1:find:bad", "not an entry at all".getBytes(UTF_8));

    assertThrows(CorruptEntryException.class, () -> backend.read(new Key("bad"), CODEC));
  }

  @Test
  void aTtlThatIsNotPositiveIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> backend.write(new Key("1"), ENTRY, 0, CODEC));
  }

  @Test
  void aValueTheCodecCannotEncodeFailsTheWriteAndStoresNothing() {
    ValueCodec<Object> lists = ValueCodec.of(KryoFormat.create(), ValueType.of(List.class, ValueType.of(String.class)));
    Entry<Object> wrong = new Entry<>(List.of(new Order(1, "x", BigDecimal.ONE)), Long.MAX_VALUE, Entry.NEVER);

    assertThrows(IllegalArgumentException.class, () -> backend.write(new Key("1"), wrong, 60_000, lists));
    assertEquals(Set.of(), redis.keys("*"));
  }

  @Test
  void connectDoesNotWaitForRedisAndWorksOnceItIsUp() throws Exception {
    try (RedisServerProcess down = RedisServerProcess.launch()) {
      down.stop();

      try (RedisBackend later = RedisBackend.builder().uri(down.uri()).failFast(Duration.ofMillis(200)).build()) {
        assertThrows(JedisConnectionException.class, () -> later.read(new Key("1"), CODEC));
        // The refused connection opened the circuit: the next call skips Redis without trying it.
        assertEquals(RedisBackend.Circuit.OPEN, later.circuit());
        assertThrows(TierUnavailableException.class, () -> later.write(new Key("1"), ENTRY, 60_000, CODEC));

        down.start();

        retryUntilRedisAnswers(() -> later.write(new Key("1"), ENTRY, 60_000, CODEC));
        assertEquals(ENTRY.value(), later.read(new Key("1"), CODEC).value());
        assertEquals(RedisBackend.Circuit.CLOSED, later.circuit());
      }
    }
  }

  @Test
  void recoversWhenRedisRestarts() throws Exception {
    try (RedisServerProcess restarting = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder()
             .uri(restarting.uri()).maxConnections(2).failFast(Duration.ofMillis(200)).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);

      restarting.restart();

      // Pooled connections to the old process fail once each (opening the circuit for a moment), then a probe gets
      // through on a new connection.
      retryUntilRedisAnswers(() -> own.write(new Key("1"), ENTRY, 60_000, CODEC));
      assertEquals(ENTRY.value(), own.read(new Key("1"), CODEC).value());
    }
  }

  @Test
  void aHungRedisTimesOutWithinTheSocketTimeoutAndWorksAgainWhenItResumes() throws Exception {
    try (RedisServerProcess hanging = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder()
             .uri(hanging.uri()).socketTimeout(Duration.ofMillis(100)).failFast(Duration.ZERO).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);

      hanging.freeze();
      JedisConnectionException timeout =
          assertThrows(JedisConnectionException.class, () -> own.read(new Key("1"), CODEC));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());

      hanging.thaw();
      assertEquals(ENTRY.value(), own.read(new Key("1"), CODEC).value());
    }
  }

  @Test
  void afterATimeoutCallsSkipRedisUntilTheCircuitLetsAProbeThrough() throws Exception {
    try (RedisServerProcess hanging = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder()
             .uri(hanging.uri()).socketTimeout(Duration.ofMillis(100)).failFast(Duration.ofMillis(300)).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);

      hanging.freeze();
      JedisConnectionException timeout =
          assertThrows(JedisConnectionException.class, () -> own.read(new Key("1"), CODEC));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
      assertEquals(RedisBackend.Circuit.OPEN, own.circuit());
      // The next calls do not reach the (now thawed) server: they are skipped while the circuit is open.
      hanging.thaw();
      TierUnavailableException skipped =
          assertThrows(TierUnavailableException.class, () -> own.read(new Key("1"), CODEC));
      assertTrue(skipped.getMessage().contains("circuit is open"), skipped.getMessage());
      assertThrows(TierUnavailableException.class, () -> own.write(new Key("2"), ENTRY, 60_000, CODEC));
      assertNull(hanging.get(new Key("2").toString()), "a write while the circuit was open never reached Redis");
      assertEquals(2, own.skippedCalls());

      // Once the period is over, one call probes Redis, and its answer closes the circuit.
      retryUntilRedisAnswers(() -> own.read(new Key("1"), CODEC));
      assertEquals(RedisBackend.Circuit.CLOSED, own.circuit());
      own.write(new Key("3"), ENTRY, 60_000, CODEC);
    }
  }

  @Test
  void aFrozenRedisCostsOneProbePerOpenPeriodHoweverManyThreadsCall() throws Exception {
    Duration socketTimeout = Duration.ofMillis(100);
    Duration openPeriod = Duration.ofMillis(400);
    try (RedisServerProcess frozen = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder()
             .uri(frozen.uri()).socketTimeout(socketTimeout).failFast(openPeriod).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);
      frozen.freeze();
      try {
        int threads = 8;
        long runNanos = Duration.ofMillis(2_000).toNanos();
        AtomicInteger probes = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          runs.add(pool.submit(() -> {
            while (System.nanoTime() - start < runNanos) {
              try {
                own.read(new Key("1"), CODEC);
              } catch (JedisException reachedRedis) {
                probes.incrementAndGet(); // this call waited for the frozen server until its socket timeout
              } catch (TierUnavailableException skipped) {
                // skipped at once
              }
              calls.incrementAndGet();
              Thread.sleep(1); // a caller does other work between cache reads
            }
            return null;
          }));
        }
        for (Future<?> run : runs) {
          run.get();
        }
        pool.shutdown();
        long periods = runNanos / openPeriod.toNanos() + 1;
        // The threads that were already waiting when Redis froze each pay the timeout once; after that, only the
        // one probe of each open period does.
        assertTrue(probes.get() <= threads + periods,
            probes + " calls waited for the frozen Redis out of " + calls + "; expected at most " + threads + " + "
                + periods);
        assertTrue(own.skippedCalls() > calls.get() / 2, "most calls were skipped: " + own.skippedCalls());
      } finally {
        frozen.thaw();
      }
    }
  }

  /** Repeats {@code call} until Redis answers it: each failure is an outage or a skip while the circuit is open. */
  private static void retryUntilRedisAnswers(ThrowingRunnable call) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (true) {
      try {
        call.run();
        return;
      } catch (JedisException | TierUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("Redis did not answer within 5 s", e);
        }
        Thread.sleep(20);
      }
    }
  }

  /** A call that may throw anything. */
  @FunctionalInterface
  private interface ThrowingRunnable {
    void run() throws Exception;
  }

  // ------------------------------------------------------------------ bulk reads and writes

  /** What {@link RedisBackend#readAll} told of each key, by index: its value, or the exception it failed with. */
  private static Map<Integer, Object> readAll(List<Key> keys) throws Exception {
    Map<Integer, Object> outcomes = new TreeMap<>();
    backend.readAll(keys, CODEC, new Backend.BulkRead<>() {
      @Override
      public void found(int index, Entry<Order> entry) {
        outcomes.put(index, entry.value());
      }

      @Override
      public void failed(int index, Exception error) {
        outcomes.put(index, error);
      }
    });
    return outcomes;
  }

  @Test
  void writesManyEntriesInOnePipelineWithTheirTtlAndReadsThemBackInOneMget() throws Exception {
    List<Key> keys = IntStream.range(0, 50).mapToObj(i -> new Key(String.valueOf(i))).toList();
    List<Entry<Order>> entries = keys.stream()
        .map(k -> new Order(Long.parseLong(k.id()), "lamp", BigDecimal.ONE))
        .map(order -> new Entry<>(order, ENTRY.expiresAt(), Entry.NEVER))
        .toList();
    long sets = redis.commandCalls("psetex");
    long mgets = redis.commandCalls("mget");
    long gets = redis.commandCalls("get");

    backend.writeAll(keys, entries, 60_000, CODEC);
    Map<Integer, Object> read = readAll(keys);

    assertEquals(50, read.size());
    read.forEach((index, order) -> assertEquals(entries.get(index).value(), order));
    assertEquals(sets + 50, redis.commandCalls("psetex"), "a PSETEX per entry, pipelined");
    assertEquals(mgets + 1, redis.commandCalls("mget"), "one MGET for all");
    assertEquals(gets, redis.commandCalls("get"));
    long pttl = redis.pttl("orders:v1:find:49");
    assertTrue(pttl > 55_000 && pttl <= 60_000, "PX " + pttl);
  }

  @Test
  void aBulkReadSaysNothingOfAMissingKeyAndFailsAnUndecodableOneAlone() throws Exception {
    backend.writeAll(List.of(new Key("1"), new Key("3")), List.of(ENTRY, ENTRY), 60_000, CODEC);
    redis.set("orders:v1:find:2", new byte[] {1, 2, 3});

    Map<Integer, Object> read = readAll(List.of(new Key("0"), new Key("1"), new Key("2"), new Key("3")));

    assertEquals(List.of(1, 2, 3), List.copyOf(read.keySet()));
    assertEquals(ENTRY.value(), read.get(1));
    assertInstanceOf(CorruptEntryException.class, read.get(2));
    assertEquals(ENTRY.value(), read.get(3));
  }

  @Test
  void createUsesTheApplicationsClientAndLeavesItOpen() throws Exception {
    try (JedisPooled jedis = new JedisPooled(redis.uri())) {
      RedisBackend shared = RedisBackend.create(jedis);
      shared.write(new Key("1"), ENTRY, 60_000, CODEC);

      shared.close();

      assertEquals("PONG", jedis.ping());
      assertEquals(ENTRY.value(), RedisBackend.create(jedis).read(new Key("1"), CODEC).value());
    }
  }

  @Test
  void builderChecksItsArguments() {
    assertThrows(NullPointerException.class, () -> RedisBackend.connect(null));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.connect("http://localhost:6379"));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.connect("redis://"));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.connect("redis://bad host"));
    assertThrows(IllegalStateException.class, () -> RedisBackend.builder().uri(redis.uri()).host("localhost"));
    assertThrows(IllegalStateException.class, () -> RedisBackend.builder().uri(redis.uri()).uri(redis.uri()));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.builder().port(0));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.builder().host(""));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.builder().connectTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.builder().socketTimeout(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> RedisBackend.builder().maxConnections(0));
    assertThrows(IllegalStateException.class,
        () -> RedisBackend.builder().maxConnections(1).maxConnections(2));
    IllegalStateException noHost = assertThrows(IllegalStateException.class, () -> RedisBackend.builder().build());
    assertTrue(noHost.getMessage().contains("uri or the host"), noHost.getMessage());
  }

  @Test
  void hostAndPortWorkLikeAUriAndToStringHidesThePassword() throws Exception {
    try (RedisBackend byHost = RedisBackend.builder().host("127.0.0.1").port(redis.port()).build()) {
      byHost.write(new Key("1"), ENTRY, 60_000, CODEC);
      assertEquals(ENTRY.value(), backend.read(new Key("1"), CODEC).value());
      assertEquals("RedisBackend{redis://127.0.0.1:" + redis.port() + "}", byHost.toString());
    }
    try (RedisBackend secret = RedisBackend.connect("redis://user:hunter2@127.0.0.1:" + redis.port() + "/3")) {
      assertFalse(secret.toString().contains("hunter2"), secret.toString());
      assertTrue(secret.toString().contains("/3"), secret.toString());
    }
  }
}
