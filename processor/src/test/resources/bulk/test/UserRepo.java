package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Map;
import java.util.Set;

/** Binds {@link Repo}; an overload of {@code find} and a bulk method of each. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserRepo extends Repo<String, Long> {
  String find(String email);

  @Bulk("find")
  Map<String, String> byEmails(Set<String> emails);
}
