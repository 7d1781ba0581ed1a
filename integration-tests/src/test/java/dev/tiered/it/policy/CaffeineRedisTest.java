package dev.tiered.it.policy;

import static dev.tiered.it.policy.RedisScenarios.IMPATIENT;
import static dev.tiered.it.policy.RedisScenarios.PATIENT;
import static dev.tiered.it.policy.RedisScenarios.PAUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredListener;
import dev.tiered.runtime.TieredListener.CallEvent;
import dev.tiered.runtime.TieredListener.Source;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.kryo.KryoFormat;
import dev.tiered.testing.RedisServerProcess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caffeine over a real {@code redis-server}, one per test: undecodable entries, the listener's events, and a Redis
 * that stops answering ({@code CLIENT PAUSE}) under the default policies and under racing reads and writes.
 */
class CaffeineRedisTest extends PolicyFixture {
  private RedisServerProcess redis;
  private final List<RedisBackend> backends = new ArrayList<>();

  @BeforeEach
  void launchRedis() {
    redis = RedisServerProcess.launch();
  }

  @AfterEach
  void stopRedis() {
    // Killing the server first ends every command it holds, so the executors shut down at once.
    redis.close();
    backends.forEach(RedisBackend::close);
  }

  private RedisBackend redisTier(Duration socketTimeout) {
    RedisBackend backend = RedisScenarios.backend(redis, socketTimeout);
    backends.add(backend);
    return backend;
  }

  private TieredUsers users(RedisBackend l2, TieredListener listener) {
    TieredUsers.Builder builder = TieredUsers.builder()
        .delegate(catalog).l1(CaffeineBackend.create(100)).l2(l2).executor(executor).clock(clock);
    return listener == null ? builder.build() : builder.listener(listener).build();
  }

  private TieredRacingUsers racingUsers(RedisBackend l2) {
    return TieredRacingUsers.builder()
        .delegate(catalog).l1(CaffeineBackend.create(100)).l2(l2).executor(executor).clock(clock).build();
  }

  // ------------------------------------------------------------------------------------------------ corrupt entries

  @Test
  void undecodableL2EntryIsCountedDeletedAndLoadedThroughTheDelegate() {
    List<String> errors = new CopyOnWriteArrayList<>();
    TieredListener listener = new TieredListener() {
      @Override
      public void onCall(CallEvent event) {}

      @Override
      public void onError(String tier, String operation, CacheKey key, Throwable error) {
        errors.add(tier + " " + operation + " " + key + " " + error.getClass().getSimpleName());
      }
    };
    RedisBackend l2 = redisTier(PATIENT);
    // Not an entry at all; and a well-formed header over a value that Kryo cannot read.
    redis.set("users:v1:find:1", "not an entry".getBytes(StandardCharsets.UTF_8));
    redis.set("users:v1:find:2", validHeaderOverGarbage());
    TieredUsers users = users(l2, listener);
    long deletes = RedisScenarios.commandCalls(redis, "del");

    assertEquals("find-1#1", users.find(1));
    assertEquals("find-2#2", users.find(2));

    TieredStats stats = users.stats();
    assertEquals(2, stats.l2Errors());
    assertEquals(2, stats.misses());
    assertEquals(2, stats.delegateCalls());
    assertEquals(deletes + 2, RedisScenarios.commandCalls(redis, "del"), "each undecodable entry was deleted");
    assertEquals(List.of(
        "users.redis read users:v1:find:1 CorruptEntryException",
        "users.redis read users:v1:find:2 CorruptEntryException"), errors);
    // The delegate's values replaced them: another instance, with an empty L1, reads them from Redis.
    TieredUsers other = users(l2, null);
    assertEquals("find-1#1", other.find(1));
    assertEquals("find-2#2", other.find(2));
    assertEquals(2, other.stats().l2Hits());
    assertEquals(0, other.stats().l2Errors());
  }

  /** The codec's 19-byte header (version 1, Kryo, not null, expiry and staleness far off), then bytes of nothing. */
  private static byte[] validHeaderOverGarbage() {
    return ByteBuffer.allocate(19 + 8)
        .put((byte) 1)
        .put(KryoFormat.create().id())
        .put((byte) 0)
        .putLong(Long.MAX_VALUE / 2)
        .putLong(Long.MAX_VALUE)
        .putLong(-1L)
        .array();
  }

  // ------------------------------------------------------------------------------------------------ listener

