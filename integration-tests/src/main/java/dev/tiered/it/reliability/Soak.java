package dev.tiered.it.reliability;

import dev.tiered.Cached;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.concurrent.CompletableFuture;

/** What the reliability tests call while they break Redis: a plain read, a raced read, an asynchronous read. */
@Tiered(name = "soak", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "1m")
public interface Soak {
  String find(long id);

  @Cached(read = ReadPolicy.RACE)
  String race(long id);

  CompletableFuture<String> findAsync(long id);

  String echo(String text);
}
