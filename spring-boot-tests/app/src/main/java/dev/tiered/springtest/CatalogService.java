package dev.tiered.springtest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Service;

/** The application's implementation: a plain {@code @Service}, with no trace of the cache. */
@Service
public class CatalogService implements ProductService {
  private final Map<String, Long> prices = new ConcurrentHashMap<>();
  private final AtomicInteger loads = new AtomicInteger();

  @Override
  public Product find(String sku) {
    loads.incrementAndGet();
    return new Product(sku, "Product " + sku, prices.getOrDefault(sku, 1_000L));
  }

  @Override
  public CompletableFuture<Product> findLater(String sku) {
    return CompletableFuture.completedFuture(find(sku));
  }

  @Override
  public void reprice(String sku, long cents) {
    prices.put(sku, cents);
  }

  /** How often the cache had to ask. */
  public int loads() {
    return loads.get();
  }
}
