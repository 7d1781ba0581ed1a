package dev.tiered.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.KryoFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The baseline: the two-tier decorator a careful engineer writes by hand for one service, with what the generated
 * one does on each path and nothing more. L1 is a bounded Caffeine cache keyed by a readable string ({@code
 * "users:find:" + id}), with a fixed ttl; L2 is Redis through the same Jedis client, holding the value encoded by the
 * same {@link ValueCodec} (Kryo behind Tiered's header) under the same string, with {@code PX}. A Redis failure is
 * a miss; there are no stats, no listener, no single-flight and no staleness.
 */
public final class HandWrittenUsers implements UserService {
  private static final Duration TTL = Duration.ofMinutes(10);

  private final UserService delegate;
  private final Cache<String, User> l1;
  private final UnifiedJedis l2;
  private final ValueCodec<User> codec = ValueCodec.of(KryoFormat.create(), ValueType.of(User.class));
  private final long ttlMillis = TTL.toMillis();
  private final SetParams px = SetParams.setParams().px(TTL.toMillis());

  /** A decorator of {@code delegate} with a fresh L1 and {@code l2} as the shared tier. */
  public HandWrittenUsers(UserService delegate, UnifiedJedis l2) {
    this.delegate = delegate;
    this.l1 = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();
    this.l2 = l2;
  }

  @Override
  public User find(long id) {
    String key = "users:find:" + id;
    User user = l1.getIfPresent(key);
    if (user != null) {
      return user;
    }
    return miss(key, () -> delegate.find(id));
  }

  @Override
  public User search(String name, Kind kind) {
    String key = "users:search:" + name + ":" + kind.name();
    User user = l1.getIfPresent(key);
    if (user != null) {
      return user;
    }
    return miss(key, () -> delegate.search(name, kind));
  }

  private interface Load {
    User load();
  }

  private User miss(String key, Load load) {
    byte[] redisKey = key.getBytes(StandardCharsets.UTF_8);
    User user = readL2(redisKey);
    if (user != null) {
      l1.put(key, user);
      return user;
    }
    user = load.load();
    if (user != null) {
      l1.put(key, user);
      writeL2(redisKey, user);
    }
    return user;
  }

  private User readL2(byte[] redisKey) {
    try {
      byte[] bytes = l2.get(redisKey);
      return bytes == null ? null : codec.decode(bytes).value();
    } catch (JedisException | CorruptEntryException e) {
      return null;
    }
  }

  private void writeL2(byte[] redisKey, User user) {
    try {
      l2.set(redisKey, codec.encode(new Entry<>(user, System.currentTimeMillis() + ttlMillis, Entry.NEVER)), px);
    } catch (JedisException e) {
      // A shared tier that is down costs a reload later, never the caller's call.
    }
  }
}
