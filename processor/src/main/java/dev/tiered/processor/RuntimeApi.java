package dev.tiered.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.tiered.RaceLoserPolicy;
import dev.tiered.SyncPolicy;
import dev.tiered.processor.Model.ValueTypeNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Every type and method of the runtime (and the few of the JDK) that generated code uses, in one place: when the
 * runtime's API for generated code changes, this is the file to change. Writers compose their code from these
 * pieces and never spell a runtime name themselves.
 */
final class RuntimeApi {
  private static final String RUNTIME = "dev.tiered.runtime";
  private static final String INTERNAL = RUNTIME + ".internal";

  /** The runtime's SPI for a tier, which {@code @Tiered(l1, l2)} must name an implementation of. */
  static final String BACKEND = RUNTIME + ".Backend";

  /** Where the decorators of Kotlin suspend functions await them; only they use it. */
  private static final String KOTLIN = RUNTIME + ".kotlin.internal";

  /** What the decorator of a suspend function calls, in tiered-runtime-kotlin. */
  static final String KOTLIN_BRIDGE = KOTLIN + ".SuspendBridge";

  static final ClassName TIERED_CACHE = ClassName.get(RUNTIME, "TieredCache");
  static final ClassName TIERED_BUILDER = ClassName.get(RUNTIME, "TieredBuilder");
  static final ClassName STATS = ClassName.get(RUNTIME, "TieredStats");
  static final ClassName ENTRY = ClassName.get(RUNTIME, "Entry");
  static final ClassName VALUE_TYPE = ClassName.get(RUNTIME, "ValueType");
  static final ClassName CONTEXT = ClassName.get(INTERNAL, "CacheContext");
  static final ClassName SYNC_POLICY = ClassName.get(SyncPolicy.class);
  static final ClassName OPTIONS = ClassName.get(INTERNAL, "TieredOptions");
  static final ClassName METHOD_CACHE = ClassName.get(INTERNAL, "MethodCache");
  static final ClassName HIT = ClassName.get(INTERNAL, "Hit");
  static final ClassName TIER = ClassName.get(INTERNAL, "Tier");
  static final ClassName FRESHNESS = ClassName.get(INTERNAL, "Freshness");
  static final ClassName METHOD_KEY = ClassName.get(INTERNAL, "MethodKey");
  static final ClassName KEY_SPACE = ClassName.get(INTERNAL, "KeySpace");
  static final ClassName KEY_WRITER = ClassName.get(INTERNAL, "KeyWriter");
  static final ClassName BULK_LOAD = ClassName.get(INTERNAL, "BulkLoad");
  static final ClassName BULK_WRITE = ClassName.get(INTERNAL, "BulkWrite");
  static final ClassName INVALIDATION = ClassName.get(INTERNAL, "Invalidation");
  static final ClassName OUT_OF_LINE = ClassName.get(INTERNAL, "OutOfLine");
  static final ClassName RACE_LOSER = ClassName.get(RaceLoserPolicy.class);
  static final ClassName SUSPEND_BRIDGE = ClassName.bestGuess(KOTLIN_BRIDGE);

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName ARRAYS = ClassName.get("java.util", "Arrays");
  static final ClassName MAP_ENTRY = ClassName.get("java.util", "Map", "Entry");
  static final ClassName OPTIONAL = ClassName.get("java.util", "Optional");
  static final ClassName MAP = ClassName.get("java.util", "Map");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName LINKED_HASH_SET = ClassName.get("java.util", "LinkedHashSet");
  static final ClassName DURATION = ClassName.get(Duration.class);
  static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");

  /**
   * The simple names of the classes whose static members generated code calls ({@code Objects.equals}, {@code
   * Long.hashCode}, {@code RaceLoserPolicy.DROP}, ...): where a variable of the same name is in scope it hides the
   * class, so such a class must then be written with its package.
   */
  static final Set<String> STATIC_RECEIVERS = Set.of(
      OBJECTS.simpleName(),
      ARRAYS.simpleName(),
      OPTIONAL.simpleName(),
      DURATION.simpleName(),
      COMPLETABLE_FUTURE.simpleName(),
      OPTIONS.simpleName(),
      STATS.simpleName(),
      VALUE_TYPE.simpleName(),
      RACE_LOSER.simpleName(),
      TIER.simpleName(),
      FRESHNESS.simpleName(),
      BULK_LOAD.simpleName(),
      OUT_OF_LINE.simpleName(),
      SUSPEND_BRIDGE.simpleName(),
      "Boolean", "Byte", "Short", "Integer", "Long", "Character", "Float", "Double");