  @Test
  void listenerReceivesEveryCallWithItsTierLabel() {
    List<CallEvent> events = new CopyOnWriteArrayList<>();
    RedisBackend l2 = redisTier(PATIENT);
    TieredUsers users = users(l2, events::add);
    TieredUsers otherInstance = users(l2, events::add);

    users.find(1);
    users.find(1);
    otherInstance.find(1);
    users.profile(2);
    clock.advance(Duration.ofMinutes(2));
    users.profile(2);
    Await.get(users.findAsync(3));

    assertEquals(List.of(
        "DELEGATE users.delegate find users:v1:find:1",
        "L1 users.caffeine find users:v1:find:1",
        "L2 users.redis find users:v1:find:1",
        "DELEGATE users.delegate profile users:v1:profile:2",
        "STALE users.caffeine profile users:v1:profile:2",
        "DELEGATE users.delegate findAsync users:v1:findAsync:3"),
        events.stream().map(e -> e.source() + " " + e.tier() + " " + e.method() + " " + e.key()).toList());
    events.forEach(e -> assertEquals("users", e.cache()));
    assertEquals(Source.STALE, events.get(4).source());
  }

  // ------------------------------------------------------------------------------------------------ Redis paused

  @Test
  void withRedisPausedL1HitsAreServedAndMissesFallThroughToTheDelegate() {
    RedisBackend l2 = redisTier(IMPATIENT);
    TieredUsers users = users(l2, null);
    users.find(1);
    redis.pauseClients(PAUSE);

    assertEquals("find-1#1", users.find(1), "an L1 hit: SEQUENTIAL never asks Redis");
    // A miss: the L2 read times out (a miss of L2) and opens the backend's circuit, the delegate answers, L1 takes
    // the value, and the L2 write is skipped at once while the circuit is open.
    assertEquals("find-2#2", users.find(2));
    assertEquals("find-2#2", users.find(2), "served by L1");

    TieredStats stats = users.stats();
    assertEquals(2, stats.l1Hits());
    assertEquals(2, stats.misses());
    assertEquals(1, stats.l2Errors(), stats.toString());
    assertEquals(1, stats.skipped(), stats.toString());
    assertEquals(RedisBackend.Circuit.OPEN, l2.circuit());
    assertEquals(2, script.calls("find"));
  }

  @Test
  void racingL1HitNeverAsksAPausedRedis() throws Exception {
    RedisBackend l2 = redisTier(PATIENT);
    TieredRacingUsers users = racingUsers(l2);
    users.find(1);
    Await.until("the raced L2 write landed", () -> redis.get("rusers:v1:find:1") != null);
    redis.pauseClients(PAUSE);

    assertEquals("find-1#1", users.find(1));

    // Anything sent to the paused server would fail now; nothing does, because nothing was sent.
    redis.stop();
    quiesce();
    TieredStats stats = users.stats();
    assertEquals(1, stats.l1Hits());
    assertEquals(0, stats.l2Errors());
  }

  @Test
  void raceWriteReturnsWhileThePausedRedisHoldsItsWrite() {
    RedisBackend l2 = redisTier(PATIENT);
    TieredRacingUsers users = racingUsers(l2);
    // Paused from inside the delegate call: the L2 read has missed already, the L2 write will be held.
    script.onCall(() -> redis.pauseClients(PAUSE));

    assertEquals("find-1#1", users.find(1));

    TieredStats stats = users.stats();
    assertEquals(0, stats.offloaded(), "the L2 write has not completed");
    assertEquals(0, stats.l2Errors(), "nor failed: Redis holds it");
    assertEquals("find-1#1", users.find(1));
    assertEquals(1, users.stats().l1Hits());

    redis.stop();
    Await.until(() -> users.stats().offloaded() == 1 && users.stats().l2Errors() == 1,
        () -> "the held write fails once Redis is gone: " + users.stats());
  }

  @Test
  void asyncMissDoesNotHoldTheCallerWhileRedisIsPaused() {
    RedisBackend l2 = redisTier(PATIENT);
    TieredUsers users = users(l2, null);
    redis.pauseClients(PAUSE);

    CompletableFuture<String> result = Await.get(call(() -> users.findAsync(1)));

    assertFalse(result.isDone(), "the L2 read is held by Redis");
    redis.stop();
    assertEquals("findAsync-1#1", Await.get(result));
    // The held read fails when Redis goes (opening the circuit); the write after the miss is skipped.
    Await.until(() -> users.stats().l2Errors() == 1 && users.stats().skipped() == 1,
        () -> "the L2 read failed and the write was skipped: " + users.stats());
    assertNotNull(users.findAsync(1).getNow(null), "L1 took the value");
  }
}
