package test;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Key;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "1m")
public interface UserService {
  record User(long id, String name) {}

  User find(long id);

  Optional<User> byEmail(String email) throws IOException;

  long count(@Key String region, boolean exact);

  @Cached(ttl = "5m", write = WritePolicy.SEQUENTIAL, refill = RefillPolicy.NEVER)
  List<User> page(int number, int size);

  @Invalidate("find")
  void rename(long id, String name);

  @Invalidate({"find", "byEmail"})
  boolean delete(long id, String email);

  @Bypass
  void ping();
}
