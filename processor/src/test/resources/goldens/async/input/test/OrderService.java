package test;

import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Tiered(name = "orders", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "5m")
public interface OrderService {
  record Order(long id, long userId, String item) {}

  CompletableFuture<List<Order>> byUser(long userId);

  @Cached(write = WritePolicy.SEQUENTIAL)
  CompletionStage<Order> find(long id);

  @Invalidate("byUser")
  CompletableFuture<Void> cancel(long userId, long orderId);

  @Invalidate(value = {"byUser", "find"}, all = true)
  CompletionStage<Integer> purge();
}
