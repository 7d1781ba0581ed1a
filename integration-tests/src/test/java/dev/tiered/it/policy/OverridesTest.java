package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Per-method {@code @Cached} overrides of every policy and duration, and the inheritance of everything a method does
 * not override. Every method of {@link OverridingDefaults} (interface at the defaults, each method overriding one
 * member) and {@link OverridingExplicit} (interface away from the defaults, each method setting one member back,
 * mostly to the annotation's default value) is probed for every policy by its behaviour alone.
 */
class OverridesTest extends PolicyFixture {
  private static final Duration M1 = Duration.ofMinutes(1);
  private static final Duration M5 = Duration.ofMinutes(5);
  private static final Duration M10 = Duration.ofMinutes(10);
  private static final Duration M20 = Duration.ofMinutes(20);
  private static final Duration M30 = Duration.ofMinutes(30);
  private static final Duration H1 = Duration.ofHours(1);
  private static final Duration H2 = Duration.ofHours(2);
  private static final Duration NONE = Duration.ZERO;

  private final ScriptedOverrides overrides = new ScriptedOverrides(script);

  /** What one method must do. */
  private record Expect(
      String cache,
      String method,
      LongFunction<String> call,
      ReadPolicy read,
      WritePolicy write,
      RefillPolicy refill,
      Duration ttl,
      Duration l1Ttl,
      Duration stale,
      boolean cacheNulls) {

    String key(long id) {
      return PolicyFixture.key(cache, method, id);
    }

    @Override
    public String toString() {
      return cache + "." + method;
    }
  }

  private List<Expect> expectations() {
    TieredOverridingDefaults d = TieredOverridingDefaults.builder()
        .delegate(overrides).l1(l1).l2(l2).executor(executor).clock(clock).build();
    TieredOverridingExplicit x = TieredOverridingExplicit.builder()
        .delegate(overrides).l1(l1).l2(l2).executor(executor).clock(clock).build();
    ReadPolicy seq = ReadPolicy.SEQUENTIAL;
    WritePolicy opt = WritePolicy.OPTIMISTIC_PARALLEL;
    RefillPolicy always = RefillPolicy.ALWAYS;
    List<Expect> all = new ArrayList<>();
    // The interface's defaults: SEQUENTIAL, OPTIMISTIC_PARALLEL, ALWAYS, ttl 10m, l1Ttl = ttl, never stale, no nulls.
    all.add(new Expect("odef", "inherited", d::inherited, seq, opt, always, M10, M10, NONE, false));
    all.add(new Expect("odef", "race", d::race, ReadPolicy.RACE, opt, always, M10, M10, NONE, false));
    all.add(new Expect("odef", "parallel", d::parallel, ReadPolicy.PARALLEL, opt, always, M10, M10, NONE, false));
    all.add(new Expect("odef", "sequentialWrite", d::sequentialWrite,
        seq, WritePolicy.SEQUENTIAL, always, M10, M10, NONE, false));
    all.add(new Expect("odef", "raceWrite", d::raceWrite, seq, WritePolicy.RACE, always, M10, M10, NONE, false));
    all.add(new Expect("odef", "noRefill", d::noRefill, seq, opt, RefillPolicy.NEVER, M10, M10, NONE, false));
    all.add(new Expect("odef", "shortTtl", d::shortTtl, seq, opt, always, M1, M1, NONE, false));
    all.add(new Expect("odef", "shortL1Ttl", d::shortL1Ttl, seq, opt, always, M10, M1, NONE, false));
    all.add(new Expect("odef", "stale", d::stale, seq, opt, always, M10, M10, M1, false));
    all.add(new Expect("odef", "nullable", d::nullable, seq, opt, always, M10, M10, NONE, true));
    // The interface's own: RACE (DROP), RACE writes, NEVER, ttl 1h, l1Ttl 30m, stale 20m, nulls cached.
    ReadPolicy race = ReadPolicy.RACE;
    WritePolicy raceW = WritePolicy.RACE;
    RefillPolicy never = RefillPolicy.NEVER;
    all.add(new Expect("oexp", "inherited", x::inherited, race, raceW, never, H1, M30, M20, true));
    all.add(new Expect("oexp", "sequential", x::sequential, seq, raceW, never, H1, M30, M20, true));
    all.add(new Expect("oexp", "parallel", x::parallel, ReadPolicy.PARALLEL, raceW, never, H1, M30, M20, true));
    all.add(new Expect("oexp", "optimisticWrite", x::optimisticWrite, race, opt, never, H1, M30, M20, true));
    all.add(new Expect("oexp", "sequentialWrite", x::sequentialWrite,
        race, WritePolicy.SEQUENTIAL, never, H1, M30, M20, true));
    all.add(new Expect("oexp", "refill", x::refill, race, raceW, always, H1, M30, M20, true));
    all.add(new Expect("oexp", "longTtl", x::longTtl, race, raceW, never, H2, M30, M20, true));
    all.add(new Expect("oexp", "shortTtl", x::shortTtl, race, raceW, never, M10, M10, M5, true));
    all.add(new Expect("oexp", "shortL1Ttl", x::shortL1Ttl, race, raceW, never, H1, M1, M20, true));
    all.add(new Expect("oexp", "earlyStale", x::earlyStale, race, raceW, never, H1, M30, M1, true));
    all.add(new Expect("oexp", "noNulls", x::noNulls, race, raceW, never, H1, M30, M20, false));
    return all;
  }

  /**
   * SEQUENTIAL answers from L1 without reading L2 and waits for a stalled L1; PARALLEL waits for both and takes
   * the longer-lived entry; RACE answers from L2 while L1 is stalled. (L1 is remote here, so that a stalled L1 can
   * lose a race.)
   */
  @Test
  void readPolicies() throws Exception {
    l1.remote(true);
    for (Expect e : expectations()) {
      l1Store.put(e.key(1), expiringIn("short-l1", M1));
      l2Store.put(e.key(1), expiringIn("long-l2", M5));
      long l2Reads = l2.reads();
      String both = e.call().apply(1);
      if (e.read() == ReadPolicy.SEQUENTIAL) {
        assertEquals("short-l1", both, e + " reads L1 alone");
        assertEquals(l2Reads, l2.reads(), e + " reads L1 alone");
      } else if (e.read() == ReadPolicy.PARALLEL) {
        assertEquals("long-l2", both, e + " awaits both and takes the longer-lived entry");
      }

      l2Store.put(e.key(2), live("from-l2"));
      l1.stall();
      Future<String> call = call(() -> e.call().apply(2));
      if (e.read() == ReadPolicy.RACE) {
        assertEquals("from-l2", Await.get(call), e + " races: L2 answers while L1 is stalled");
      } else {
        awaitStalled(l1, 1);
        assertFalse(call.isDone(), e + " waits for L1");
        l1.unstall();
        assertEquals("from-l2", Await.get(call), e.toString());
      }
      // Before the next method: nothing of this one may still be held, or it would count as the next one's stall.
      unstallAndDrain(l1);
    }
  }

  /**
   * SEQUENTIAL leaves L2 alone when L1 failed; RACE returns while L2 is stalled; OPTIMISTIC_PARALLEL (and
   * SEQUENTIAL) wait for L2 and have written it when they return.
   */
  @Test
  void writePolicies() throws Exception {
    for (Expect e : expectations()) {
      l1.failWrites(true);
      String value = e.call().apply(1);
      l1.failWrites(false);
      if (e.write() == WritePolicy.SEQUENTIAL) {
        assertNull(l2Store.value(e.key(1)), e + " does not write L2 after L1 failed");
      } else {
        assertEquals(value, l2Store.value(e.key(1)), e + " writes L2 although L1 failed");
      }

      CountDownLatch stalled = stallOnDelegateCall(l2);
      Future<String> call = call(() -> e.call().apply(2));
      await(stalled, e + " called the delegate");
      if (e.write() == WritePolicy.RACE) {
        String raced = Await.get(call, e.toString());
        assertNull(l2Store.value(e.key(2)), e + " returned before L2 took the entry");
        assertEquals(raced, l1Store.value(e.key(2)), e.toString());
      } else {
        awaitStalled(l2, 1);
        assertFalse(call.isDone(), e + " waits for L2's write");
        l2.unstall();
        assertEquals(Await.get(call), l2Store.value(e.key(2)), e + " wrote L2 before returning");
      }
      script.onCall(() -> {});
      unstallAndDrain(l2);
    }
  }

  @Test
  void refillPolicies() {
    for (Expect e : expectations()) {
      l2Store.put(e.key(1), live("from-l2"));

      assertEquals("from-l2", e.call().apply(1), e.toString());

      if (e.refill() == RefillPolicy.ALWAYS) {
        assertEquals("from-l2", l1Store.value(e.key(1)), e + " refills L1");
      } else {
        assertNull(l1Store.value(e.key(1)), e + " leaves L1 alone");
      }
    }
  }

  @Test
  void durations() {
    for (Expect e : expectations()) {
      long now = clock.millis();
      long staleAt = e.stale().isZero() ? Entry.NEVER : now + e.stale().toMillis();

      e.call().apply(1);

      Entry<?> inL1 = l1Store.entry(e.key(1));
      assertEquals(now + e.l1Ttl().toMillis(), inL1.expiresAt(), e + " l1Ttl");
      assertEquals(staleAt, inL1.staleAt(), e + " stale in L1");
      if (e.write() == WritePolicy.RACE) {
        // A race write may return before (or, dropped, without) writing L2: make L1 fail, so that L2 is awaited.
        l1.failWrites(true);
        e.call().apply(2);
        l1.failWrites(false);
      }
      String l2Key = e.key(e.write() == WritePolicy.RACE ? 2 : 1);
      Entry<?> inL2 = l2Store.entry(l2Key);
      assertEquals(now + e.ttl().toMillis(), inL2.expiresAt(), e + " ttl");
      assertEquals(e.ttl().toMillis(), l2Store.ttl(l2Key), e + " ttl of the L2 write");
      assertEquals(staleAt, inL2.staleAt(), e + " stale in L2");
    }
  }

  @Test
  void cacheNulls() {
    for (Expect e : expectations()) {
      script.returnNull(e.method());
      int before = script.calls(e.method());

      assertNull(e.call().apply(9));
      assertNull(e.call().apply(9));

      assertEquals(e.cacheNulls() ? 1 : 2, script.calls(e.method()) - before, e + " cacheNulls");
    }
  }
}
