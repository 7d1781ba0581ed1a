package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.function.Predicate;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface InterfaceType {
  String search(Predicate<String> matcher);
}
