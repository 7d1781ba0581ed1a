package test;

import dev.tiered.Cached;

public interface Repo<T, ID> {
  T find(ID id);

  void save(T value);

  @Cached(ttl = "soon")
  T latest(ID id);
}
