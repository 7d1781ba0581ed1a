package dev.tiered.bench;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.CacheContext;
import dev.tiered.runtime.internal.Freshness;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;
import java.util.Arrays;

/**
 * A diagnostic, not one of the report's rows: L1 hits of {@code find} measured in one JVM by alternating slices of
 * {@value #SLICE} calls of the bare floor, the generated decorator, and the runtime's hit path written out in the
 * loop (the generated key shape, {@code readL1}, {@code recordHit}), and printing the median ratio of each to the
 * floor's slice before it. On a machine whose speed drifts from minute to minute, JMH's forks of two benchmarks run
 * minutes apart and their ratio drifts with it; slices a few milliseconds apart see the same machine.
 *
 * <pre>{@code java -Xms1g -Xmx1g -cp benchmarks/target/tiered-benchmarks.jar dev.tiered.bench.Interleaved}</pre>
 */
public final class Interleaved {
  private static final int SLICE = 500_000;
  private static final int SLICES = Integer.getInteger("slices", 60);

  private static int step;
  private static MethodCache<User> cache;

  private Interleaved() {}

  /** The key class the processor writes for {@code find(long)}, as the runtime's hit path is measured with it. */
  private static final class FindKey extends MethodKey {
    private final long id;

    FindKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FindKey that && sameSpace(that) && id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(id);
    }
  }

  // One loop per subject, so that each call site sees one receiver class.

  private static long floor(UserService users) {
    long start = System.nanoTime();
    for (int i = 0; i < SLICE; i++) {
      if (users.find(Keys.id(Keys.shuffled(step++))) == null) {
        throw new IllegalStateException("the floor missed");
      }
    }
    return System.nanoTime() - start;
  }

  private static long generated(UserService users) {
    long start = System.nanoTime();
    for (int i = 0; i < SLICE; i++) {
      if (users.find(Keys.id(Keys.shuffled(step++))) == null) {
        throw new IllegalStateException("the decorator returned null");
      }
    }
    return System.nanoTime() - start;
  }

  private static long runtimeHitPath() {
    long start = System.nanoTime();
    for (int i = 0; i < SLICE; i++) {
      FindKey key = new FindKey(cache.space(), Keys.id(Keys.shuffled(step++)));
      Entry<User> entry = cache.readL1(key);
      if (entry == null || cache.recordHit(key, entry, Tier.L1) == Freshness.STALE || entry.value() == null) {
        throw new IllegalStateException("not a fresh L1 hit: " + key);
      }
    }
    return System.nanoTime() - start;
  }

  public static void main(String[] args) throws Exception {
    Contenders.BareFloor floor = new Contenders.BareFloor();
    floor.setUp();
    Contenders.Generated generated = new Contenders.Generated();
    generated.setUp();
    CacheContext context = new CacheContext(
        "probe", 1, CaffeineBackend.create(10_000), generated.l2, TieredOptions.defaults());
    cache = context.method("find", ValueType.of(User.class)).ttl(Duration.ofMinutes(10)).build();
    Thread.sleep(1_000); // the bus subscribes, then repairs (clears) this cache's L1 once: fill it after that
    for (int i = 0; i < Keys.COUNT; i++) {
      cache.writeBoth(new FindKey(cache.space(), Keys.id(i)), cache.newEntry(Database.INSTANCE.find(Keys.id(i))));
    }

    for (int i = 0; i < 40; i++) {
      floor(floor.users);
      generated(generated.users);
      runtimeHitPath();
    }
    double[] floorNanos = new double[SLICES];
    double[] generatedRatio = new double[SLICES];
    double[] runtimeRatio = new double[SLICES];
    for (int s = 0; s < SLICES; s++) {
      double base = floor(floor.users);
      floorNanos[s] = base / SLICE;
      generatedRatio[s] = generated(generated.users) / base;
      runtimeRatio[s] = runtimeHitPath() / base;
    }
    generated.tearDown(); // fails unless the decorator served only L1 hits
    System.out.printf(
        "bare floor %.2f ns/call; generated decorator ÷ floor %.3f (quartiles %.3f–%.3f); "
            + "runtime hit path in the loop ÷ floor %.3f (quartiles %.3f–%.3f); medians of %d slices%n",
        median(floorNanos), median(generatedRatio), quartile(generatedRatio, 1), quartile(generatedRatio, 3),
        median(runtimeRatio), quartile(runtimeRatio, 1), quartile(runtimeRatio, 3), SLICES);
    System.exit(0);
  }

  private static double median(double[] values) {
    return quartile(values, 2);
  }

  private static double quartile(double[] values, int quarter) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, quarter * sorted.length / 4)];
  }
}
