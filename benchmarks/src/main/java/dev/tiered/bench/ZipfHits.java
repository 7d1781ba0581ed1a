package dev.tiered.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Threads hammering L1 hits of one shared decorator, over a Zipf-distributed sequence of the {@value Keys#COUNT}
 * keys (a few hot keys, a long tail), so that the threads often read the same entries: throughput of the generated
 * decorator against the bare floor (the target), the hand-written String-key decorator and the expiring
 * floor. This measures contention, e.g. on shared counters or Caffeine's read buffers, as much as speed. The
 * subclasses set the number of threads ({@link TwoThreadsBenchmark}, {@link EightThreadsBenchmark}); JMH runs these
 * methods once for each.
 *
 * <p>Every contender's table holds the 1,024 ids alone ({@link Contenders.GeneratedFinds}; the floor keeps each
 * method in a table of its own): a lookup is compared with a lookup over the same entries. {@link
 * #generatedBothMethods} is the generated decorator whose one L1 table also holds {@code search}'s entries, as an
 * application's does, for information: what sharing the table's bins costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class ZipfHits {

  /** Where a thread is in the Zipf sequence; the threads start evenly spread over it. */
  @State(Scope.Thread)
  public static class ZipfCursor {
    private int step;

    @Setup
    public void setUp(ThreadParams thread) {
      step = thread.getThreadIndex() * (Keys.ZIPF.length / thread.getThreadCount());
    }

    /** The next key index. */
    public int next() {
      return Keys.ZIPF[step++ & (Keys.ZIPF.length - 1)];
    }
  }

  @Benchmark
  public User generated(Contenders.GeneratedFinds c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User generatedBothMethods(Contenders.Generated c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User handWritten(Contenders.HandWrittenFinds c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User bareFloor(Contenders.BareFloor c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User expiringFloor(Contenders.ExpiringFloor c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }
}
