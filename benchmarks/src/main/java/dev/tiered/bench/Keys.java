package dev.tiered.bench;

import java.util.Random;

/**
 * The key sets: {@value #COUNT} ids, and as many (name, kind) pairs, visited in a fixed shuffled order so that
 * consecutive calls do not touch neighbouring entries; and a Zipf-distributed sequence over the same keys for the
 * two-thread benchmark. Everything is made from fixed seeds, so every fork and every contender sees the same keys.
 */
public final class Keys {
  /** How many distinct keys each benchmark reads; a power of two. */
  public static final int COUNT = 1_024;

  /** The exponent of the Zipf distribution, as in YCSB. */
  static final double ZIPF_EXPONENT = 0.99;

  /** A long sequence of key indexes drawn from a Zipf distribution (exponent {@value #ZIPF_EXPONENT}). */
  public static final int[] ZIPF = zipf(1 << 16, ZIPF_EXPONENT, 42);

  private static final int[] ORDER = shuffled(COUNT, 7);
  private static final long[] IDS = new long[COUNT];
  private static final String[] NAMES = new String[COUNT];
  private static final Kind[] KINDS = new Kind[COUNT];

  static {
    Kind[] kinds = Kind.values();
    for (int i = 0; i < COUNT; i++) {
      // Realistic magnitudes: seven-digit ids, names of a dozen characters.
      IDS[i] = 1_000_000L + 7_919L * i;
      NAMES[i] = "user-" + (100_000 + 37 * i);
      KINDS[i] = kinds[i % kinds.length];
    }
  }

  private Keys() {}

  /** The id of key {@code i}. */
  public static long id(int i) {
    return IDS[i];
  }

  /** The name of key {@code i}. */
  public static String name(int i) {
    return NAMES[i];
  }

  /** The kind of key {@code i}. */
  public static Kind kind(int i) {
    return KINDS[i];
  }

  /** The key index visited at step {@code step} of the shuffled order. */
  public static int shuffled(int step) {
    return ORDER[step & (COUNT - 1)];
  }

  private static int[] shuffled(int n, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static int[] zipf(int length, double exponent, long seed) {
    double[] cdf = new double[COUNT];
    double sum = 0;
    for (int rank = 1; rank <= COUNT; rank++) {
      sum += 1 / Math.pow(rank, exponent);
      cdf[rank - 1] = sum;
    }
    // Ranks map to shuffled key indexes, so that the hottest keys are not neighbours.
    int[] byRank = shuffled(COUNT, seed + 1);
    Random random = new Random(seed);
    int[] sequence = new int[length];
    for (int i = 0; i < length; i++) {
      double u = random.nextDouble() * sum;
      int lo = 0;
      int hi = COUNT - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cdf[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      sequence[i] = byRank[lo];
    }
    return sequence;
  }
}
