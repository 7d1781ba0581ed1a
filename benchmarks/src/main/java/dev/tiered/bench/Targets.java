package dev.tiered.bench;

import static dev.tiered.bench.Target.atLeast;
import static dev.tiered.bench.Target.atMost;
import static dev.tiered.bench.Target.info;

import dev.tiered.runtime.CacheKey;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * The rows of the report, in the order of the list: for each target, the benchmark it is about, the baseline
 * measured in the same run and the target the ratio must meet.
 */
final class Targets {
  /** The most an L1 hit of {@code find(long)} may allocate: its key object alone, or less. */
  private static final long FIND_ALLOCATION = 24;
  /** The most an L2 hit may allocate beyond a raw Jedis {@code GET} and decode of the same entry. */
  private static final long L2_ALLOCATION_ALLOWANCE = 64;

  private Targets() {}

  /** Adds every row to {@code table}. */
  static void addRows(Table table) {
    String l1 = "L1HitBenchmark.";
    for (String method : List.of("find", "search")) {
      String shape = method.equals("find") ? "find(long)" : "search(String, Kind)";
      String generated = l1 + method + "Generated";
      table.section("1. L1 hit, " + shape + ", 1 thread");
      table.ratio("generated ÷ bare floor (no expiry)", generated, l1 + method + "BareFloor", atMost(1.5));
      table.ratio("generated ÷ expiring floor", generated, l1 + method + "ExpiringFloor", info());
      table.ratio("expiring floor ÷ bare floor (what Caffeine's expiry costs)", l1 + method + "ExpiringFloor",
          l1 + method + "BareFloor", info());
      // The issue: find at most half the hand-written String key's time. It sets none for search; ours is to be
      // no slower than the hand-written decorator, the first release's target.
      table.ratio("generated ÷ hand-written String key", generated, l1 + method + "HandWritten",
          atMost(method.equals("find") ? 0.5 : 1.0));
      table.ratio("generated ÷ no cache (the bare delegate)", generated, l1 + method + "NoCache", info());
      if (method.equals("find")) {
        table.ratio("generated after its entries went stale and expired (manual clock) ÷ generated",
            l1 + "findAged", generated, info());
      }
      table.ratio("Spring @Cacheable ÷ generated", l1 + method + "Spring", generated, atLeast(5.0));
      table.ratio("JetCache @Cached(BOTH) ÷ generated", l1 + method + "JetCache", generated, atLeast(5.0));
      table.ratio("JetCache MultiLevelCache API ÷ generated", l1 + method + "JetCacheApi", generated, atLeast(5.0));
    }
    table.section("2. L2 hit (loopback Redis, L1 always misses)");
    table.ratio("generated ÷ raw Jedis GET + ValueCodec/Kryo decode", "L2HitBenchmark.generated",
        "L2HitBenchmark.rawJedisKryo", atMost(1.1));
    table.bytesBeyond("allocation: generated − raw Jedis GET + decode", "L2HitBenchmark.generated",
        "L2HitBenchmark.rawJedisKryo", L2_ALLOCATION_ALLOWANCE);
    table.section("3. Miss: L1 + Redis GET miss, delegate, Caffeine put + Redis SET PX");
    table.ratio("generated ÷ hand-written", "MissBenchmark.generated", "MissBenchmark.handWritten", atMost(1.1));
    table.section("4. Allocation per L1 hit (gc.alloc.rate.norm)");
    allocation(table, "find", "FindKey");
    allocation(table, "search", "SearchKey");
    table.bytes("find after its entries went stale and expired (baseline: find)", "L1HitBenchmark.findAged",
        "L1HitBenchmark.findGenerated", Target.bytesAtMost(FIND_ALLOCATION, "≤ " + FIND_ALLOCATION + " B"));
    table.section("5. Read with a slow L1 (" + RaceBenchmark.DELAY_MICROS + " µs per call) and L2 holding the entry");
    table.ratio("RACE ÷ SEQUENTIAL", "RaceBenchmark.race", "RaceBenchmark.sequential", atMost(1.0));
    table.saving("latency RACE saves per call", "RaceBenchmark.race", "RaceBenchmark.sequential");
    table.ratio("RACE ÷ the faster tier alone (raw Jedis + decode)", "RaceBenchmark.race",
        "L2HitBenchmark.rawJedisKryo", info());
    for (String threads : List.of("Two", "Eight")) {
      String zipf = threads + "ThreadsBenchmark.";
      table.section("6. " + threads + " threads, L1 hits of find(long) on Zipf-distributed keys");
      table.throughput("generated ÷ bare floor (no expiry)", zipf + "generated", zipf + "bareFloor", atLeast(0.8));
      table.throughput("generated ÷ expiring floor", zipf + "generated", zipf + "expiringFloor", info());
      table.throughput("generated ÷ hand-written String key", zipf + "generated", zipf + "handWritten", atLeast(1.0));
      table.throughput("generated, its L1 also holding search's entries ÷ bare floor", zipf + "generatedBothMethods",
          zipf + "bareFloor", info());
    }
    table.section("7. Bulk read of " + BulkBenchmark.IDS + " ids, " + BulkBenchmark.IN_L1
        + " in L1, the rest only in Redis");
    table.ratio("@Bulk findAll ÷ a loop of " + BulkBenchmark.IDS + " find calls", "BulkBenchmark.bulkGenerated",
        "BulkBenchmark.loopGenerated", atMost(1.0));
    table.ratio("@Bulk findAll ÷ hand-written getAllPresent + MGET", "BulkBenchmark.bulkGenerated",
        "BulkBenchmark.handWritten", info());
    table.section("8. The invalidation bus on an L1 hit of find(long), 1 thread");
    table.ratio("sync = INVALIDATE (generated) ÷ sync = NONE", "L1HitBenchmark.findGenerated",
        "L1HitBenchmark.findUnsynced", atMost(1.05, " (nothing measurable)"));
  }

