package dev.tiered.testing;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Backend} that wraps another and injects faults, for tests: latency, failures, and stalls that hold calls
 * until the test releases them. Usable as either tier, and safe for concurrent use.
 *
 * <pre>{@code
 * FaultyBackend l2 = FaultyBackend.wrap(RedisBackend.connect(redis.uri())).failReads(true);
 * // a decorator whose @Tiered names l2 = FaultyBackend.class, or Backend.class
 * UserService users = new TieredUserService(delegate, CaffeineBackend.create(100), l2);
 * users.find(1);                       // the L2 read fails: a miss, counted in stats().l2Errors()
 * assertEquals(1, l2.reads());
 *
 * l2.failReads(false).stall();         // calls now wait in the backend
 * Future<User> call = executor.submit(() -> users.find(2));
 * assertTrue(l2.awaitStalled(1, Duration.ofSeconds(5)));
 * l2.unstall();                        // and go on
 * }</pre>
 *
 * <p>A call is handled in this order: it is counted; it waits while the backend is stalled; it sleeps for the
 * injected latency; it fails if failures are injected for it, with an {@link InjectedFailure}; otherwise it goes to
 * the wrapped backend. A stalled call gives up after the stall timeout (10 seconds unless set) with a {@link
 * TimeoutException}, so that a test that forgets to unstall fails instead of hanging.
 */
public final class FaultyBackend implements Backend {
  private static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(10);

  private final Backend delegate;
  private volatile String label;
  private volatile boolean remote;
  private volatile Duration readLatency = Duration.ZERO;
  private volatile Duration writeLatency = Duration.ZERO;
  private volatile boolean failReads;
  private volatile boolean failWrites;
  private volatile Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
  /** Open (null) or closed: calls wait on a closed gate until {@link #unstall()} opens it. */
  private volatile CountDownLatch stallGate;
  private final AtomicInteger stalled = new AtomicInteger();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong removes = new AtomicLong();

  private FaultyBackend(Backend delegate) {
    this.delegate = delegate;
    this.label = delegate.label();
    this.remote = delegate.isRemote();
  }

  /**
   * Wraps {@code delegate}, with no faults yet; the label and {@link #isRemote()} are the delegate's until set.
   *
   * @throws NullPointerException if {@code delegate} is null
   */
  public static FaultyBackend wrap(Backend delegate) {
    return new FaultyBackend(Objects.requireNonNull(delegate, "delegate"));
  }

  /** The wrapped backend. */
  public Backend delegate() {
    return delegate;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Faults

  /** Delays every call (read, write, remove) by {@code latency}; {@code Duration.ZERO} for none. */
  public FaultyBackend latency(Duration latency) {
    readLatency(latency);
    return writeLatency(latency);
  }

  /** Delays every read by {@code latency}. */
  public FaultyBackend readLatency(Duration latency) {
    this.readLatency = checkNotNegative(latency, "latency");
    return this;
  }

  /** Delays every write and remove by {@code latency}. */
  public FaultyBackend writeLatency(Duration latency) {
    this.writeLatency = checkNotNegative(latency, "latency");
    return this;
  }

  /** Makes reads fail with an {@link InjectedFailure}, or succeed again. */
  public FaultyBackend failReads(boolean fail) {
    this.failReads = fail;
    return this;
  }

  /** Makes writes and removes fail with an {@link InjectedFailure}, or succeed again. */
  public FaultyBackend failWrites(boolean fail) {
    this.failWrites = fail;
    return this;
  }

  /** Makes every call fail with an {@link InjectedFailure}, or succeed again. */
  public FaultyBackend failAll(boolean fail) {
    failReads(fail);
    return failWrites(fail);
  }

  /**
   * Holds every call made from now on until {@link #unstall()}, or until the stall timeout, when it fails with a
   * {@link TimeoutException}. Does nothing if already stalled.
   */
  public synchronized FaultyBackend stall() {
    if (stallGate == null) {
      stallGate = new CountDownLatch(1);
    }
    return this;
  }

  /** Releases the calls held by {@link #stall()}; later calls go straight on. Does nothing if not stalled. */
  public synchronized FaultyBackend unstall() {
    CountDownLatch gate = stallGate;
    stallGate = null;
    if (gate != null) {
      gate.countDown();
    }
    return this;
  }

  /** How long a stalled call waits before it fails with a {@link TimeoutException}; 10 seconds by default. */
  public FaultyBackend stallTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
    this.stallTimeout = timeout;
    return this;
  }

