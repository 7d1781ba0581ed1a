package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = String.class, l2 = RedisBackend.class)
public interface UserService {
  String find(long id);
}