  /** The methods of TieredCache, which every decorator implements, and those a key class overrides. */
  static final String CACHE_NAME = "cacheName";
  static final String STATS_METHOD = "stats";
  static final String INVALIDATE_ALL = "invalidateAll";
  static final String CLOSE = "close";
  static final String ARGUMENTS_HASH = "argumentsHash";
  static final String SAME_SPACE = "sameSpace";
  static final String WRITE_ARGUMENTS = "writeArguments";
  /** The builder base's helpers. */
  static final String REQUIRED_DELEGATE = "requiredDelegate";
  static final String REQUIRED_L1 = "requiredL1";
  static final String REQUIRED_L2 = "requiredL2";
  static final String BUILDER_OPTIONS = "options";

  private RuntimeApi() {}

  /** A call of a runtime method, which a writer lays out on one line or, when that is too wide, on several. */
  record Call(String receiver, String method, List<CodeBlock> arguments) {
    /** {@code receiver.method(a, b)}. */
    CodeBlock inline() {
      return CodeBlock.of("$L.$L($L)", receiver, method, CodeBlock.join(arguments, ", "));
    }

    /** {@code receiver.method(}, then one argument per line, {@code levels} indentation levels deeper. */
    CodeBlock broken(int levels) {
      String format = "$L.$L(\n" + "$>".repeat(levels) + "$L)" + "$<".repeat(levels);
      return CodeBlock.of(format, receiver, method, CodeBlock.join(arguments, ",\n"));
    }
  }

  static TypeName methodCache(TypeName value) {
    return ParameterizedTypeName.get(METHOD_CACHE, value);
  }

  static TypeName entry(TypeName value) {
    return ParameterizedTypeName.get(ENTRY, value);
  }

  static TypeName hit(TypeName value) {
    return ParameterizedTypeName.get(HIT, value);
  }

  static TypeName mapEntry(TypeName key, TypeName value) {
    return ParameterizedTypeName.get(MAP_ENTRY, key, value);
  }

  static TypeName completableFuture(TypeName value) {
    return ParameterizedTypeName.get(COMPLETABLE_FUTURE, value);
  }

  static TypeName map(TypeName key, TypeName value) {
    return ParameterizedTypeName.get(MAP, key, value);
  }

  static TypeName list(TypeName element) {
    return ParameterizedTypeName.get(LIST, element);
  }

  /** {@code BulkLoad<Long, FindKey, User>}: one call of a bulk method over {@code FindKey}'s entries. */
  static TypeName bulkLoad(TypeName id, String keyClass, TypeName value) {
    return ParameterizedTypeName.get(BULK_LOAD, id, ClassName.get("", keyClass), value);
  }

  static TypeName bulkWrite(TypeName id, TypeName value) {
    return ParameterizedTypeName.get(BULK_WRITE, id, value);
  }

  // ------------------------------------------------------------------ setting up

  static CodeBlock defaultOptions() {
    return CodeBlock.of("$T.defaults()", OPTIONS);
  }

  /**
   * The context that every method's cache of one decorator is made in; the sync policy is named only when it is not
   * the default, {@code INVALIDATE}.
   */
  static CodeBlock newContext(
      String cacheName, int version, String l1, String l2, String options, SyncPolicy sync) {
    if (sync == SyncPolicy.INVALIDATE) {
      return CodeBlock.of("new $T($S, $L, $N, $N, $N)", CONTEXT, cacheName, version, l1, l2, options);
    }
    return CodeBlock.of(
        "new $T($S, $L, $N, $N, $N, $T.$L)", CONTEXT, cacheName, version, l1, l2, options, SYNC_POLICY, sync);
  }

  /** The start of a method's settings: {@code context.method("find", ValueType.of(User.class))}. */
  static Call methodSettings(String context, String keySpace, CodeBlock valueType) {
    return new Call(context, "method", List.of(CodeBlock.of("$S", keySpace), valueType));
  }

  /** A setting of a method's cache, chained on its settings: {@code .ttl(Duration.ofMinutes(10))}. */
  static CodeBlock setting(String name, Duration value) {
    return CodeBlock.of(".$L($L)", name, duration(value));
  }

  /** Chained last on a method's settings: caches null results too. */
  static CodeBlock cacheNulls() {
    return CodeBlock.of(".cacheNulls()");
  }

  /** Chained last on a method's settings: makes its cache. */
  static CodeBlock build() {
    return CodeBlock.of(".build()");
  }

  static CodeBlock shareGeneration(String cache) {
    return CodeBlock.of("$L.shareGeneration()", cache);
  }

