package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = FastBackend.class, l2 = RedisBackend.class)
public interface UserService {
  String find(long id);
}
