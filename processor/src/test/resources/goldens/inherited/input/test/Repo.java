package test;

import java.util.List;

public interface Repo<T, ID> {
  T find(ID id);

  List<T> findAll(List<ID> ids);
}
