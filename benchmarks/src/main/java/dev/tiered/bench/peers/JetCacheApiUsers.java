package dev.tiered.bench.peers;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.MultiLevelCacheBuilder;
import com.alicp.jetcache.anno.KeyConvertor;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.redis.RedisCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import dev.tiered.bench.Kind;
import dev.tiered.bench.User;
import dev.tiered.bench.UserService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/**
 * JetCache without annotations or Spring: a hand-written decorator over its multi-level cache API, a {@code
 * MultiLevelCache} of a Caffeine cache and a Redis cache, read through {@code computeIfAbsent}. The
 * two-argument method keys by a string, as a JetCache user would for a compound key.
 */
public final class JetCacheApiUsers implements UserService, AutoCloseable {
  private final Cache<Long, User> byId;
  private final Cache<String, User> byName;
  private final Function<Long, User> loadById;
  private final Function<String, User> loadByName;

  /** A decorator of {@code delegate} whose remote tier is {@code redis}. */
  public JetCacheApiUsers(UserService delegate, UnifiedJedis redis) {
    this.byId = twoLevel("jc-api:find:", redis);
    this.byName = twoLevel("jc-api:search:", redis);
    this.loadById = delegate::find;
    this.loadByName = key -> {
      int colon = key.lastIndexOf(':');
      return delegate.search(key.substring(0, colon), Kind.valueOf(key.substring(colon + 1)));
    };
  }

  private static <K> Cache<K, User> twoLevel(String prefix, UnifiedJedis redis) {
    Cache<K, User> local = CaffeineCacheBuilder.createCaffeineCacheBuilder()
        .limit(10_000)
        .expireAfterWrite(10, TimeUnit.MINUTES)
        .keyConvertor(KeyConvertor.NONE_INSTANCE)
        .buildCache();
    Cache<K, User> remote = RedisCacheBuilder.createRedisCacheBuilder()
        .jedis(redis)
        .keyPrefix(prefix)
        .expireAfterWrite(10, TimeUnit.MINUTES)
        .keyConvertor(Fastjson2KeyConvertor.INSTANCE)
        .valueEncoder(JavaValueEncoder.INSTANCE)
        .valueDecoder(JavaValueDecoder.INSTANCE)
        .buildCache();
    return MultiLevelCacheBuilder.createMultiLevelCacheBuilder()
        .addCache(local, remote)
        .expireAfterWrite(10, TimeUnit.MINUTES)
        .buildCache();
  }

  @Override
  public User find(long id) {
    return byId.computeIfAbsent(id, loadById);
  }

  @Override
  public User search(String name, Kind kind) {
    return byName.computeIfAbsent(name + ":" + kind.name(), loadByName);
  }

  @Override
  public void close() {
    byId.close();
    byName.close();
  }
}
