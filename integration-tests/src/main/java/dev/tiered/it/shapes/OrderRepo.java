package dev.tiered.it.shapes;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Binds {@link Repo}'s type arguments: its inherited methods are cached with {@code Order} and {@code Long}. */
@Tiered(name = "orders", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface OrderRepo extends Repo<Order, Long> {

  /** A method of the subinterface itself, next to the inherited ones. */
  long count();
}
