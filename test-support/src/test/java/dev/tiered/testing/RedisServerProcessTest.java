package dev.tiered.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisServerProcessTest {

  private static Jedis client(RedisServerProcess redis, int timeoutMillis) {
    return new Jedis(new HostAndPort("127.0.0.1", redis.port()), DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis).build());
  }

  @Test
  void startsOnAFreeLoopbackPortAndOffersItsData() {
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      assertTrue(redis.isRunning());
      assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());

      redis.set("users:v1:find:1", "one".getBytes(UTF_8));
      redis.set("orders:v1:list:1", new byte[] {0, (byte) 0xFF});
      try (Jedis jedis = client(redis, 2_000)) {
        jedis.psetex("users:v1:find:2", 60_000, "two");
      }

      assertArrayEquals("one".getBytes(UTF_8), redis.get("users:v1:find:1"));
      assertArrayEquals(new byte[] {0, (byte) 0xFF}, redis.get("orders:v1:list:1"));
      assertNull(redis.get("nothing"));
      assertEquals(Set.of("users:v1:find:1", "users:v1:find:2"), redis.keys("users:*"));
      assertEquals(-1, redis.pttl("users:v1:find:1"));
      long ttl = redis.pttl("users:v1:find:2");
      assertTrue(ttl > 0 && ttl <= 60_000, "pttl " + ttl);
      assertEquals(-2, redis.pttl("nothing"));

      redis.flushAll();
      assertEquals(Set.of(), redis.keys("*"));
    }
  }

  @Test
  void aMissingRedisServerFailsLoudlyWithHowToInstallIt(@TempDir Path empty) {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RedisServerProcess.findExecutable(empty + File.pathSeparator + empty.resolve("missing")));

    assertTrue(e.getMessage().contains("redis-server was not found on the PATH"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install redis-server"), e.getMessage());
  }

  @Test
  void twoServersGetDifferentPorts() {
    try (RedisServerProcess first = RedisServerProcess.launch();
         RedisServerProcess second = RedisServerProcess.launch()) {
      assertTrue(first.port() != second.port());
    }
  }

  @Test
  void restartKeepsThePortAndDropsTheData() {
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      int port = redis.port();
      redis.set("k", new byte[] {1});

      redis.restart();

      assertEquals(port, redis.port());
      assertTrue(redis.isRunning());
      assertNull(redis.get("k"));
    }
  }

  @Test
  void aStoppedServerRefusesConnectionsUntilStartedAgainOnTheSamePort() {
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      int port = redis.port();
      redis.stop();
      assertFalse(redis.isRunning());
      assertThrows(JedisConnectionException.class, () -> client(redis, 500).close());

      redis.start();

      assertEquals(port, redis.port());
      try (Jedis jedis = client(redis, 2_000)) {
        assertEquals("PONG", jedis.ping());
      }
      assertThrows(IllegalStateException.class, redis::start, "already running");
    }
  }

  @Test
  void freezeMakesCommandsTimeOutAndThawLetsThemSucceed() {
    try (RedisServerProcess redis = RedisServerProcess.launch();
         Jedis jedis = client(redis, 200)) {
      jedis.set("k", "v");

      redis.freeze();
      JedisConnectionException timeout = assertThrows(JedisConnectionException.class, () -> jedis.get("k"));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
      assertTrue(redis.isRunning(), "a frozen server is still alive");

      redis.thaw();
      try (Jedis fresh = client(redis, 2_000)) {
        assertEquals("v", fresh.get("k"));
      }
    }
  }

  @Test
  void aFrozenServerCanBeStoppedAndClosed() {
    RedisServerProcess redis = RedisServerProcess.launch();
    redis.freeze();
    redis.stop();
    assertFalse(redis.isRunning());
    redis.close();
    redis.close();
    assertThrows(IllegalStateException.class, redis::start, "closed");
  }

  @Test
  void pauseClientsHoldsCommandsPastAShortClientTimeout() {
    try (RedisServerProcess redis = RedisServerProcess.launch();
         Jedis jedis = client(redis, 200)) {
      jedis.ping();

      redis.pauseClients(Duration.ofSeconds(2));

      JedisConnectionException timeout = assertThrows(JedisConnectionException.class, () -> jedis.set("k", "v"));
      assertInstanceOf(SocketTimeoutException.class, timeout.getCause());
    }
  }
}
