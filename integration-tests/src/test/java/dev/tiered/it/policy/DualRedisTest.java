package dev.tiered.it.policy;

import static dev.tiered.it.policy.RedisScenarios.PATIENT;
import static dev.tiered.it.policy.RedisScenarios.PAUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both tiers on Redis: L1 on server A, L2 on server B, each a real {@code redis-server} of its own. One is frozen
 * ({@code SIGSTOP}), paused ({@code CLIENT PAUSE}) or killed and restarted, and the policies must route around it.
 */
class DualRedisTest extends PolicyFixture {
  private RedisServerProcess serverA;
  private RedisServerProcess serverB;
  private final List<RedisBackend> backends = new ArrayList<>();

  @BeforeEach
  void launchServers() {
    serverA = RedisServerProcess.launch();
    serverB = RedisServerProcess.launch();
  }

  @AfterEach
  void stopServers() {
    // Killed first, a frozen or paused server ends every command it holds, so nothing waits for a timeout.
    serverA.close();
    serverB.close();
    backends.forEach(RedisBackend::close);
  }

  private RedisBackend backend(RedisServerProcess server, Duration socketTimeout) {
    RedisBackend backend = RedisScenarios.backend(server, socketTimeout);
    backends.add(backend);
    return backend;
  }

  private TieredDualRedisRace race(TrackingBackend a, TrackingBackend b) {
    return TieredDualRedisRace.builder().delegate(catalog).l1(a).l2(b).executor(executor).clock(clock).build();
  }

  private TieredDualRedisSequential sequential(RedisBackend a, RedisBackend b) {
    return TieredDualRedisSequential.builder()
        .delegate(catalog).l1(a).l2(b).executor(executor).clock(clock).build();
  }

  @Test
  void raceIsAnsweredByL2WhileL1IsFrozen() throws Exception {
    TrackingBackend a = new TrackingBackend(backend(serverA, PATIENT), "redis-a");
    TrackingBackend b = new TrackingBackend(backend(serverB, PATIENT), "redis-b");
    TieredDualRedisRace cached = race(a, b);
    assertEquals("find-1#1", cached.find(1));
    assertEquals("findAsync-1#1", Await.get(cached.findAsync(1)));
    assertEquals(Set.of("dual:v1:find:1", "dual:v1:findAsync:1"), serverA.keys("*"));
    serverA.freeze();

    Future<String> call = call(() -> cached.find(1));
    CompletableFuture<String> asyncCall = Await.get(call(() -> cached.findAsync(1)));

    // Both tiers have the entries, but frozen A cannot answer: B does, while A's reads are held.
    assertEquals("find-1#1", Await.get(call));
    assertEquals("findAsync-1#1", Await.get(asyncCall));
    Await.until("L1's reads are held by the frozen server A", () -> a.readsInFlight() == 2);
    TieredStats stats = cached.stats();
    assertEquals(2, stats.l2Hits());
    assertEquals(0, stats.offloaded());

    serverA.thaw();
    Await.until("the offloaded L1 reads complete once A answers", () -> cached.stats().offloaded() == 2);
    assertEquals(0, cached.stats().l1Errors());
  }

  @Test
  void raceIsAnsweredByL1WhileL2IsPaused() {
    TrackingBackend a = new TrackingBackend(backend(serverA, PATIENT), "redis-a");
    TrackingBackend b = new TrackingBackend(backend(serverB, PATIENT), "redis-b");
    TieredDualRedisRace cached = race(a, b);
    cached.find(1);
    serverB.pauseClients(PAUSE);
    // A is held too until B's read is under way: an L1 that answers before L2 starts wins without reading L2.
    serverA.freeze();

    Future<String> call = call(() -> cached.find(1));
    Await.until("L2's read is held by the paused server B", () -> b.readsInFlight() == 1);
    serverA.thaw();

    assertEquals("find-1#1", Await.get(call));
    assertEquals(1, b.readsInFlight(), "L2's read is still held");
    assertEquals(1, cached.stats().l1Hits());
    assertEquals(0, cached.stats().offloaded());
    // Killing B fails the held read, and the offloaded loser completes.
    serverB.stop();
    Await.until("the offloaded L2 read completes", () -> cached.stats().offloaded() == 1);
    Await.until("and is counted as an L2 error", () -> cached.stats().l2Errors() == 1);
  }

