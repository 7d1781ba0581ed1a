package test;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Key;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "1m")
public interface UserService {
  enum Region { EU, US }

  record Query(String text, Region region, List<Integer> pages) {}

  record User(long id, String name) {}

  User find(long id);

  Optional<User> byName(String name);

  long count(Region region, boolean active);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.RACE, ttl = "2m")
  Map<String, List<User>> search(Query query, int[] limits) throws IOException;

  CompletableFuture<List<User>> friends(@Key long id, String requestId);

  @Cached(read = ReadPolicy.PARALLEL, write = WritePolicy.SEQUENTIAL, l1Ttl = "1m")
  CompletionStage<User> byUuid(UUID uuid);

  User find(String key, UUID entry);

  @Invalidate("find")
  void rename(long id, String name);

  @Invalidate(value = {"friends", "search"}, all = true)
  CompletableFuture<Void> reset();

  @Bypass
  void ping();

  default String greeting(long id) {
    return "hello " + find(id).name();
  }
}
