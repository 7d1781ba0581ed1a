package dev.tiered.springtest;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.concurrent.CompletableFuture;

/** The cached interface of the test application. */
@Tiered(name = "products", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m")
public interface ProductService {
  Product find(String sku);

  CompletableFuture<Product> findLater(String sku);

  @Invalidate("find")
  void reprice(String sku, long cents);

  /** A product; cached in both tiers. */
  record Product(String sku, String name, long cents) {}
}
