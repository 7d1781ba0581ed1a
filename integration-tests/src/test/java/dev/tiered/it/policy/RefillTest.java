package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiered.runtime.Entry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Refill: after an L2 hit with {@code ALWAYS}, L1 is written with the entry's remaining ttl, capped by {@code l1Ttl};
 * {@code NEVER} leaves L1 alone; a stale hit is not refilled. {@link ShortL1Catalog}: ttl 10m, l1Ttl 1m.
 */
class RefillTest extends PolicyFixture {
  private static final String KEY = key("shortl1", "find", 1);
  private static final long MINUTE = Duration.ofMinutes(1).toMillis();

  @Test
  void aLoadWritesL1ForItsOwnShorterTtl() {
    long now = clock.millis();

    shortL1().find(1);

    assertEquals(now + MINUTE, l1Store.entry(KEY).expiresAt());
    assertEquals(MINUTE, l1Store.ttl(KEY));
    assertEquals(now + 10 * MINUTE, l2Store.entry(KEY).expiresAt());
    assertEquals(10 * MINUTE, l2Store.ttl(KEY));
  }

  @Test
  void refillIsCappedByL1Ttl() {
    long now = clock.millis();
    l2Store.put(KEY, expiringIn("from-l2", Duration.ofMinutes(5)));

    assertEquals("from-l2", shortL1().find(1));

    Entry<?> refilled = l1Store.entry(KEY);
    assertEquals("from-l2", refilled.value());
    assertEquals(now + MINUTE, refilled.expiresAt(), "min(remaining 5m, l1Ttl 1m)");
    assertEquals(MINUTE, l1Store.ttl(KEY));
  }

  @Test
  void refillKeepsARemainingTtlShorterThanL1Ttl() {
    long now = clock.millis();
    l2Store.put(KEY, expiringIn("from-l2", Duration.ofSeconds(30)));

    shortL1().find(1);

    assertEquals(now + 30_000, l1Store.entry(KEY).expiresAt(), "min(remaining 30s, l1Ttl 1m)");
    assertEquals(30_000, l1Store.ttl(KEY));
  }

  @Test
  void refillFollowsTheClockAcrossTheEntrysLife() {
    TieredShortL1Catalog cached = shortL1();
    long loadedAt = clock.millis();
    cached.find(1);

    // L1's copy expired after 1m; L2's lives until 10m: an L2 hit refills L1 for another minute.
    clock.advance(Duration.ofMinutes(2));
    assertEquals("find-1#1", cached.find(1));
    assertEquals(clock.millis() + MINUTE, l1Store.entry(KEY).expiresAt());

    // 9m30s after the load only 30s remain: the refill keeps them, not a whole l1Ttl.
    clock.set(loadedAt + Duration.ofSeconds(570).toMillis());
    assertEquals("find-1#1", cached.find(1));
    assertEquals(loadedAt + 10 * MINUTE, l1Store.entry(KEY).expiresAt());
    assertEquals(30_000, l1Store.ttl(KEY));

    assertEquals(2, cached.stats().l2Hits());
    assertEquals(1, script.calls("find"));
  }

  @Test
  void asyncRefillIsCappedToo() {
    String key = key("shortl1", "findAsync", 1);
    long now = clock.millis();
    l2Store.put(key, expiringIn("from-l2", Duration.ofMinutes(5)));

    assertEquals("from-l2", Await.get(shortL1().findAsync(1)));

    assertEquals(now + MINUTE, l1Store.entry(key).expiresAt());
  }

  @Test
  void refillNeverLeavesL1Alone() {
    String key = key("norefill", "find", 1);
    l2Store.put(key, live("from-l2"));
    TieredNoRefillCatalog cached = noRefill();

    assertEquals("from-l2", cached.find(1));
    assertEquals("from-l2", cached.find(1));

    assertNull(l1Store.entry(key));
    assertEquals(0, l1.writes());
    assertEquals(2, cached.stats().l2Hits());
  }

  @Test
  void aStaleL2HitIsRefreshedNotRefilled() {
    String key = key("stale", "find", 1);
    // Written 2 minutes ago by another instance: stale after 1m, expires after 10m.
    long writtenAt = clock.millis() - 2 * MINUTE;
    l2Store.put(key, new Entry<>("old", writtenAt + 10 * MINUTE, writtenAt + MINUTE));
    script.hold();
    TieredStaleCatalog cached = stale();

    assertEquals("old", cached.find(1));

    script.awaitHeld(1);
    assertNull(l1Store.entry(key), "the stale entry is not copied into L1");
    script.release();
    Await.until("the refresh rewrote L1", () -> "find-1#1".equals(l1Store.value(key)));
    assertEquals(1, cached.stats().staleHits());
  }
}
