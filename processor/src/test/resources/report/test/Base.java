package test;

import dev.tiered.Cached;

public interface Base<T> {
  @Cached(ttl = "2m")
  T inherited(T key);
}
