package dev.tiered.it.reliability;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.List;
import java.util.Map;

/** Build B of the same rolling deploy and cache: tags became records. */
@Tiered(name = "tags", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Tags {
  /** A tag. */
  record Tag(String name) {}

  List<Tag> tags(long id);

  Map<String, List<Tag>> groups(long id);
}
