package test;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class, raceLoser = RaceLoserPolicy.DROP)
public interface UserService {
  String find(long id);
}
