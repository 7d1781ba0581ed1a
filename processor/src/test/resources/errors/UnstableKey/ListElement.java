package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.List;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface ListElement {
  String search(List<Filter> filters);
}
