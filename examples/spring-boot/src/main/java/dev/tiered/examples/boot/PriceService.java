package dev.tiered.examples.boot;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Prices, cached for a minute in process and ten in Redis. */
@Tiered(name = "prices", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", l1Ttl = "1m")
public interface PriceService {
  Price price(String sku);

  @Invalidate("price")
  void reprice(String sku, long cents);

  /** A price of one product. */
  record Price(String sku, long cents, String computedAt) {}
}
