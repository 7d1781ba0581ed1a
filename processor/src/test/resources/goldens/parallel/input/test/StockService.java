package test;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

@Tiered(
    name = "stock",
    l1 = CaffeineBackend.class,
    l2 = RedisBackend.class,
    read = ReadPolicy.PARALLEL,
    ttl = "2h",
    l1Ttl = "10m")
public interface StockService {
  int available(UUID warehouse, String sku);

  CompletionStage<Map<String, Integer>> levels(UUID warehouse, Set<String> skus);
}
