package dev.tiered.examples.boot;

import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /prices/{sku}} (cached), {@code PUT /prices/{sku}?cents=} (invalidates), {@code GET /prices/stats}.
 * The injected {@link PriceService} is the cached one: the starter serves the bean through its decorator.
 */
@RestController
public class PriceController {
  private final PriceService prices;

  public PriceController(PriceService prices) {
    this.prices = prices;
  }

  @GetMapping("/prices/{sku}")
  public PriceService.Price price(@PathVariable String sku) {
    return prices.price(sku);
  }

  @PutMapping("/prices/{sku}")
  public void reprice(@PathVariable String sku, @RequestParam long cents) {
    prices.reprice(sku, cents);
  }

  @GetMapping("/prices/stats")
  public TieredStats stats() {
    return ((TieredCache) prices).stats();
  }
}
