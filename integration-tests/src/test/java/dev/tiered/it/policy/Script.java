package dev.tiered.it.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the delegates of the policy scenarios answer, and the controls a test holds over them: every call is counted
 * per method; a call can be held at a gate until the test releases it, made to fail with an exception instance the
 * test keeps, made to return {@code null}, or (asynchronous methods) answered with a future the test completes later.
 *
 * <p>A value is {@code <method>-<id>#<n>} where {@code n} counts the calls of the method, so a test can tell which
 * delegate call produced what it reads from a tier.
 */
final class Script {
  private static final long GATE_TIMEOUT_SECONDS = 10;

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Set<String> nullMethods = ConcurrentHashMap.newKeySet();
  private final AtomicInteger atGate = new AtomicInteger();
  private final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate;
  private volatile RuntimeException failure;
  private volatile boolean holdFutures;
  private volatile boolean throwFromAsync;
  private volatile Runnable onCall = () -> {};

  /** The value of the {@code n}th call of {@code method} for {@code id}. */
  static String value(String method, long id, int n) {
    return method + "-" + id + "#" + n;
  }

  // ------------------------------------------------------------------------------------------------ controls

  /** Holds every synchronous call made from now on at a gate, until {@link #release()}. */
  Script hold() {
    gate = new CountDownLatch(1);
    return this;
  }

  /** Opens the gate; later calls go straight on. */
  Script release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
    return this;
  }

  /** Makes calls fail with {@code failure} itself (after the gate), or answer again when {@code null}. */
  Script fail(RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  /** Makes asynchronous calls throw their failure instead of returning a failed future. */
  Script throwFromAsync() {
    throwFromAsync = true;
    return this;
  }

  /** Makes calls of {@code method} return {@code null}. */
  Script returnNull(String method) {
    nullMethods.add(method);
    return this;
  }

  /** Makes asynchronous calls answer with a future that the test completes through {@link #pending(int)}. */
  Script holdFutures() {
    holdFutures = true;
    return this;
  }

  /** Runs {@code action} at the start of every call, after counting it: e.g. to stall a tier after the reads. */
  Script onCall(Runnable action) {
    this.onCall = action;
    return this;
  }

  /** Releases everything held; for the end of a test. */
  void releaseAll() {
    holdFutures = false;
    release();
    for (CompletableFuture<String> f : pending) {
      f.cancel(false);
    }
  }

  // ------------------------------------------------------------------------------------------------ observations

  /** How many calls {@code method} received. */
  int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  /** How many calls wait at the gate now. */
  int held() {
    return atGate.get();
  }

  /** Waits until {@code n} calls wait at the gate. */
  void awaitHeld(int n) {
    Await.until(() -> atGate.get() >= n, () -> n + " delegate calls held at the gate, but " + atGate.get() + " are");
  }

  /** The future that answered the {@code i}th held asynchronous call (from 0), waiting for that call to be made. */
  CompletableFuture<String> pending(int i) {
    Await.until(() -> pending.size() > i, () -> (i + 1) + " held futures, but " + pending.size() + " were made");
    return pending.get(i);
  }

  /** How many asynchronous calls were answered with a held future. */
  int pendingCount() {
    return pending.size();
  }

  // ------------------------------------------------------------------------------------------------ answers

  /** The answer of a synchronous delegate method. */
  String answer(String method, long id) {
    int n = count(method);
    onCall.run();
    CountDownLatch g = gate;
    if (g != null) {
      atGate.incrementAndGet();
      try {
        if (!g.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a delegate call of " + method + " was held for too long; release()?");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while held", e);
      } finally {
        atGate.decrementAndGet();
      }
    }
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    return nullMethods.contains(method) ? null : value(method, id, n);
  }

  /** The answer of an asynchronous delegate method. */
  CompletableFuture<String> answerAsync(String method, long id) {
    int n = count(method);
    onCall.run();
    if (holdFutures) {
      CompletableFuture<String> held = new CompletableFuture<>();
      pending.add(held);
      return held;
    }
    RuntimeException f = failure;
    if (f != null) {
      if (throwFromAsync) {
        throw f;
      }
      return CompletableFuture.failedFuture(f);
    }
    return CompletableFuture.completedFuture(nullMethods.contains(method) ? null : value(method, id, n));
  }

  private int count(String method) {
    return calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }
}
