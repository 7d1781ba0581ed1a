package test;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredBuilder;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.BulkLoad;
import dev.tiered.runtime.internal.BulkWrite;
import dev.tiered.runtime.internal.CacheContext;
import dev.tiered.runtime.internal.Freshness;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.OutOfLine;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link UserService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code users}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 10m, stale after 1m. Methods with policies of their own:
 * byEmail.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredUserService implements UserService, TieredCache {
  private final UserService delegate;

  private final MethodCache<UserService.User> find;

  private final MethodCache<UserService.User> byEmail;

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
    return find.stats().plus(byEmail.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "find":
        return find.stats();
      case "byEmail":
        return byEmail.stats();
      default:
        throw new IllegalArgumentException("UserService has no cached method named " + methodName
            + "; cached methods: find, byEmail");
    }
  }

  @Override
  public void invalidateAll() {
    find.invalidateAll();
    byEmail.invalidateAll();
  }

  @Override
  public void close() {
    find.close();
    byEmail.close();
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
  public Map<Long, UserService.User> findAll(Collection<Long> ids) {
    BulkLoad<Long, FindKey, UserService.User> bulk = BulkLoad.start(find, ids, FindKey::new);
    // SEQUENTIAL: L1 for every id, then L2 in one round trip for the ids L1 missed
    bulk.readSequential().join();
    // Each hit is counted; a stale one is served, and refreshed on its own as find refreshes it
    bulk.serve(this::loadFind);
    // refill ALWAYS: fresh L2 hits warm L1
    bulk.refillL1();
    // The ids no tier held: awaited where another call is loading them, the rest in one delegate call
    return bulk.load(this::loadFindAll);
  }

  @Override
  public CompletionStage<Map<Long, UserService.User>> findAllAsync(Set<Long> ids) {
    BulkLoad<Long, FindKey, UserService.User> bulk = BulkLoad.startAsync(find, ids, FindKey::new);
    // SEQUENTIAL: L1 for every id, then L2 in one round trip for the ids L1 missed
    return bulk.readSequential().thenCompose(read -> {
      // Each hit is counted; a stale one is served, and refreshed on its own as find refreshes it
      bulk.serve(this::loadFind);
      // refill ALWAYS: fresh L2 hits warm L1
      bulk.refillL1();
      // The ids no tier held: awaited where another call is loading them, the rest in one delegate call
      return bulk.loadAsync(this::loadFindAllAsync);
    });
  }

  @Override
  public CompletableFuture<UserService.User> byEmail(String email) {
    ByEmailKey key = new ByEmailKey(byEmail.space(), email);
    // RACE: both tiers start together; the first hit wins and the loser is left to finish
    return byEmail.readRace(
            byEmail.readL1Async(key),
            () -> byEmail.readL2Async(key),
            RaceLoserPolicy.OFFLOAD)
        .thenCompose(hit -> {
          if (hit == null) {
            return byEmail.loadAsync(key, () -> loadByEmail(key, email));
          }
          if (byEmail.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
            byEmail.refreshAsync(key, () -> loadByEmail(key, email));
          }
          return CompletableFuture.completedFuture(hit.value());
        });
  }

  @Override
  public Map<String, UserService.User> byEmails(List<String> emails) throws IOException {
    BulkLoad<String, ByEmailKey, UserService.User> bulk = BulkLoad.start(byEmail, emails, ByEmailKey::new);
    // RACE: both tiers start together for every id; a tier that holds them all wins, the loser is left to finish
    bulk.readRace(RaceLoserPolicy.OFFLOAD).join();
    // Each hit is counted; a stale one is served, and refreshed on its own as byEmail refreshes it
    bulk.serveAsync(this::loadByEmail);
    // The ids no tier held: awaited where another call is loading them, the rest in one delegate call
    return bulk.load(this::loadByEmails);
  }

  @Override
  public void rename(long id, String name) {
    delegate.rename(id, name);
    // The delegate returned normally: remove the entries from both tiers
    find.invalidate(new FindKey(find.space(), id));
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
  private CompletableFuture<UserService.User> loadByEmail(ByEmailKey key, String email) {
    return delegate.byEmail(email).toCompletableFuture().thenCompose(value -> {
      Entry<UserService.User> entry = byEmail.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // SEQUENTIAL write: L1, then L2 only when L1 took it
      return byEmail.writeL1Async(key, entry)
          .thenCompose(took -> took ? byEmail.writeL2Async(key, entry) : CompletableFuture.completedFuture(false))
          .thenApply(written -> value);
    });
  }

  /**
   * Calls the delegate for {@link UserService#findAll(java.util.Collection)} with the ids no tier held, and writes what
   * it returns to the tiers.
   */
  private Map<Long, UserService.User> loadFindAll(BulkWrite<Long, UserService.User> tiers,
      List<Long> missing) {
    Map<Long, UserService.User> values = delegate.findAll(missing);
    // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
    tiers.writeBoth(values).join();
    return values;
  }

  /**
   * Calls the delegate for {@link UserService#findAllAsync(java.util.Set)} with the ids no tier held, and writes what
   * it returns to the tiers.
   */
  private CompletableFuture<Map<Long, UserService.User>> loadFindAllAsync(
      BulkWrite<Long, UserService.User> tiers, List<Long> missing) {
    return delegate.findAllAsync(new LinkedHashSet<>(missing)).toCompletableFuture().thenCompose(values -> {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      return tiers.writeBoth(values).thenApply(written -> values);
    });
  }

  /**
   * Calls the delegate for {@link UserService#byEmails(java.util.List)} with the ids no tier held, and writes what it
   * returns to the tiers.
   */
  private Map<String, UserService.User> loadByEmails(BulkWrite<String, UserService.User> tiers,
      List<String> missing) throws IOException {
    Map<String, UserService.User> values = delegate.byEmails(missing);
    // SEQUENTIAL write: L1, then L2 only when L1 took it
    tiers.writeSequential(values).join();
    return values;
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
