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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * {@link RedisBackend} against a real redis-server. It lives in the test-support module, which depends on the
 * runtime, because the runtime cannot depend on test-support without a cycle.
 */
class RedisBackendTest {
  private static final KeySpace ORDERS = new KeySpace("orders", 1, "find");
  private static final ValueCodec<Order> CODEC =
      ValueCodec.of(KryoFormat.create(), ValueType.of(Order.class));
  private static final Entry<Order> ENTRY =
      new Entry<>(new Order(7, "lamp", new BigDecimal("19.99")), 1_700_000_600_000L, Entry.NEVER);

  private static RedisServerProcess redis;
  private static RedisBackend backend;

  record Order(long id, String item, BigDecimal amount) {}

  /** The key of one cached call with a single string argument. */
  static final class Key extends CacheKey {
    private final String id;

    Key(String id) {
      super(ORDERS, id.hashCode());
      this.id = id;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      return id.equals(((Key) other).id);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(id);
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
  void aMissingKeyReadsAsNullAndRemoveDeletes() throws Exception {
    assertNull(backend.read(new Key("none"), CODEC));

    backend.write(new Key("1"), ENTRY, 60_000, CODEC);
    backend.remove(new Key("1"));
    backend.remove(new Key("never-written"));

    assertNull(redis.get("orders:v1:find:1"));
    assertNull(backend.read(new Key("1"), CODEC));
  }

  @Test
  void keysAreUtf8AndEscapedLikeCacheKeyToString() throws Exception {
    Key key = new Key("zoë:1");
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

      try (RedisBackend later = RedisBackend.connect(down.uri())) {
        assertThrows(JedisConnectionException.class, () -> later.read(new Key("1"), CODEC));
        assertThrows(JedisConnectionException.class, () -> later.write(new Key("1"), ENTRY, 60_000, CODEC));

        down.start();

        later.write(new Key("1"), ENTRY, 60_000, CODEC);
        assertEquals(ENTRY.value(), later.read(new Key("1"), CODEC).value());
      }
    }
  }

  @Test
  void recoversWhenRedisRestarts() throws Exception {
    try (RedisServerProcess restarting = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder().uri(restarting.uri()).maxConnections(2).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);

      restarting.restart();

      // The pool may still hold connections to the old process: each fails once and is replaced.
      int failures = 0;
      while (true) {
        try {
          own.write(new Key("1"), ENTRY, 60_000, CODEC);
          break;
        } catch (JedisConnectionException e) {
          failures++;
          assertTrue(failures <= 2, "still failing after every pooled connection was replaced: " + e);
        }
      }
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
  void afterATimeoutCallsFailAtOnceWithoutAskingRedisUntilThePeriodEnds() throws Exception {
    try (RedisServerProcess hanging = RedisServerProcess.launch();
         RedisBackend own = RedisBackend.builder()
             .uri(hanging.uri()).socketTimeout(Duration.ofMillis(100)).failFast(Duration.ofMillis(300)).build()) {
      own.write(new Key("1"), ENTRY, 60_000, CODEC);

      hanging.freeze();
      JedisConnectionException timeout =
          assertThrows(JedisConnectionException.class, () -> own.read(new Key("1"), CODEC));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
      // The next calls do not reach the frozen server: they fail with the fail-fast message, not a timeout.
      hanging.thaw();
      JedisConnectionException fast =
          assertThrows(JedisConnectionException.class, () -> own.read(new Key("1"), CODEC));
      assertTrue(fast.getMessage().contains("failing fast"), fast.getMessage());
      assertThrows(JedisConnectionException.class, () -> own.write(new Key("2"), ENTRY, 60_000, CODEC));
      assertNull(hanging.get(new Key("2").toString()), "a write during the period never reached Redis");

      // Once the period is over, the next call asks Redis again, and its success closes the period.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      Entry<Order> entry = null;
      while (entry == null && System.nanoTime() < deadline) {
        try {
          entry = own.read(new Key("1"), CODEC);
        } catch (JedisConnectionException stillFailingFast) {
          Thread.sleep(20);
        }
      }
      assertNotNull(entry);
      own.write(new Key("3"), ENTRY, 60_000, CODEC);
    }
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
