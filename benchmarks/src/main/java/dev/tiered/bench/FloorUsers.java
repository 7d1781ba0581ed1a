package dev.tiered.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The floor of an L1 hit: one Caffeine lookup keyed by the arguments themselves (a boxed {@code Long}; a record of
 * the string and the enum), no key string, no second tier. Nothing that keeps a readable key for Redis can be
 * cheaper. Two of them:
 *
 * <ul>
 *   <li>{@linkplain #bare the bare floor}: {@code maximumSize} and nothing else, no expiry. The targets are
 *       against it: an L1 hit of the generated decorator within 1.5 times of it, and at least 0.8 of its
 *       throughput on two and eight threads.
 *   <li>{@linkplain #expiring the expiring floor}: the same with {@code expireAfterWrite}, as the generated
 *       decorator and the hand-written one expire their entries; shown for information, to tell what Caffeine's
 *       expiry costs from what Tiered adds.
 * </ul>
 */
public final class FloorUsers implements UserService {
  private final UserService delegate;
  private final Cache<Long, User> byId;
  private final Cache<NameAndKind, User> byName;

  /** The key of {@link #search}: the arguments as they are. */
  record NameAndKind(String name, Kind kind) {}

  private FloorUsers(UserService delegate, Duration expiry) {
    this.delegate = delegate;
    this.byId = cache(expiry);
    this.byName = cache(expiry);
  }

  /** The bare floor over {@code delegate}: bounded caches without expiry. */
  public static FloorUsers bare(UserService delegate) {
    return new FloorUsers(delegate, null);
  }

  /** The expiring floor over {@code delegate}: bounded caches whose entries expire {@code ttl} after their write. */
  public static FloorUsers expiring(UserService delegate, Duration ttl) {
    return new FloorUsers(delegate, ttl);
  }

  private static <K> Cache<K, User> cache(Duration expiry) {
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(10_000);
    if (expiry != null) {
      builder.expireAfterWrite(expiry);
    }
    return builder.build();
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
