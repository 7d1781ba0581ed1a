package dev.tiered.it.shapes;

import java.util.List;
import java.util.Optional;

/**
 * A generic repository that a cached subinterface binds; not annotated itself.
 *
 * @param <T> the entity
 * @param <ID> its id
 */
public interface Repo<T, ID> {

  T find(ID id);

  Optional<T> maybe(ID id);

  List<T> all(List<ID> ids);
}
