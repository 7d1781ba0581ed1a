package dev.tiered.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An L1 hit, single thread, over {@value Keys#COUNT} keys visited in a shuffled order: (a) {@code find(long)} and
 * (b) {@code search(String, Kind)}, for the generated decorator, the hand-written String-key decorator, the two
 * floors ({@link FloorUsers}: bare, and with expiry), the bare delegate, Spring's {@code @Cacheable}, JetCache's
 * {@code @Cached} and JetCache's multi-level cache API; and for {@code find}, the generated decorator with {@code
 * sync = NONE} ({@link UnsyncedUsers}), to show what the invalidation bus adds, and the generated decorator after
 * its entries went stale and expired ({@link Contenders.Aged}). Run with {@code -prof gc}, the same methods give the
 * bytes allocated per hit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class L1HitBenchmark {

  // ------------------------------------------------------------------ (a) one long

  @Benchmark
  public User findGenerated(Contenders.Generated c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findHandWritten(Contenders.HandWritten c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findBareFloor(Contenders.BareFloor c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findExpiringFloor(Contenders.ExpiringFloor c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findAged(Contenders.Aged c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findUnsynced(Contenders.Unsynced c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findNoCache(Contenders.Cursor k) {
    return Database.INSTANCE.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findSpring(Contenders.Spring c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findJetCache(Contenders.JetCache c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  @Benchmark
  public User findJetCacheApi(Contenders.JetCacheApi c, Contenders.Cursor k) {
    return c.users.find(Keys.id(k.next()));
  }

  // ------------------------------------------------------------------ (b) a String and an enum

  @Benchmark
  public User searchGenerated(Contenders.Generated c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchHandWritten(Contenders.HandWritten c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchBareFloor(Contenders.BareFloor c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchExpiringFloor(Contenders.ExpiringFloor c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchNoCache(Contenders.Cursor k) {
    int i = k.next();
    return Database.INSTANCE.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchSpring(Contenders.Spring c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchJetCache(Contenders.JetCache c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }

  @Benchmark
  public User searchJetCacheApi(Contenders.JetCacheApi c, Contenders.Cursor k) {
    int i = k.next();
    return c.users.search(Keys.name(i), Keys.kind(i));
  }
}
