package dev.tiered.it.fleet;

import dev.tiered.SyncPolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.CacheContext;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;

/**
 * What the processor generates for {@link Accounts#find} and {@link Accounts#rename}, written by hand with the
 * sync policy as a parameter: the processor does not pass {@code @Tiered(sync)} to the runtime yet (it will call
 * {@code new CacheContext(name, version, l1, l2, options, SyncPolicy.NONE)}), so {@code sync = NONE} is tested here
 * through that same entry point.
 */
final class HandWrittenAccounts {
  private final Accounts delegate;
  private final MethodCache<String> find;

  HandWrittenAccounts(Accounts delegate, CaffeineBackend l1, RedisBackend l2, SyncPolicy sync) {
    this.delegate = delegate;
    CacheContext context = new CacheContext("handwritten", 1, l1, l2, TieredOptions.defaults(), sync);
    this.find = context.method("find", ValueType.of(String.class)).ttl(Duration.ofMinutes(10)).build();
  }

  String find(long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<String> entry = find.readL1(key);
    Tier tier = Tier.L1;
    if (entry == null) {
      entry = find.readL2(key);
      if (entry == null) {
        return find.load(key, () -> load(key, id));
      }
      tier = Tier.L2;
    }
    find.recordHit(key, entry, tier);
    if (tier == Tier.L2) {
      find.refillL1(key, entry);
    }
    return entry.value();
  }

  void rename(long id, String name) {
    delegate.rename(id, name);
    find.invalidate(new FindKey(find.space(), id));
  }

  TieredStats stats() {
    return find.stats();
  }

  private String load(FindKey key, long id) {
    String value = delegate.find(id);
    Entry<String> entry = find.newEntry(value);
    if (entry != null) {
      find.writeBoth(key, entry);
    }
    return value;
  }

  private static final class FindKey extends MethodKey {
    private final long id;

    FindKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    protected boolean sameArguments(MethodKey other) {
      return id == ((FindKey) other).id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(id);
    }
  }
}
