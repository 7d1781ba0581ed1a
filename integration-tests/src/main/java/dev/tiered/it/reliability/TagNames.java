package dev.tiered.it.reliability;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.List;
import java.util.Map;

/** Build A of a rolling deploy: tags are strings. */
@Tiered(name = "tags", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface TagNames {
  List<String> tags(long id);

  Map<String, List<String>> groups(long id);
}
