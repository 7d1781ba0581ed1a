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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Two threads hammering L1 hits of one decorator, over a Zipf-distributed sequence of the {@value Keys#COUNT}
 * keys (a few hot keys, a long tail), so that both threads often read the same entries: throughput of the
 * generated decorator against the hand-written String-key one. On two cores this measures contention, e.g. on
 * shared counters, as much as speed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class TwoThreadsBenchmark {

  /** Where a thread is in the Zipf sequence; the threads start half a sequence apart. */
  @State(Scope.Thread)
  public static class ZipfCursor {
    private int step;

    @Setup
    public void setUp(ThreadParams thread) {
      step = thread.getThreadIndex() * (Keys.ZIPF.length / 2);
    }

    /** The next key index. */
    public int next() {
      return Keys.ZIPF[step++ & (Keys.ZIPF.length - 1)];
    }
  }

  @Benchmark
  public User generated(Contenders.Generated c, ZipfCursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User handWritten(Contenders.HandWritten c, ZipfCursor k) {
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