  @Test
  void sequentialFallsThroughADeadL1() {
    TieredDualRedisSequential cached = sequential(backend(serverA, PATIENT), backend(serverB, PATIENT));
    assertEquals("find-1#1", cached.find(1));
    serverA.stop();

    assertEquals("find-1#1", cached.find(1), "from L2");
    assertEquals("find-2#2", cached.find(2), "L1 down, L2 missed: the delegate");

    TieredStats stats = cached.stats();
    assertEquals(1, stats.l2Hits());
    assertEquals(2, stats.misses());
    assertTrue(serverB.keys("*").contains("dualseq:v1:find:2"), "L2 still took the delegate's value");
    // Two reads, the refill of the L2 hit (in the background: L1 is remote) and the write of the delegate's value:
    // the first finds L1 down and opens its circuit, the others are skipped.
    Await.until(() -> cached.stats().l1Errors() + cached.stats().skipped() == 4,
        () -> "every L1 operation failed or was skipped: " + cached.stats());
    assertTrue(cached.stats().l1Errors() >= 1, cached.stats().toString());
  }

  @Test
  void withBothServersDownEveryCallIsServedByTheDelegate() {
    TieredDualRedisSequential sequential = sequential(backend(serverA, PATIENT), backend(serverB, PATIENT));
    TieredDualRedisRace race = race(
        new TrackingBackend(backend(serverA, PATIENT), "redis-a"),
        new TrackingBackend(backend(serverB, PATIENT), "redis-b"));
    serverA.stop();
    serverB.stop();

    assertEquals("find-1#1", sequential.find(1));
    assertEquals("find-1#2", sequential.find(1));
    assertEquals("find-1#3", race.find(1));
    assertEquals("find-1#4", race.find(1));
    assertEquals("findAsync-1#1", Await.get(sequential.findAsync(1)));
    assertEquals("findAsync-1#2", Await.get(race.findAsync(1)));

    for (TieredStats stats : List.of(sequential.stats(), race.stats())) {
      assertEquals(3, stats.misses(), stats.toString());
      assertEquals(3, stats.delegateCalls(), stats.toString());
      // The first call to each dead server fails and opens its circuit; later calls skip it at once.
      assertTrue(stats.l1Errors() >= 1 && stats.l2Errors() >= 1, "both servers failed: " + stats);
      assertTrue(stats.l1Errors() + stats.l2Errors() + stats.skipped() >= 6, "every read failed or skipped: " + stats);
    }
  }

  @Test
  void withL2KilledCallsAreServedByL1AndTheDelegateAndL2WritesResumeAfterItsRestart() {
    RedisBackend l2 = backend(serverB, PATIENT);
    TieredDualRedisSequential cached = sequential(backend(serverA, PATIENT), l2);
    cached.find(1);
    serverB.stop();

    assertEquals("find-1#1", cached.find(1), "an L1 hit: L2 is not asked");
    assertEquals(0, cached.stats().l2Errors());
    assertEquals("find-2#2", cached.find(2), "L1 missed, L2 is down: the delegate");
    assertEquals(1, cached.stats().l2Errors(), "the L2 read failed and opened L2's circuit");
    assertEquals(1, cached.stats().skipped(), "so the L2 write was skipped");
    assertEquals("find-2#2", cached.find(2), "L1 took the value");
    assertEquals(2, script.calls("find"));

    serverB.start();
    // Once the circuit's open period is over, the next L2 call probes the restarted server and writes resume.
    int[] id = {3};
    Await.until("an L2 write lands on the restarted server", () -> {
      cached.find(id[0]++);
      return !serverB.keys("*").isEmpty();
    });

    assertEquals(1, cached.stats().l2Errors(), "L2 answers again");
    assertEquals(RedisBackend.Circuit.CLOSED, l2.circuit());
    assertEquals(List.of("dualseq:v1:find:" + (id[0] - 1)), List.copyOf(serverB.keys("*")), "L2 writes resumed");
    assertNull(serverB.get("dualseq:v1:find:1"), "the restarted server is empty");
  }
}
