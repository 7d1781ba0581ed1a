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
import dev.tiered.runtime.internal.Invalidation;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.OutOfLine;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
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
public final class TieredUserService implements UserService, TieredCache {
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
    CacheContext context = new CacheContext("users", 1, l1, l2, options);
    this.find = context.method("find", ValueType.of(UserService.User.class))
        .ttl(Duration.ofMinutes(10))
        .stale(Duration.ofMinutes(1))
        .build();
    this.byEmail = context.method("byEmail", ValueType.of(UserService.User.class))
        .ttl(Duration.ofMinutes(10))
        .stale(Duration.ofMinutes(1))
        .build();
    this.count = context.method("count", ValueType.of(Long.class))
        .ttl(Duration.ofMinutes(10))
        .stale(Duration.ofMinutes(1))
        .build();
    this.page = context.method("page", ValueType.of(List.class, ValueType.of(UserService.User.class)))
        .ttl(Duration.ofMinutes(5))
        .stale(Duration.ofMinutes(1))
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
    return "users";
  }

  @Override
  public TieredStats stats() {
    return find.stats().plus(byEmail.stats()).plus(count.stats()).plus(page.stats());
  }

  @Override
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
  public void invalidateAll() {
    find.invalidateAll();
    byEmail.invalidateAll();
    count.invalidateAll();
    page.invalidateAll();
  }

  @Override
  public void close() {
    find.close();
    byEmail.close();
    count.close();
    page.close();
  }

  @Override
  public UserService.User find(long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<UserService.User> entry = find.readL1(key);
    if (entry != null) {
      if (find.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        OutOfLine.run(() -> refreshFind(id));
      }
      return entry.value();
    }
    return OutOfLine.callLong(this, id, (self, argument) -> self.findFromL2(argument));
  }

  @Override
  public Optional<UserService.User> byEmail(String email) throws IOException {
    ByEmailKey key = new ByEmailKey(byEmail.space(), email);
    Entry<UserService.User> entry = byEmail.readL1(key);
    if (entry != null) {
      if (byEmail.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        OutOfLine.run(() -> refreshByEmail(email));
      }
      return Optional.ofNullable(entry.value());
    }
    return OutOfLine.callObject(this, email, (self, argument) -> self.byEmailFromL2(argument));
  }

  @Override
  public long count(String region, boolean exact) {
    CountKey key = new CountKey(count.space(), region);
    Entry<Long> entry = count.readL1(key);
    if (entry != null) {
      if (count.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        OutOfLine.run(() -> refreshCount(region, exact));
      }
      return entry.value();
    }
    return OutOfLine.call(() -> countFromL2(region, exact));
  }

  @Override
  public List<UserService.User> page(int number, int size) {
    PageKey key = new PageKey(page.space(), number, size);
    Entry<List<UserService.User>> entry = page.readL1(key);
    if (entry != null) {
      if (page.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        OutOfLine.run(() -> refreshPage(number, size));
      }
      return entry.value();
    }
    return OutOfLine.call(() -> pageFromL2(number, size));
  }

  @Override
  public void rename(long id, String name) {
    delegate.rename(id, name);
    // The delegate returned normally: remove the entries from both tiers
    find.invalidate(new FindKey(find.space(), id));
  }

  @Override
  public boolean delete(long id, String email) {
    boolean result = delegate.delete(id, email);
    // The delegate returned normally: remove the entries from both tiers; other instances hear it at once
    Invalidation invalidation = new Invalidation();
    find.invalidate(new FindKey(find.space(), id), invalidation);
    byEmail.invalidate(new ByEmailKey(byEmail.space(), email), invalidation);
    invalidation.announce();
    return result;
  }

  @Override
  public void ping() {
    delegate.ping();
  }

  /**
   * Serves {@link UserService#find(long)} after L1 missed: reads L2, then calls the delegate on a miss. It makes its
   * own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and
   * it is called out of line, so that its code stays out of that method's, which the JIT then inlines into its callers.
   */
  private UserService.User findFromL2(long id) {
    FindKey key = new FindKey(find.space(), id);
    Entry<UserService.User> entry = find.readL2(key);
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
   * Refreshes a stale entry of {@link UserService#find(long)} in the background. It makes its own key, so that an L1
   * hit's key stays in the method that made it, where the JIT can do without allocating it; and it is called out of
   * line, like the helper that serves a miss.
   */
  private void refreshFind(long id) {
    FindKey key = new FindKey(find.space(), id);
    find.refresh(key, () -> loadFind(key, id));
  }

  /**
   * Serves {@link UserService#byEmail(java.lang.String)} after L1 missed: reads L2, then calls the delegate on a miss.
   * It makes its own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without
   * allocating it; and it is called out of line, so that its code stays out of that method's, which the JIT then
   * inlines into its callers.
   */
  private Optional<UserService.User> byEmailFromL2(String email) throws IOException {
    ByEmailKey key = new ByEmailKey(byEmail.space(), email);
    Entry<UserService.User> entry = byEmail.readL2(key);
    if (entry == null) {
      return Optional.ofNullable(byEmail.load(key, () -> loadByEmail(key, email)));
    }
    if (byEmail.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      byEmail.refresh(key, () -> loadByEmail(key, email));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      byEmail.refillL1(key, entry);
    }
    return Optional.ofNullable(entry.value());
  }

  /**
   * Refreshes a stale entry of {@link UserService#byEmail(java.lang.String)} in the background. It makes its own key,
   * so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and it is
   * called out of line, like the helper that serves a miss.
   */
  private void refreshByEmail(String email) {
    ByEmailKey key = new ByEmailKey(byEmail.space(), email);
    byEmail.refresh(key, () -> loadByEmail(key, email));
  }

  /**
   * Serves {@link UserService#count(java.lang.String, boolean)} after L1 missed: reads L2, then calls the delegate on a
   * miss. It makes its own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without
   * allocating it; and it is called out of line, so that its code stays out of that method's, which the JIT then
   * inlines into its callers.
   */
  private long countFromL2(String region, boolean exact) {
    CountKey key = new CountKey(count.space(), region);
    Entry<Long> entry = count.readL2(key);
    if (entry == null) {
      return count.load(key, () -> loadCount(key, region, exact));
    }
    if (count.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      count.refresh(key, () -> loadCount(key, region, exact));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      count.refillL1(key, entry);
    }
    return entry.value();
  }

  /**
   * Refreshes a stale entry of {@link UserService#count(java.lang.String, boolean)} in the background. It makes its own
   * key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and it
   * is called out of line, like the helper that serves a miss.
   */
  private void refreshCount(String region, boolean exact) {
    CountKey key = new CountKey(count.space(), region);
    count.refresh(key, () -> loadCount(key, region, exact));
  }

  /**
   * Serves {@link UserService#page(int, int)} after L1 missed: reads L2, then calls the delegate on a miss. It makes
   * its own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it;
   * and it is called out of line, so that its code stays out of that method's, which the JIT then inlines into its
   * callers.
   */
  private List<UserService.User> pageFromL2(int number, int size) {
    PageKey key = new PageKey(page.space(), number, size);
    Entry<List<UserService.User>> entry = page.readL2(key);
    if (entry == null) {
      return page.load(key, () -> loadPage(key, number, size));
    }
    if (page.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      page.refresh(key, () -> loadPage(key, number, size));
    }
    return entry.value();
  }

  /**
   * Refreshes a stale entry of {@link UserService#page(int, int)} in the background. It makes its own key, so that an
   * L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and it is called out of
   * line, like the helper that serves a miss.
   */
  private void refreshPage(int number, int size) {
    PageKey key = new PageKey(page.space(), number, size);
    page.refresh(key, () -> loadPage(key, number, size));
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
    public boolean equals(Object other) {
      return other instanceof FindKey that && sameSpace(that)
          && this.id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link UserService#byEmail(java.lang.String)}.
   */
  private static final class ByEmailKey extends MethodKey {
    private final String email;

    ByEmailKey(KeySpace space, String email) {
      super(space);
      this.email = email;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(email);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByEmailKey that && sameSpace(that)
          && Objects.equals(this.email, that.email);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.email);
    }
  }

  /**
   * The key of {@link UserService#count(java.lang.String, boolean)}.
   */
  private static final class CountKey extends MethodKey {
    private final String region;

    CountKey(KeySpace space, String region) {
      super(space);
      this.region = region;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(region);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof CountKey that && sameSpace(that)
          && Objects.equals(this.region, that.region);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.region);
    }
  }

  /**
   * The key of {@link UserService#page(int, int)}.
   */
  private static final class PageKey extends MethodKey {
    private final int number;

    private final int size;

    PageKey(KeySpace space, int number, int size) {
      super(space);
      this.number = number;
      this.size = size;
    }

    @Override
    protected int argumentsHash() {
      return 31 * Integer.hashCode(number) + Integer.hashCode(size);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PageKey that && sameSpace(that)
          && this.number == that.number
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
  public static final class Builder extends TieredBuilder<Builder, UserService, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredUserService build() {
      return new TieredUserService(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
