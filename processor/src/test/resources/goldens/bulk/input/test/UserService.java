package test;

import dev.tiered.Bulk;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "1m")
public interface UserService {
  record User(long id, String name) {}

  User find(long id);

  @Bulk("find")
  Map<Long, User> findAll(Collection<Long> ids);

  @Bulk("find")
  CompletionStage<Map<Long, User>> findAllAsync(Set<Long> ids);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.SEQUENTIAL, refill = RefillPolicy.NEVER)
  CompletableFuture<User> byEmail(String email);

  @Bulk("byEmail")
  Map<String, User> byEmails(List<String> emails) throws IOException;

  @Invalidate("find")
  void rename(long id, String name);
}
