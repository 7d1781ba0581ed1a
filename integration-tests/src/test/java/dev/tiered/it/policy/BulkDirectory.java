package dev.tiered.it.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The delegate of the bulk scenarios: {@code user-<id>#<version>} for every id but 13, which does not exist. It
 * records every call with the collection it was given, and can hold {@code find} until the test releases it.
 */
final class BulkDirectory implements BulkUsers, NullableBulkUsers {
  static final long MISSING = 13;

  /** The ids of each bulk call, as given, in order. */
  final List<Collection<Long>> bulkCalls = new CopyOnWriteArrayList<>();
  /** The ids of each single-key call, in order. */
  final List<Long> findCalls = new CopyOnWriteArrayList<>();
  private final Map<Long, Integer> versions = new ConcurrentHashMap<>();
  private volatile CountDownLatch held;
  private final CountDownLatch holding = new CountDownLatch(1);

  /** The value of {@code id} as the delegate answers it now. */
  String value(long id) {
    return "user-" + id + "#" + versions.getOrDefault(id, 1);
  }

  /** Changes the value of {@code id}, as an update in the database would. */
  void bump(long id) {
    versions.merge(id, 2, (a, b) -> a + 1);
  }

  /** Holds every {@code find} until {@link #release}; {@link #awaitHolding} returns once one is held. */
  void hold() {
    held = new CountDownLatch(1);
  }

  void awaitHolding() throws InterruptedException {
    if (!holding.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("no find was held");
    }
  }

  void release() {
    held.countDown();
  }

  /** The ids each bulk call was given, as lists. */
  List<List<Long>> bulkIds() {
    return bulkCalls.stream().map(ids -> (List<Long>) new ArrayList<>(ids)).toList();
  }

  @Override
  public String find(long id) {
    findCalls.add(id);
    CountDownLatch latch = held;
    if (latch != null) {
      holding.countDown();
      try {
        latch.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return id == MISSING ? null : value(id);
  }

  @Override
  public Map<Long, String> findAll(Collection<Long> ids) {
    bulkCalls.add(ids);
    Map<Long, String> values = new LinkedHashMap<>();
    ids.stream().filter(id -> id != MISSING).forEach(id -> values.put(id, value(id)));
    return values;
  }

  @Override
  public Map<Long, String> findList(List<Long> ids) {
    return findAll(ids);
  }

  @Override
  public CompletionStage<Map<Long, String>> findAllAsync(Set<Long> ids) {
    return CompletableFuture.supplyAsync(() -> findAll(ids));
  }

  @Override
  public void rename(long id, String name) {
    bump(id);
  }
}
