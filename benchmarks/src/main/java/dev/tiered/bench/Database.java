package dev.tiered.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The delegate of every contender: answers from a precomputed table, so that its own cost (a few nanoseconds) is
 * the floor that the "no cache" row shows, and a miss measures the cache's work rather than the delegate's.
 */
public final class Database implements UserService, L2Users, RaceUsers, SequentialUsers, BulkUsers {
  private static final User[] USERS = new User[Keys.COUNT];

  static {
    Kind[] kinds = Kind.values();
    for (int i = 0; i < Keys.COUNT; i++) {
      USERS[i] = new User(Keys.id(i), Keys.name(i), Keys.name(i) + "@example.com", kinds[i % kinds.length],
          1_700_000_000_000L + i);
    }
  }

  /** The database every contender of a fork shares. */
  public static final Database INSTANCE = new Database();

  private Database() {}

  @Override
  public User find(long id) {
    return USERS[(int) (id & (Keys.COUNT - 1))];
  }

  @Override
  public Map<Long, User> findAll(Collection<Long> ids) {
    Map<Long, User> users = new HashMap<>();
    for (long id : ids) {
      users.put(id, find(id));
    }
    return users;
  }

  @Override
  public User search(String name, Kind kind) {
    return USERS[(name.hashCode() ^ kind.ordinal()) & (Keys.COUNT - 1)];
  }
}
