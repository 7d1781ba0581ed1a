package dev.tiered.bench;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/**
 * The service every contender caches: the generated {@code TieredUserService}, the hand-written decorators, Spring's
 * {@code @Cacheable} proxy and JetCache's {@code @Cached} proxy all implement it, over the same {@link Database}.
 */
@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m")
public interface UserService {

  /** One user by id: the one-{@code long} key. */
  User find(long id);

  /** One user by name and kind: the {@code String} + enum key. */
  User search(String name, Kind kind);
}