  /** How many calls are held by a stall right now. */
  public int stalledCalls() {
    return stalled.get();
  }

  /**
   * Waits until at least {@code calls} calls are held by a stall, or {@code timeout} passes.
   *
   * @return whether that many calls were held in time
   */
  public boolean awaitStalled(int calls, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stalled.get() < calls) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  /** Removes every injected fault (latency, failures) and releases a stall; the counters are kept. */
  public FaultyBackend heal() {
    latency(Duration.ZERO);
    failAll(false);
    return unstall();
  }

  /** Sets the label reported to stats and logs. */
  public FaultyBackend label(String label) {
    this.label = Objects.requireNonNull(label, "label");
    return this;
  }

  /** Sets whether the decorator should treat this tier as remote (called off the caller's thread). */
  public FaultyBackend remote(boolean remote) {
    this.remote = remote;
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Counters

  /** How many reads were made, including failed ones. */
  public long reads() {
    return reads.get();
  }

  /** How many writes were made, including failed ones. */
  public long writes() {
    return writes.get();
  }

  /** How many removes were made, including failed ones. */
  public long removes() {
    return removes.get();
  }

  /** Sets the counters back to zero; the injected faults are kept (see {@link #heal()}). */
  public FaultyBackend reset() {
    reads.set(0);
    writes.set(0);
    removes.set(0);
    return this;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Backend

  @Override
  public String label() {
    return label;
  }

  @Override
  public boolean isRemote() {
    return remote;
  }

  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws Exception {
    reads.incrementAndGet();
    inject("read", key, readLatency, failReads);
    return delegate.read(key, codec);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) throws Exception {
    writes.incrementAndGet();
    inject("write", key, writeLatency, failWrites);
    delegate.write(key, entry, ttlMillis, codec);
  }

  @Override
  public void remove(CacheKey key) throws Exception {
    removes.incrementAndGet();
    inject("remove", key, writeLatency, failWrites);
    delegate.remove(key);
  }

  private void inject(String operation, CacheKey key, Duration latency, boolean fail)
      throws InterruptedIOException, TimeoutException, InjectedFailure {
    CountDownLatch gate = stallGate;
    if (gate != null) {
      stalled.incrementAndGet();
      try {
        if (!gate.await(stallTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
          throw new TimeoutException(label + " " + operation + " of " + key + " was stalled for more than "
              + stallTimeout + "; did the test forget unstall()?");
        }
      } catch (InterruptedException e) {
        throw interrupted(operation, key, e);
      } finally {
        stalled.decrementAndGet();
      }
    }
    if (!latency.isZero()) {
      try {
        Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
      } catch (InterruptedException e) {
        throw interrupted(operation, key, e);
      }
    }
    if (fail) {
      throw new InjectedFailure("injected " + label + " " + operation + " failure for " + key);
    }
  }

  /** Keeps the interrupt, and fails the call the way an interrupted I/O call would. */
  private InterruptedIOException interrupted(String operation, CacheKey key, InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException failure =
        new InterruptedIOException(label + " " + operation + " of " + key + " was interrupted");
    failure.initCause(e);
    return failure;
  }

  private static Duration checkNotNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative but was " + duration);
    }
    return duration;
  }

  @Override
  public String toString() {
    return "FaultyBackend{" + label + " over " + delegate + "}";
  }

  /** The failure a {@link FaultyBackend} throws when failures are injected. */
  public static final class InjectedFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates a failure with a message naming the tier, the operation and the key. */
    public InjectedFailure(String message) {
      super(message);
    }
  }
}
