package dev.tiered.examples;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The catalogue's "database": an in-memory table behind a simulated query latency. */
public final class SlowCatalog implements CatalogService {
  private final Map<String, Product> table = new ConcurrentHashMap<>();
  private final long latencyMillis;
  private final AtomicInteger queries = new AtomicInteger();

  /** A catalogue with a few products whose every query takes {@code latencyMillis}. */
  public SlowCatalog(long latencyMillis) {
    this.latencyMillis = latencyMillis;
    put(new Product("B-1001", "The Pragmatic Programmer", Category.BOOKS, 4_200));
    put(new Product("B-1002", "Java Concurrency in Practice", Category.BOOKS, 5_100));
    put(new Product("G-2001", "Chess set", Category.GAMES, 3_000));
    put(new Product("T-3001", "Torque wrench", Category.TOOLS, 8_900));
    put(new Product("T-3002", "Spirit level", Category.TOOLS, 1_900));
  }

  private void put(Product product) {
    table.put(product.sku(), product);
  }

  /** How many queries reached the database. */
  public int queries() {
    return queries.get();
  }

  private void query() {
    queries.incrementAndGet();
    try {
      TimeUnit.MILLISECONDS.sleep(latencyMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Optional<Product> product(String sku) {
    query();
    return Optional.ofNullable(table.get(sku));
  }

  @Override
  public List<Product> byCategory(Category category, int page) {
    query();
    return table.values().stream()
        .filter(p -> p.category() == category)
        .sorted(Comparator.comparingLong(Product::priceCents))
        .skip(page * 10L)
        .limit(10)
        .toList();
  }

  @Override
  public CompletableFuture<Integer> stock(String sku, String warehouseRequestId) {
    return CompletableFuture.supplyAsync(
        () -> {
          query();
          return Math.abs(sku.hashCode() % 50);
        });
  }

  @Override
  public void reprice(String sku, long priceCents) {
    query();
    table.computeIfPresent(sku, (k, p) -> new Product(p.sku(), p.name(), p.category(), priceCents));
  }
}
