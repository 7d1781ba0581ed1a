package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tiered.runtime.Entry;
import dev.tiered.runtime.TieredStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code PARALLEL} reads: both tiers are read and awaited; when both hit, the entry with the longer remaining ttl
 * wins, L1 on ties, compared in milliseconds, with "no expiry" and "expired" kept apart. The entries are put into
 * the tiers directly, with expiries on the test's manual clock.
 */
class ParallelReadTest extends PolicyFixture {
  private static final String KEY = key("par", "find", 1);
  private static final String ASYNC_KEY = key("par", "findAsync", 1);

  @Test
  void l2EntryThatLivesLongerWins() {
    l1Store.put(KEY, expiringIn("short-l1", Duration.ofMinutes(1)));
    l2Store.put(KEY, expiringIn("long-l2", Duration.ofMinutes(5)));
    TieredParallelCatalog cached = parallel();

    assertEquals("long-l2", cached.find(1));

    TieredStats stats = cached.stats();
    assertEquals(1, stats.l2Hits());
    assertEquals(0, stats.l1Hits());
    assertEquals("long-l2", l1Store.value(KEY), "the winning L2 entry is refilled into L1");
  }

  @Test
  void l1EntryThatLivesLongerWins() {
    l1Store.put(KEY, expiringIn("long-l1", Duration.ofMinutes(5)));
    l2Store.put(KEY, expiringIn("short-l2", Duration.ofMinutes(1)));
    TieredParallelCatalog cached = parallel();

    assertEquals("long-l1", cached.find(1));

    assertEquals(1, cached.stats().l1Hits());
    assertEquals(1, l2.reads(), "both tiers are read");
  }

  @Test
  void oneMillisecondDecides() {
    l1Store.put(KEY, expiringIn("l1", Duration.ofMillis(60_000)));
    l2Store.put(KEY, expiringIn("l2", Duration.ofMillis(60_001)));

    assertEquals("l2", parallel().find(1));
  }

  @Test
  void tiesGoToL1() {
    l1Store.put(KEY, expiringIn("l1", Duration.ofMinutes(3)));
    l2Store.put(KEY, expiringIn("l2", Duration.ofMinutes(3)));
    TieredParallelCatalog cached = parallel();

    assertEquals("l1", cached.find(1));

    assertEquals(1, cached.stats().l1Hits());
  }

  @Test
  void anExpiredEntryNeverBeatsALiveOne() {
    l1Store.put(KEY, expiringIn("expires-first", Duration.ofMinutes(1)));
    l2Store.put(KEY, expiringIn("expires-later", Duration.ofMinutes(2)));
    clock.advance(Duration.ofSeconds(90));
    TieredParallelCatalog cached = parallel();
    assertEquals("expires-later", cached.find(1), "L1 expired, L2 live");

    l1Store.put(KEY, expiringIn("live-l1", Duration.ofSeconds(10)));
    l2Store.put(KEY, expiringIn("expired-l2", Duration.ofMillis(0)));
    assertEquals("live-l1", cached.find(1), "L2 expired at this very millisecond, L1 live");

    l1Store.put(KEY, expiringIn("expired-l1", Duration.ofMillis(-1)));
    l2Store.put(KEY, expiringIn("expired-l2", Duration.ofMillis(-1)));
    assertEquals("find-1#1", cached.find(1), "both expired: a miss");
    assertEquals(1, script.calls("find"));
  }

  @Test
  void anEntryWithoutExpiryOutlivesAnyOtherAndStillTiesToL1() {
    l1Store.put(KEY, expiringIn("finite-l1", Duration.ofDays(365)));
    l2Store.put(KEY, new Entry<>("forever-l2", Entry.NEVER, Entry.NEVER));
    TieredParallelCatalog cached = parallel();
    assertEquals("forever-l2", cached.find(1));

    l1Store.put(KEY, new Entry<>("forever-l1", Entry.NEVER, Entry.NEVER));
    l2Store.put(KEY, new Entry<>("forever-l2", Entry.NEVER, Entry.NEVER));
    assertEquals("forever-l1", cached.find(1));
  }

  @Test
  void bothTiersAreAwaitedEvenAfterAnL1Hit() throws Exception {
    l1Store.put(KEY, expiringIn("short-l1", Duration.ofMinutes(1)));
    l2Store.put(KEY, expiringIn("long-l2", Duration.ofMinutes(5)));
    l2.stall();
    TieredParallelCatalog cached = parallel();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l2, 1);
    assertFalse(call.isDone());
    l2.unstall();

    // Had the call not waited for L2, it would have returned L1's shorter-lived entry.
    assertEquals("long-l2", Await.get(call));
  }

  @Test
  void asyncReadsAwaitBothTiersToo() throws Exception {
    l1Store.put(ASYNC_KEY, expiringIn("short-l1", Duration.ofMinutes(1)));
    l2Store.put(ASYNC_KEY, expiringIn("long-l2", Duration.ofMinutes(5)));
    l2.stall();
    TieredParallelCatalog cached = parallel();

    CompletableFuture<String> result = Await.get(call(() -> cached.findAsync(1)));
    awaitStalled(l2, 1);
    assertFalse(result.isDone());
    l2.unstall();

    assertEquals("long-l2", Await.get(result));
    assertEquals(1, cached.stats("findAsync").l2Hits());
  }
}
