package dev.tiered.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultyBackendTest {
  private static final Entry<String> ENTRY = new Entry<>("value", Long.MAX_VALUE, Entry.NEVER);

  private final MapBackend map = new MapBackend();
  private final FaultyBackend faulty = FaultyBackend.wrap(map);
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void release() throws InterruptedException {
    faulty.unstall();
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** An in-process backend that keeps entries as they are. */
  static final class MapBackend implements Backend {
    final ConcurrentHashMap<CacheKey, Entry<?>> entries = new ConcurrentHashMap<>();

    @Override
    public String label() {
      return "map";
    }

    @Override
    public boolean isRemote() {
      return false;
    }

    @Override
    @SuppressWarnings("unchecked") // each key holds entries of its method's value type
    public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) {
      return (Entry<V>) entries.get(key);
    }

    @Override
    public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
      entries.put(key, entry);
    }

    @Override
    public void remove(CacheKey key) {
      entries.remove(key);
    }
  }

  /** The key of one call of {@code test.find}, plain enough to need no escaping. */
  record Key(long id) implements CacheKey {
    @Override
    public String cacheName() {
      return "test";
    }

    @Override
    public String toString() {
      return "test:v1:find:" + id;
    }
  }

  @Test
  void passesCallsThroughAndCountsThem() throws Exception {
    assertEquals("map", faulty.label());
    assertFalse(faulty.isRemote());
    assertSame(map, faulty.delegate());

    faulty.write(new Key(1), ENTRY, 1_000, null);
    assertSame(ENTRY, faulty.read(new Key(1), null));
    faulty.remove(new Key(1));
    assertNull(faulty.read(new Key(1), null));

    assertEquals(2, faulty.reads());
    assertEquals(1, faulty.writes());
    assertEquals(1, faulty.removes());
    faulty.reset();
    assertEquals(0, faulty.reads() + faulty.writes() + faulty.removes());
  }

  @Test
  void injectsReadAndWriteFailuresSeparately() throws Exception {
    faulty.write(new Key(1), ENTRY, 1_000, null);

    faulty.failReads(true);
    FaultyBackend.InjectedFailure failure =
        assertThrows(FaultyBackend.InjectedFailure.class, () -> faulty.read(new Key(1), null));
    assertTrue(failure.getMessage().contains("test:v1:find:1"), failure.getMessage());
    faulty.write(new Key(2), ENTRY, 1_000, null);

    faulty.failReads(false).failWrites(true);
    assertThrows(FaultyBackend.InjectedFailure.class, () -> faulty.write(new Key(3), ENTRY, 1_000, null));
    assertThrows(FaultyBackend.InjectedFailure.class, () -> faulty.remove(new Key(1)));
    assertSame(ENTRY, faulty.read(new Key(1), null));
    assertNull(map.entries.get(new Key(3)), "a failed write does not reach the delegate");

    faulty.failAll(true);
    assertThrows(FaultyBackend.InjectedFailure.class, () -> faulty.read(new Key(1), null));
    faulty.heal();
    assertSame(ENTRY, faulty.read(new Key(1), null));
    assertEquals(4, faulty.reads(), "failed calls are counted too");
  }

  @Test
  void stallHoldsCallsUntilUnstalled() throws Exception {
    faulty.write(new Key(1), ENTRY, 1_000, null);
    faulty.stall();

    Future<Entry<String>> first = executor.submit(() -> faulty.read(new Key(1), null));
    Future<Entry<String>> second = executor.submit(() -> faulty.read(new Key(1), null));
    assertTrue(faulty.awaitStalled(2, Duration.ofSeconds(10)));
    assertFalse(first.isDone());

    faulty.unstall();

    assertSame(ENTRY, first.get(10, TimeUnit.SECONDS));
    assertSame(ENTRY, second.get(10, TimeUnit.SECONDS));
    assertEquals(0, faulty.stalledCalls());
    assertSame(ENTRY, faulty.read(new Key(1), null), "later calls go straight on");
  }

  @Test
  void aStallThatIsNeverReleasedTimesOut() {
    faulty.stallTimeout(Duration.ofMillis(50)).stall();

    TimeoutException timeout = assertThrows(TimeoutException.class, () -> faulty.read(new Key(1), null));
    assertTrue(timeout.getMessage().contains("unstall"), timeout.getMessage());
  }

  @Test
  void anInterruptedStallFailsLikeInterruptedIo() throws Exception {
    faulty.stall();
    Future<Entry<String>> call = executor.submit(() -> faulty.read(new Key(1), null));
    assertTrue(faulty.awaitStalled(1, Duration.ofSeconds(10)));

    call.cancel(true);
    executor.shutdownNow();

    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    assertEquals(0, faulty.stalledCalls());
  }

  @Test
  void latencyDelaysButDoesNotFail() throws Exception {
    faulty.latency(Duration.ofMillis(5)).write(new Key(1), ENTRY, 1_000, null);
    assertSame(ENTRY, faulty.readLatency(Duration.ofMillis(1)).read(new Key(1), null));
    assertThrows(IllegalArgumentException.class, () -> faulty.latency(Duration.ofMillis(-1)));
  }

  @Test
  void latencyIsInterruptible() throws Exception {
    faulty.readLatency(Duration.ofSeconds(30));
    Future<Entry<String>> call = executor.submit(() -> faulty.read(new Key(1), null));
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    ExecutionException failure = assertThrows(ExecutionException.class, call::get);
    assertTrue(failure.getCause() instanceof InterruptedIOException, failure.getCause().toString());
  }

  @Test
  void labelAndRemotenessCanBeSet() {
    faulty.label("slow-redis").remote(true);
    assertEquals("slow-redis", faulty.label());
    assertTrue(faulty.isRemote());
  }
}