  /** {@code ValueType.of(List.class, ValueType.of(User.class))}, on one line. */
  static CodeBlock valueType(ValueTypeNode node) {
    return valueType(node.raw(), node.arguments().stream().map(RuntimeApi::valueType).toList(), false);
  }

  /**
   * The value type of class {@code raw} with type {@code arguments}, or, {@code oneArgumentPerLine}, with each
   * argument on a line of its own, one step further in.
   */
  static CodeBlock valueType(TypeRef raw, List<CodeBlock> arguments, boolean oneArgumentPerLine) {
    if (arguments.isEmpty()) {
      return CodeBlock.of("$T.of($T.class)", VALUE_TYPE, TypeNames.of(raw));
    }
    return oneArgumentPerLine
        ? CodeBlock.of("$T.of($T.class,\n$>$>$L)$<$<", VALUE_TYPE, TypeNames.of(raw), CodeBlock.join(arguments, ",\n"))
        : CodeBlock.of("$T.of($T.class, $L)", VALUE_TYPE, TypeNames.of(raw), CodeBlock.join(arguments, ", "));
  }

  /** {@code d} in the largest whole unit: {@code Duration.ofMinutes(10)}. */
  static CodeBlock duration(Duration d) {
    if (d.isZero()) {
      return CodeBlock.of("$T.ZERO", DURATION);
    }
    long ms = d.toMillis();
    if (ms % 86_400_000L == 0) {
      return CodeBlock.of("$T.ofDays($L)", DURATION, ms / 86_400_000L);
    }
    if (ms % 3_600_000L == 0) {
      return CodeBlock.of("$T.ofHours($L)", DURATION, ms / 3_600_000L);
    }
    if (ms % 60_000L == 0) {
      return CodeBlock.of("$T.ofMinutes($L)", DURATION, ms / 60_000L);
    }
    if (ms % 1_000L == 0) {
      return CodeBlock.of("$T.ofSeconds($L)", DURATION, ms / 1_000L);
    }
    return CodeBlock.of("$T.ofMillis($L)", DURATION, ms);
  }

  // ------------------------------------------------------------------ statistics

  static CodeBlock stats(String cache) {
    return CodeBlock.of("$L.stats()", cache);
  }

  static CodeBlock plusStats(CodeBlock sum, String cache) {
    return CodeBlock.of("$L$Z.plus($L.stats())", sum, cache);
  }

  static CodeBlock emptyStats() {
    return CodeBlock.of("$T.empty()", STATS);
  }

  // ------------------------------------------------------------------ keys

  static CodeBlock newKey(String keyClass, String cache, String arguments) {
    return CodeBlock.of("new $N($L.space()$L)", keyClass, cache, arguments);
  }

  static CodeBlock keySuper(String space) {
    return CodeBlock.of("super($N)", space);
  }

  /** {@code out.add(value);} for a value with a stable string form. */
  static CodeBlock writeValue(String out, String value) {
    return CodeBlock.of("$L.add($L);\n", out, value);
  }

  static CodeBlock writeNull(String out) {
    return CodeBlock.of("$L.add((Object) null)", out);
  }

  static CodeBlock beginGroup(String out) {
    return CodeBlock.of("$L.beginGroup()", out);
  }

  static CodeBlock endGroup(String out) {
    return CodeBlock.of("$L.endGroup()", out);
  }

  /** The start of a collection's elements: a set's are sorted, so equal sets agree. */
  static CodeBlock beginElements(String out, boolean unordered) {
    return CodeBlock.of(unordered ? "$L.beginSet()" : "$L.beginList()", out);
  }

  static CodeBlock endElements(String out, boolean unordered) {
    return CodeBlock.of(unordered ? "$L.endSet()" : "$L.endList()", out);
  }

  // ------------------------------------------------------------------ reads

  static CodeBlock readL1(String cache, String key) {
    return CodeBlock.of("$L.readL1($N)", cache, key);
  }

  static CodeBlock readL2(String cache, String key) {
    return CodeBlock.of("$L.readL2($N)", cache, key);
  }

  /** A {@code CompletableFuture<Hit<V>>}: L1, then L2 only when L1 misses. */
  static Call readSequential(String cache, String key) {
    return new Call(cache, "readSequential", List.of(
        CodeBlock.of("$L.readL1Async($N)", cache, key), CodeBlock.of("() -> $L.readL2Async($N)", cache, key)));
  }

  /** A {@code CompletableFuture<Hit<V>>}: both tiers at once, the first hit wins. */
  static Call readRace(String cache, String key, RaceLoserPolicy loser) {
    return new Call(cache, "readRace", List.of(
        CodeBlock.of("$L.readL1Async($N)", cache, key),
        CodeBlock.of("() -> $L.readL2Async($N)", cache, key),
        CodeBlock.of("$T.$L", RACE_LOSER, loser)));
  }