  /**
   * The bytes of one L1 hit of {@code method}: for {@code find}, the issue's {@value #FIND_ALLOCATION} B (its key
   * object alone, or less); for {@code search}, which the issue leaves out, ours: its key object alone. The key's
   * size is computed from the generated class and shown either way; the hand-written decorator's bytes beside it.
   */
  private static void allocation(Table table, String method, String keyClass) {
    long key = keySize(keyClass);
    Target target = method.equals("find")
        ? Target.bytesAtMost(FIND_ALLOCATION, "≤ " + FIND_ALLOCATION + " B")
        : Target.bytesAtMost(key, "≤ " + key + " B, the key alone");
    table.bytes(method + ": generated (key object " + key + " B; baseline: hand-written)",
        "L1HitBenchmark." + method + "Generated", "L1HitBenchmark." + method + "HandWritten", target);
  }

  /**
   * The size in bytes of an instance of the generated key class named {@code simpleName} (a nested class of {@code
   * TieredUserService}), as HotSpot lays it out with compressed class pointers and oops (the default below a 32 GB
   * heap; the forks run with 1 GB): a 12-byte header, each field at its size (a reference at 4), rounded up to 8.
   * For the keys here (a few longs, ints and references) no field leaves a gap, so this is the exact size; e.g. a
   * key of one {@code long} is 12 + 4 (its {@code KeySpace}) + 8 (the id) = 24 bytes.
   */
  static long keySize(String simpleName) {
    for (Class<?> nested : TieredUserService.class.getDeclaredClasses()) {
      if (nested.getSimpleName().equals(simpleName) && CacheKey.class.isAssignableFrom(nested)) {
        long bytes = 12;
        for (Class<?> c = nested; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
              bytes += fieldSize(field.getType());
            }
          }
        }
        return (bytes + 7) & ~7L;
      }
    }
    throw new IllegalStateException("TieredUserService has no key class " + simpleName);
  }

  private static int fieldSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    } else if (type == int.class || type == float.class) {
      return 4;
    } else if (type == short.class || type == char.class) {
      return 2;
    } else if (type == byte.class || type == boolean.class) {
      return 1;
    }
    return 4;
  }
}
