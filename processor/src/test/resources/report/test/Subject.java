package test;

import dev.tiered.Cached;

public interface Subject extends Base<Long> {
  @Cached(ttl = "1m")
  String own(long id);

  interface Nested {
    String nested(String text);
  }
}