  /** A {@code CompletableFuture<Hit<V>>}: both tiers at once, both awaited. */
  static Call readParallel(String cache, String key) {
    return new Call(cache, "readParallel", List.of(
        CodeBlock.of("$L.readL1Async($N)", cache, key), CodeBlock.of("$L.readL2Async($N)", cache, key)));
  }

  static CodeBlock hitEntry(String hit) {
    return CodeBlock.of("$N.entry()", hit);
  }

  static CodeBlock hitTier(String hit) {
    return CodeBlock.of("$N.tier()", hit);
  }

  static CodeBlock tier(String tier) {
    return CodeBlock.of("$T.$L", TIER, tier);
  }

  static CodeBlock hitValue(String hit) {
    return CodeBlock.of("$N.value()", hit);
  }

  static CodeBlock entryValue(String entry) {
    return CodeBlock.of("$N.value()", entry);
  }

  /** Counts a hit of {@code entry} in {@code tier}: its {@code Freshness}. */
  static CodeBlock recordHit(String cache, String key, CodeBlock entry, CodeBlock tier) {
    return CodeBlock.of("$L.recordHit($N, $L, $L)", cache, key, entry, tier);
  }

  static CodeBlock stale() {
    return CodeBlock.of("$T.STALE", FRESHNESS);
  }

  static CodeBlock refresh(String cache, String key, CodeBlock loader, boolean async) {
    return CodeBlock.of("$L.$L($N, $L)", cache, async ? "refreshAsync" : "refresh", key, loader);
  }

  static CodeBlock refillL1(String cache, String key, CodeBlock entry) {
    return CodeBlock.of("$L.refillL1($N, $L)", cache, key, entry);
  }

  // ------------------------------------------------------------------ loads and writes

  static CodeBlock load(String cache, String key, CodeBlock loader) {
    return CodeBlock.of("$L.load($N, $L)", cache, key, loader);
  }

  static CodeBlock loadAsync(String cache, String key, CodeBlock loader) {
    return CodeBlock.of("$L.loadAsync($N, $L)", cache, key, loader);
  }

  static CodeBlock newEntry(String cache, String value) {
    return CodeBlock.of("$L.newEntry($N)", cache, value);
  }

  static CodeBlock writeL1(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeL1($N, $N)", cache, key, entry);
  }

  static CodeBlock writeL2(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeL2($N, $N)", cache, key, entry);
  }

  static CodeBlock writeBoth(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeBoth($N, $N)", cache, key, entry);
  }

  /** A {@code CompletableFuture<Boolean>} done at the first tier that takes the entry. */
  static CodeBlock writeRace(String cache, String key, String entry, RaceLoserPolicy loser) {
    return CodeBlock.of("$L.writeRace($N, $N, $T.$L)", cache, key, entry, RACE_LOSER, loser);
  }

  static CodeBlock writeL1Async(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeL1Async($N, $N)", cache, key, entry);
  }

  static CodeBlock writeL2Async(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeL2Async($N, $N)", cache, key, entry);
  }

  static CodeBlock writeBothAsync(String cache, String key, String entry) {
    return CodeBlock.of("$L.writeBothAsync($N, $N)", cache, key, entry);
  }

  // ------------------------------------------------------------------ bulk

  /** Starts a call of a bulk method: {@code BulkLoad.start(find, ids, FindKey::new)}. */
  static CodeBlock startBulk(String cache, String ids, String keyClass, boolean async) {
    return CodeBlock.of("$T.$L($L, $N, $N::new)", BULK_LOAD, async ? "startAsync" : "start", cache, ids, keyClass);
  }

  /** A {@code CompletableFuture<Void>}: L1 for every id, then L2 in one round trip for the rest. */
  static CodeBlock bulkReadSequential(String bulk) {
    return CodeBlock.of("$N.readSequential()", bulk);
  }

  /** A {@code CompletableFuture<Void>}: both tiers at once for every id. */
  static CodeBlock bulkReadRace(String bulk, RaceLoserPolicy loser) {
    return CodeBlock.of("$N.readRace($T.$L)", bulk, RACE_LOSER, loser);
  }

  /** A {@code CompletableFuture<Void>}: both tiers at once for every id, both awaited. */
  static CodeBlock bulkReadParallel(String bulk) {
    return CodeBlock.of("$N.readParallel()", bulk);
  }

