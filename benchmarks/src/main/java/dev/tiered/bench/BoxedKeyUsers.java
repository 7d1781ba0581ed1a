package dev.tiered.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The floor of an L1 hit: one Caffeine lookup keyed by the arguments themselves (a boxed {@code Long}; a record of
 * the string and the enum), no key string, no second tier. Nothing that keeps a readable key for Redis can be
 * cheaper, so the generated decorator is held to within 1.5 times of it.
 */
public final class BoxedKeyUsers implements UserService {
  private final UserService delegate;
  private final Cache<Long, User> byId = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(10)).build();
  private final Cache<NameAndKind, User> byName = Caffeine.newBuilder().maximumSize(10_000)
      .expireAfterWrite(Duration.ofMinutes(10)).build();

  /** The key of {@link #search}: the arguments as they are. */
  record NameAndKind(String name, Kind kind) {}

  /** A floor over {@code delegate}. */
  public BoxedKeyUsers(UserService delegate) {
    this.delegate = delegate;
  }

  @Override
  public User find(long id) {
    Long key = id;
    User user = byId.getIfPresent(key);
    if (user == null) {
      user = delegate.find(id);
      byId.put(key, user);
    }
    return user;
  }

  @Override
  public User search(String name, Kind kind) {
    NameAndKind key = new NameAndKind(name, kind);
    User user = byName.getIfPresent(key);
    if (user == null) {
      user = delegate.search(name, kind);
      byName.put(key, user);
    }
    return user;
  }
}
