package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

public final class Catalog {
  private Catalog() {}

  @Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
  public interface Products {
    String title(long id);
  }
}
