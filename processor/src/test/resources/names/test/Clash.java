package test;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Uses, as method names and as parameter names, every identifier the generated decorator itself uses: its fields,
 * its constructors' and generated methods' parameters, its locals and lambda parameters, its helper methods, its
 * nested classes, the types it names and the runtime methods it calls. The decorator must compile without a warning
 * and work. Both tiers are in-process so that a test can run it.
 */
@Tiered(name = "clash", l1 = CaffeineBackend.class, l2 = CaffeineBackend.class)
public interface Clash {
  record Pair(String key, List<String> element0) {}

  // The cases: `value.newEntry(value)` did not compile. Stale entries, for the helper that refreshes them.
  @Cached(stale = "1m")
  String value(String key);

  String entry(String value);

  String delegate(String find);

  CompletableFuture<String> key(String entry);

  // The decorator's fields, its constructor's parameters, and stats(String)'s parameter.
  String find(String delegate);

  String l1(String l2);

  String l2(String l1, String options);

  String options(String methodName);

  String methodName(String options);

  String context(String tier);

  String tier(String context);

  String cacheName(String cacheName);

  // Locals and lambda parameters of generated methods, with every read and write policy, sync and async.
  String hit(String hit, String written);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.RACE)
  CompletionStage<String> written(String took, String result);

  @Cached(write = WritePolicy.SEQUENTIAL)
  CompletableFuture<String> took(String removed, String value);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.RACE)
  String result(String hit, String took);

  @Cached(read = ReadPolicy.PARALLEL, write = WritePolicy.SEQUENTIAL)
  CompletableFuture<String> removed(String written, String entry);

  // The members of key classes: constructor and method parameters, locals, loop variables.
  String space(String space, String other);

  String other(String that, String out);

  String that(List<String> element0, Map<String, String> entry0);

  String out(Pair space, List<List<String>> element1);

  String element0(Map<String, List<String>> entry1);

  String element1(String element1, String[] other);

  String entry0(String[] entry0, int[] that);

  String entry1(int[] out, double space);

  // Helper methods and nested classes of the decorator; builder and stats only where they are not reserved.
  String loadValue(String loadValue);

  String loadFind(String loadValue);

  String valueFromL2(String valueFromL2);

  String refreshValue(String refreshValue);

  String builder(String builder);

  String stats(long stats);

  String build(String require);

  String require(String build);

  String ValueKey(String ValueKey);

  String FindKey(String Builder);

  String Builder(String FindKey);

  String TieredClash(String Clash);

  String Clash(String TieredClash);

  // Types the decorator names: a parameter or field of the same name hides them.
  String String(String String);

  @Cached(read = ReadPolicy.PARALLEL)
  Optional<String> Optional(String CompletableFuture);

  CompletableFuture<String> CompletableFuture(String Optional);

  long Long(long Integer, float Float);

  int Integer(int Long, double Double);

  String Float(float Float);

  String Double(double Double);

  String hash(long hash, long argumentsHash, long tier, long context, long space, long other, long that, long out);

  String Objects(String Duration);
  String Duration(String RaceLoserPolicy);
  String RaceLoserPolicy(String MethodCache);
  String MethodCache(String Entry);
  String Entry(String Hit);
  String Hit(String CacheKey);
  String CacheKey(String KeySpace);
  String KeySpace(String KeyWriter);
  String KeyWriter(String TieredStats);
  String TieredStats(String TieredOptions);
  String TieredOptions(String TieredBuilder);
  String TieredBuilder(String ValueType);
  String ValueType(String Arrays);
  String Arrays(String Map);
  String Map(String IllegalArgumentException);
  String IllegalArgumentException(String Generated);
  String Generated(String Override);
  String Override(String SuppressWarnings);
  String SuppressWarnings(String Deprecated);
  String Deprecated(String Boolean);
  String Boolean(String Object);
  String Object(String List);
  String List(String Tier);
  String Tier(String Freshness);
  String Freshness(String OutOfLine);
  String OutOfLine(String call);
  String call(String run);
  String run(String CacheContext);
  String CacheContext(String MethodKey);
  String MethodKey(String TieredCache);
  String TieredCache(String Objects);

  // Runtime methods the decorator calls.
  String plus(String empty);
  String empty(String readL1);
  String readL1(String readL2);
  String readL2(String readL1Async);
  String readL1Async(String readL2Async);
  String readL2Async(String sequential);
  String sequential(String race);
  String race(String parallel);
  String parallel(String refresh);
  String refresh(String refreshAsync);
  String refreshAsync(String load);
  String load(String loadAsync);
  String loadAsync(String newEntry);
  String newEntry(String writeL1);
  String writeL1(String writeL2);
  String writeL2(String writeBoth);
  String writeBoth(String writeRace);
  String writeRace(String writeL1Async);
  String writeL1Async(String writeL2Async);
  String writeL2Async(String writeBothAsync);
  String writeBothAsync(String fromL2);
  String fromL2(String thenCompose);
  String thenCompose(String thenApply);
  String thenApply(String toCompletableFuture);
  String toCompletableFuture(String completedFuture);
  String completedFuture(String allOf);
  String allOf(String orElse);
  String orElse(String ofNullable);
  String ofNullable(String requireNonNull);
  String requireNonNull(String add);
  String add(String beginGroup);
  String beginGroup(String endGroup);
  String endGroup(String beginList);
  String beginList(String endList);
  String endList(String beginSet);
  String beginSet(String endSet);
  String endSet(String entrySet);
  String entrySet(String getKey);
  String getKey(String getValue);
  String getValue(String clone);
  String clone(String compare);
  String compare(String of);
  String of(String ofMinutes);
  String ofMinutes(String ofSeconds);
  String ofSeconds(String ofDays);
  String ofDays(String ofHours);
  String ofHours(String ofMillis);
  String ofMillis(String ZERO);
  String ZERO(String defaults);
  String defaults(String sameSpace);
  String sameSpace(String that);
  String that(String other);
  String other(String writeArguments);
  String writeArguments(String readSequential);
  String readSequential(String readRace);
  String readRace(String readParallel);
  String readParallel(String recordHit);
  String recordHit(String argumentsHash);
  String argumentsHash(String method);
  String method(String ttl);
  String ttl(String l1Ttl);
  String l1Ttl(String stale);
  String stale(String cacheNulls);
  String cacheNulls(String STALE);
  String STALE(String FRESH);
  String FRESH(String L1);
  String L1(String L2);
  String L2(String plus);

  // Invalidation, by key and of all entries, sync and async; its locals.
  @Invalidate("value")
  void invalidate(String key);

  @Invalidate({"space", "other"})
  String invalidateAll(String space, String other, String that, String out);

  @Invalidate("key")
  CompletableFuture<Void> invalidateAsync(String entry);

  @Invalidate(value = {"hit", "took", "race"}, all = true)
  CompletionStage<String> invalidateAllAsync(String result);

  @Invalidate(value = "find", all = true)
  String shareGeneration(String removed);

  @Bypass
  String refillL1(String refillL1);

  @Bypass
  void join(String join);
}