  /** Counts the hits; a stale one is refreshed through the single-key method's {@code loader}. */
  static CodeBlock bulkServe(String bulk, String loader, boolean asyncLoader) {
    return CodeBlock.of("$N.$L(this::$N)", bulk, asyncLoader ? "serveAsync" : "serve", loader);
  }

  static CodeBlock bulkRefillL1(String bulk) {
    return CodeBlock.of("$N.refillL1()", bulk);
  }

  /** Loads the ids no tier held through the bulk {@code loader}: the result map, or a future of it. */
  static CodeBlock bulkLoad(String bulk, String loader, boolean async) {
    return CodeBlock.of("$N.$L(this::$N)", bulk, async ? "loadAsync" : "load", loader);
  }

  /** The ids a bulk loader is given, as the {@code Set} its delegate takes: in the order asked. */
  static CodeBlock asSet(String ids) {
    return CodeBlock.of("new $T<>($N)", LINKED_HASH_SET, ids);
  }

  /** A {@code CompletableFuture<Boolean>}: L1, then L2 when L1 took the entries. */
  static CodeBlock bulkWriteSequential(String tiers, String values) {
    return CodeBlock.of("$N.writeSequential($N)", tiers, values);
  }

  /** A {@code CompletableFuture<Boolean>}: both tiers at once, both awaited. */
  static CodeBlock bulkWriteBoth(String tiers, String values) {
    return CodeBlock.of("$N.writeBoth($N)", tiers, values);
  }

  /** A {@code CompletableFuture<Boolean>} done at the first tier that takes the entries. */
  static CodeBlock bulkWriteRace(String tiers, String values, RaceLoserPolicy loser) {
    return CodeBlock.of("$N.writeRace($N, $T.$L)", tiers, values, RACE_LOSER, loser);
  }

  // ------------------------------------------------------------------ Kotlin suspend functions

  /**
   * {@code SuspendBridge.start(continuation -> delegate.find(id, continuation))}: a {@code CompletableFuture} of
   * the delegate's suspend {@code call}, made with the lambda parameter {@code continuation}; {@code broken}, with
   * the lambda on a line of its own.
   */
  static CodeBlock startSuspend(String continuation, CodeBlock call, boolean broken) {
    return CodeBlock.of(broken ? "$T.start(\n$N -> $L)" : "$T.start($N -> $L)", SUSPEND_BRIDGE, continuation, call);
  }

  /**
   * Suspends the caller, whose continuation is {@code continuation}, until {@code future} completes; {@code broken},
   * with one argument a line.
   */
  static CodeBlock awaitSuspended(CodeBlock future, String continuation, boolean broken) {
    return CodeBlock.of(broken ? "$T.await(\n$L,\n$N)" : "$T.await($L, $N)", SUSPEND_BRIDGE, future, continuation);
  }

  /**
   * Calls the delegate's suspend {@code call} (made with the lambda parameter {@code continuation}) in the caller's
   * coroutine, whose continuation is {@code caller}, then awaits the future of {@code removals}; one argument a line.
   */
  static CodeBlock callThenSuspended(String continuation, CodeBlock call, CodeBlock removals, String caller) {
    return CodeBlock.of("$T.callThen(\n$N -> $L,\n() -> $L,\n$N)", SUSPEND_BRIDGE, continuation, call, removals, caller);
  }

  // ------------------------------------------------------------------ invalidation

  /** A removal of {@code key}; announced with the rest of the call's when {@code batch} names an Invalidation. */
  static CodeBlock invalidate(String cache, CodeBlock key, boolean async, String batch) {
    CodeBlock arguments = batch == null ? key : CodeBlock.of("$L, $N", key, batch);
    return CodeBlock.of("$L.$L($L)", cache, async ? "invalidateAsync" : "invalidate", arguments);
  }

  /** A removal of every entry; announced with the rest of the call's when {@code batch} names an Invalidation. */
  static CodeBlock invalidateAll(String cache, boolean async, String batch) {
    CodeBlock arguments = batch == null ? CodeBlock.of("") : CodeBlock.of("$N", batch);
    return CodeBlock.of("$L.$L($L)", cache, async ? "invalidateAllAsync" : INVALIDATE_ALL, arguments);
  }

  /** {@code batch.announce()}: what the call's removals removed, to the other instances in one message. */
  static CodeBlock announce(String batch) {
    return CodeBlock.of("$N.announce()", batch);
  }

  /** {@code batch.announceAfter(removals)}, completed once the removals are done and announced. */
  static CodeBlock announceAfter(String batch, List<CodeBlock> removals) {
    return CodeBlock.of("$N.announceAfter(\n$>$>$L)$<$<", batch, CodeBlock.join(removals, ",\n"));
  }
}
