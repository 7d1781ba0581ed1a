package dev.tiered.examples;

import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Key;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CaffeineBackend;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A product catalogue whose implementation reads a slow database. {@code @Tiered} makes the processor write {@code
 * TieredCatalogService}, which answers repeated questions from Caffeine (L1) or Redis (L2).
 *
 * <p>L2 is declared as the {@link Backend} SPI rather than {@code RedisBackend}, so the application picks the shared
 * tier when it wires the decorator: Redis in production, an in-memory stand-in when no Redis is around.
 */
@Tiered(name = "catalog", l1 = CaffeineBackend.class, l2 = Backend.class, ttl = "10m", l1Ttl = "1m", stale = "5m")
public interface CatalogService {

  /** A product. */
  record Product(String sku, String name, Category category, long priceCents) {}

  /** A product category. */
  enum Category {
    BOOKS,
    GAMES,
    TOOLS
  }

  /** One product by its SKU, or empty when there is none. */
  Optional<Product> product(String sku);

  /** A page of a category's products, cheapest first. */
  @Cached(ttl = "2m", stale = "1m", read = ReadPolicy.RACE)
  List<Product> byCategory(Category category, int page);

  /** A product's stock level, looked up asynchronously; the warehouse id is not part of the key. */
  CompletableFuture<Integer> stock(@Key String sku, String warehouseRequestId);

  /** Changes a product's price; removes its cached entry from both tiers once the database has it. */
  @Invalidate("product")
  void reprice(String sku, long priceCents);
}
