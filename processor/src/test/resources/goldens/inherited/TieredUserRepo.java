package test;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredBuilder;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.CacheContext;
import dev.tiered.runtime.internal.Freshness;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.OutOfLine;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link UserRepo}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code UserRepo}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 10m.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredUserRepo implements UserRepo, TieredCache {
  private final UserRepo delegate;

  private final MethodCache<User> find;

  private final MethodCache<List<User>> findAll;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredUserRepo(UserRepo delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredUserRepo(UserRepo delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("UserRepo", 1, l1, l2, options);
    this.find = context.method("find", ValueType.of(User.class))
        .ttl(Duration.ofMinutes(10))
        .build();
    this.findAll = context.method("findAll", ValueType.of(List.class, ValueType.of(User.class)))
        .ttl(Duration.ofMinutes(10))
        .build();
  }

  /**
   * A builder for a decorator with optional parts: executor, clock, listener, value format.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String cacheName() {
    return "UserRepo";
  }

  @Override
  public TieredStats stats() {
    return find.stats().plus(findAll.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "find":
        return find.stats();
      case "findAll":
        return findAll.stats();
      default:
        throw new IllegalArgumentException("UserRepo has no cached method named " + methodName
            + "; cached methods: find, findAll");
    }
  }

  @Override
  public void invalidateAll() {
    find.invalidateAll();
    findAll.invalidateAll();
  }

  @Override
  public void close() {
    find.close();
    findAll.close();
  }

  @Override
  public void delete(Long id) {
    delegate.delete(id);
    // The delegate returned normally: remove the entries from both tiers
    find.invalidate(new FindKey(find.space(), id));
  }

  @Override
  public User find(Long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<User> entry = find.readL1(key);
    if (entry != null) {
      if (find.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        find.refresh(key, () -> loadFind(key, id));
      }
      return entry.value();
    }
    return OutOfLine.callObject(this, id, (self, argument) -> self.findFromL2(argument));
  }

  @Override
  public List<User> findAll(List<Long> ids) {
    FindAllKey key = new FindAllKey(findAll.space(), ids);
    Entry<List<User>> entry = findAll.readL1(key);
    if (entry != null) {
      if (findAll.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        findAll.refresh(key, () -> loadFindAll(key, ids));
      }
      return entry.value();
    }
    return OutOfLine.callObject(this, ids, (self, argument) -> self.findAllFromL2(argument));
  }

  /**
   * Serves {@link UserRepo#find(Object)} after L1 missed: reads L2, then calls the delegate on a miss. It makes its own
   * key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and it
   * is called out of line, so that its code stays out of that method's, which the JIT then inlines into its callers.
   */
  private User findFromL2(Long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<User> entry = find.readL2(key);
    if (entry == null) {
      return find.load(key, () -> loadFind(key, id));
    }
    if (find.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      find.refresh(key, () -> loadFind(key, id));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      find.refillL1(key, entry);
    }
    return entry.value();
  }

  /**
   * Serves {@link UserRepo#findAll(java.util.List)} after L1 missed: reads L2, then calls the delegate on a miss. It
   * makes its own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without
   * allocating it; and it is called out of line, so that its code stays out of that method's, which the JIT then
   * inlines into its callers.
   */
  private List<User> findAllFromL2(List<Long> ids) {
    FindAllKey key = new FindAllKey(findAll.space(), ids);
    Entry<List<User>> entry = findAll.readL2(key);
    if (entry == null) {
      return findAll.load(key, () -> loadFindAll(key, ids));
    }
    if (findAll.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      findAll.refresh(key, () -> loadFindAll(key, ids));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      findAll.refillL1(key, entry);
    }
    return entry.value();
  }

  /**
   * Calls the delegate for {@link UserRepo#find(Object)} and writes the result to the tiers.
   */
  private User loadFind(FindKey key, Long id) {
    User value = delegate.find(id);
    Entry<User> entry = find.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      find.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * Calls the delegate for {@link UserRepo#findAll(java.util.List)} and writes the result to the tiers.
   */
  private List<User> loadFindAll(FindAllKey key, List<Long> ids) {
    List<User> value = delegate.findAll(ids);
    Entry<List<User>> entry = findAll.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      findAll.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * The key of {@link UserRepo#find(Object)}.
   */
  private static final class FindKey extends MethodKey {
    private final Long id;

    FindKey(KeySpace space, Long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FindKey that && sameSpace(that)
          && Objects.equals(this.id, that.id);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link UserRepo#findAll(java.util.List)}.
   */
  private static final class FindAllKey extends MethodKey {
    private final List<Long> ids;

    FindAllKey(KeySpace space, List<Long> ids) {
      super(space);
      this.ids = ids;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(ids);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FindAllKey that && sameSpace(that)
          && Objects.equals(this.ids, that.ids);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      if (this.ids == null) {
        out.add((Object) null);
      } else {
        out.beginList();
        for (Long element0 : this.ids) {
          out.add(element0);
        }
        out.endList();
      }
    }
  }

  /**
   * Builds a {@link TieredUserRepo}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, UserRepo, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredUserRepo build() {
      return new TieredUserRepo(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
