package test;

import dev.tiered.Tiered;

@Tiered(l1 = String.class, l2 = Object.class)
public interface UserService {
  String find(long id);
}
