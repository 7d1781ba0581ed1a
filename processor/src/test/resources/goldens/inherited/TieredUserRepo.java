package test;

import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.KeySpace;
import dev.tiered.runtime.KeyWriter;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredBuilder;
import dev.tiered.runtime.TieredOptions;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.MethodCache;
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
public final class TieredUserRepo implements UserRepo {
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
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(l2, "l2");
    this.find = new MethodCache<>("UserRepo", 1, "find", l1, l2, ValueType.of(User.class),
        Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ZERO, false, options);
    this.findAll = new MethodCache<>("UserRepo", 1, "findAll", l1, l2,
        ValueType.of(List.class, ValueType.of(User.class)),
        Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ZERO, false, options);
  }

  /**
   * A builder for a decorator with optional parts: executor, clock, listener, value format.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The counters of every cached method, summed.
   */
  public TieredStats stats() {
    return find.stats().plus(findAll.stats());
  }

  /**
   * The counters of one cached method, by name; an overloaded name sums its overloads, which are
   * also reachable one by one as {@code name(ParamType,...)}.
   *
   * @throws IllegalArgumentException when no cached method has that name
   */
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
  public void delete(Long id) {
    delegate.delete(id);
    // The delegate returned normally: remove the entries from both tiers
    find.invalidate(new FindKey(find.space(), id));
  }

  @Override
  public User find(Long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<User> entry = find.readL1(key);
    if (entry == null) {
      // L1 missed: read L2
      entry = find.readL2(key);
      if (entry == null) {
        return find.load(key, () -> loadFind(key, id));
      }
      if (find.hit(key, entry, true)) {
        find.refresh(key, () -> loadFind(key, id));
      } else {
        find.refillL1(key, entry);
      }
      return entry.value();
    }
    if (find.hit(key, entry, false)) {
      find.refresh(key, () -> loadFind(key, id));
    }
    return entry.value();
  }

  @Override
  public List<User> findAll(List<Long> ids) {
    FindAllKey key = new FindAllKey(findAll.space(), ids);
    Entry<List<User>> entry = findAll.readL1(key);
    if (entry == null) {
      // L1 missed: read L2
      entry = findAll.readL2(key);
      if (entry == null) {
        return findAll.load(key, () -> loadFindAll(key, ids));
      }
      if (findAll.hit(key, entry, true)) {
        findAll.refresh(key, () -> loadFindAll(key, ids));
      } else {
        findAll.refillL1(key, entry);
      }
      return entry.value();
    }
    if (findAll.hit(key, entry, false)) {
      findAll.refresh(key, () -> loadFindAll(key, ids));
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
  private static final class FindKey extends CacheKey {
    private final Long id;

    FindKey(KeySpace space, Long id) {
      super(space, Objects.hashCode(id));
      this.id = id;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      FindKey that = (FindKey) other;
      return Objects.equals(this.id, that.id);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link UserRepo#findAll(java.util.List)}.
   */
  private static final class FindAllKey extends CacheKey {
    private final List<Long> ids;

    FindAllKey(KeySpace space, List<Long> ids) {
      super(space, Objects.hashCode(ids));
      this.ids = ids;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      FindAllKey that = (FindAllKey) other;
      return Objects.equals(this.ids, that.ids);
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
  public static final class Builder extends TieredBuilder<Builder> {
    private UserRepo delegate;

    private CaffeineBackend l1;

    private RedisBackend l2;

    private Builder() {
    }

    /**
     * The service whose results are cached.
     */
    public Builder delegate(UserRepo delegate) {
      this.delegate = Objects.requireNonNull(delegate, "delegate");
      return this;
    }

    /**
     * The in-process tier.
     */
    public Builder l1(CaffeineBackend l1) {
      this.l1 = Objects.requireNonNull(l1, "l1");
      return this;
    }

    /**
     * The shared tier.
     */
    public Builder l2(RedisBackend l2) {
      this.l2 = Objects.requireNonNull(l2, "l2");
      return this;
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredUserRepo build() {
      return new TieredUserRepo(require(delegate, "delegate"), require(l1, "l1"), require(l2, "l2"), options());
    }
  }
}
