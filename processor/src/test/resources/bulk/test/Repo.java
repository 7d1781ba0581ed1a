package test;

import dev.tiered.Bulk;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A generic repository with a bulk method, which a cached subinterface binds. */
public interface Repo<T, ID> {
  Optional<T> find(ID id);

  @Bulk("find")
  Map<ID, T> findAll(List<ID> ids);
}
