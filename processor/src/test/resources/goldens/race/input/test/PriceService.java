package test;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.concurrent.CompletableFuture;

@Tiered(
    name = "prices",
    l1 = CaffeineBackend.class,
    l2 = RedisBackend.class,
    read = ReadPolicy.RACE,
    write = WritePolicy.RACE,
    raceLoser = RaceLoserPolicy.DROP,
    ttl = "30s")
public interface PriceService {
  BigDecimal price(String sku, Currency currency);

  CompletableFuture<BigDecimal> quote(String sku);
}
