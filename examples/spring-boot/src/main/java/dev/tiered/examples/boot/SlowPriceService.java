package dev.tiered.examples.boot;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/** The real implementation: slow, as a database or a pricing engine is. It knows nothing of the cache. */
@Service
public class SlowPriceService implements PriceService {
  private final Map<String, Long> prices = new ConcurrentHashMap<>();

  @Override
  public Price price(String sku) {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Price(sku, prices.getOrDefault(sku, 1_999L), Instant.now().toString());
  }

  @Override
  public void reprice(String sku, long cents) {
    prices.put(sku, cents);
  }
}
