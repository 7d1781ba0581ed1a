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
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link UserService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code users}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 10m, stale after 1m. Methods with policies of their own:
 * page.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredUserService implements UserService {
  private final UserService delegate;

  private final MethodCache<UserService.User> find;

  private final MethodCache<UserService.User> byEmail;

  private final MethodCache<Long> count;

  private final MethodCache<List<UserService.User>> page;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredUserService(UserService delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredUserService(UserService delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(l2, "l2");
    this.find = new MethodCache<>("users", 1, "find", l1, l2, ValueType.of(UserService.User.class),
        Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(1), false, options);
    this.byEmail = new MethodCache<>("users", 1, "byEmail", l1, l2,
        ValueType.of(UserService.User.class),
        Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(1), false, options);
    this.count = new MethodCache<>("users", 1, "count", l1, l2, ValueType.of(Long.class),
        Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(1), false, options);
    this.page = new MethodCache<>("users", 1, "page", l1, l2,
        ValueType.of(List.class, ValueType.of(UserService.User.class)),
        Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(1), false, options);
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
    return find.stats().plus(byEmail.stats()).plus(count.stats()).plus(page.stats());
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
      case "byEmail":
        return byEmail.stats();
      case "count":
        return count.stats();
      case "page":
        return page.stats();
      default:
        throw new IllegalArgumentException("UserService has no cached method named " + methodName
            + "; cached methods: find, byEmail, count, page");
    }
  }

  @Override
  public UserService.User find(long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<UserService.User> entry = find.readL1(key);
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
  public Optional<UserService.User> byEmail(String email) throws IOException {
    ByEmailKey key = new ByEmailKey(byEmail.space(), email);
    Entry<UserService.User> entry = byEmail.readL1(key);
    if (entry == null) {
      // L1 missed: read L2
      entry = byEmail.readL2(key);
      if (entry == null) {
        return Optional.ofNullable(byEmail.load(key, () -> loadByEmail(key, email)));
      }
      if (byEmail.hit(key, entry, true)) {
        byEmail.refresh(key, () -> loadByEmail(key, email));
      } else {
        byEmail.refillL1(key, entry);
      }
      return Optional.ofNullable(entry.value());
    }
    if (byEmail.hit(key, entry, false)) {
      byEmail.refresh(key, () -> loadByEmail(key, email));
    }
    return Optional.ofNullable(entry.value());
  }

  @Override
  public long count(String region, boolean exact) {
    CountKey key = new CountKey(count.space(), region);
    Entry<Long> entry = count.readL1(key);
    if (entry == null) {
      // L1 missed: read L2
      entry = count.readL2(key);
      if (entry == null) {
        return count.load(key, () -> loadCount(key, region, exact));
      }
      if (count.hit(key, entry, true)) {
        count.refresh(key, () -> loadCount(key, region, exact));
      } else {
        count.refillL1(key, entry);
      }
      return entry.value();
    }
    if (count.hit(key, entry, false)) {
      count.refresh(key, () -> loadCount(key, region, exact));
    }
    return entry.value();
  }

  @Override
  public List<UserService.User> page(int number, int size) {
    PageKey key = new PageKey(page.space(), number, size);
    Entry<List<UserService.User>> entry = page.readL1(key);
    if (entry == null) {
      // L1 missed: read L2
      entry = page.readL2(key);
      if (entry == null) {
        return page.load(key, () -> loadPage(key, number, size));
      }
      if (page.hit(key, entry, true)) {
        page.refresh(key, () -> loadPage(key, number, size));
      }
      return entry.value();
    }
    if (page.hit(key, entry, false)) {
      page.refresh(key, () -> loadPage(key, number, size));
    }
    return entry.value();
  }

  @Override
  public void rename(long id, String name) {
    delegate.rename(id, name);
    // The delegate returned normally: remove the entries from both tiers
    find.invalidate(new FindKey(find.space(), id));
  }

  @Override
  public void ping() {
    delegate.ping();
  }

  /**
   * Calls the delegate for {@link UserService#find(long)} and writes the result to the tiers.
   */
  private UserService.User loadFind(FindKey key, long id) {
    UserService.User value = delegate.find(id);
    Entry<UserService.User> entry = find.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      find.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * Calls the delegate for {@link UserService#byEmail(java.lang.String)} and writes the result to the tiers.
   */
  private UserService.User loadByEmail(ByEmailKey key, String email) throws IOException {
    UserService.User value = delegate.byEmail(email).orElse(null);
    Entry<UserService.User> entry = byEmail.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      byEmail.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * Calls the delegate for {@link UserService#count(java.lang.String, boolean)} and writes the result to the tiers.
   */
  private Long loadCount(CountKey key, String region, boolean exact) {
    Long value = delegate.count(region, exact);
    Entry<Long> entry = count.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      count.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * Calls the delegate for {@link UserService#page(int, int)} and writes the result to the tiers.
   */
  private List<UserService.User> loadPage(PageKey key, int number, int size) {
    List<UserService.User> value = delegate.page(number, size);
    Entry<List<UserService.User>> entry = page.newEntry(value);
    if (entry != null) {
      // SEQUENTIAL write: L1, then L2 only when L1 took it
      if (page.writeL1(key, entry)) {
        page.writeL2(key, entry);
      }
    }
    return value;
  }

  /**
   * The key of {@link UserService#find(long)}.
   */
  private static final class FindKey extends CacheKey {
    private final long id;

    FindKey(KeySpace space, long id) {
      super(space, Long.hashCode(id));
      this.id = id;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      FindKey that = (FindKey) other;
      return this.id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link UserService#byEmail(java.lang.String)}.
   */
  private static final class ByEmailKey extends CacheKey {
    private final String email;

    ByEmailKey(KeySpace space, String email) {
      super(space, Objects.hashCode(email));
      this.email = email;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      ByEmailKey that = (ByEmailKey) other;
      return Objects.equals(this.email, that.email);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.email);
    }
  }

  /**
   * The key of {@link UserService#count(java.lang.String, boolean)}.
   */
  private static final class CountKey extends CacheKey {
    private final String region;

    CountKey(KeySpace space, String region) {
      super(space, Objects.hashCode(region));
      this.region = region;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      CountKey that = (CountKey) other;
      return Objects.equals(this.region, that.region);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.region);
    }
  }

  /**
   * The key of {@link UserService#page(int, int)}.
   */
  private static final class PageKey extends CacheKey {
    private final int number;

    private final int size;

    PageKey(KeySpace space, int number, int size) {
      super(space, 31 * Integer.hashCode(number) + Integer.hashCode(size));
      this.number = number;
      this.size = size;
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      PageKey that = (PageKey) other;
      return this.number == that.number
          && this.size == that.size;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.number);
      out.add(this.size);
    }
  }

  /**
   * Builds a {@link TieredUserService}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder> {
    private UserService delegate;

    private CaffeineBackend l1;

    private RedisBackend l2;

    private Builder() {
    }

    /**
     * The service whose results are cached.
     */
    public Builder delegate(UserService delegate) {
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
    public TieredUserService build() {
      return new TieredUserService(require(delegate, "delegate"), require(l1, "l1"), require(l2, "l2"), options());
    }
  }
}
