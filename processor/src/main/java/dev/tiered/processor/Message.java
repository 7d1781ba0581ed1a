package dev.tiered.processor;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic the processor reports, each with a stable id that users can search for. The text says what is
 * wrong in the user's terms, then how to fix it. {@code %s} slots are filled from the arguments given to {@link
 * ValidationReport}; the pieces of prose that fill them (articles, suggestions, reasons) are made here too, so that
 * all wording lives in this one file.
 */
enum Message {
  NOT_AN_INTERFACE(
      "NotAnInterface",
      "@Tiered can only annotate an interface, but %s is %s. Put @Tiered on the service interface that %s"
          + " implements."),
  NOT_ACCESSIBLE(
      "NotAccessible",
      "%s is not accessible from its package, so the generated decorator could not implement it. Make it (and any"
          + " interface or class it is nested in) at least package-private."),
  GENERIC_INTERFACE(
      "GenericInterface",
      "%s has type parameters %s, which a decorator cannot cache without knowing them. Annotate a subinterface"
          + " that binds them instead, e.g. `@Tiered(...) interface UserRepo extends %s {}`."),
  NOT_A_BACKEND(
      "NotABackend",
      "%s = %s is not a backend: it must implement dev.tiered.runtime.Backend. Use CaffeineBackend, RedisBackend"
          + " or your own Backend implementation."),
  NO_RUNTIME(
      "NoRuntime",
      "dev.tiered.runtime.Backend is not on the classpath. Add the dev.tiered:tiered-runtime dependency."),
  BAD_DURATION(
      "BadDuration",
      "%s = \"%s\" is not a duration. Write a positive number with a unit (\"250ms\", \"30s\", \"10m\", \"2h\","
          + " \"1d\") or an ISO-8601 duration (\"PT10M\")."),
  STALE_NOT_SHORTER(
      "StaleNotShorter",
      "stale = \"%s\" is not shorter than ttl = \"%s\", so entries would expire before they could be served"
          + " stale. Make stale shorter than ttl, or leave it empty for never stale."),
  L1_TTL_LONGER(
      "L1TtlLonger",
      "l1Ttl = \"%s\" is longer than ttl = \"%s\"; an L1 entry cannot outlive the entry itself. Make l1Ttl at"
          + " most ttl, or leave it empty to use ttl."),
  VOID_METHOD(
      "VoidMethod",
      "%s returns nothing, so there is nothing to cache. Mark it @Invalidate(\"...\") if it changes cached data,"
          + " or @Bypass to call the delegate directly."),
  UNKNOWN_INVALIDATE_TARGET(
      "UnknownInvalidateTarget",
      "@Invalidate on %s names \"%s\", but %s has no cached method of that name.%s"),
  INVALIDATE_TARGET_NOT_CACHED(
      "InvalidateTargetNotCached",
      "@Invalidate on %s names \"%s\", which is not cached (it is marked @%s). Name a cached method."),
  INVALIDATE_MISSING_PARAMETER(
      "InvalidateMissingParameter",
      "%s cannot build the key of %s: it has no parameter named `%s` of a type assignable to %s. Add the"
          + " parameter, rename one to `%s`, or use @Invalidate(value = \"%s\", all = true)."),
  UNSTABLE_KEY(
      "UnstableKey",
      "Parameter `%s` of %s cannot be part of a cache key: its type %s %s, so it has no stable string form. Use a"
          + " record, an enum, a String, a primitive or a class that overrides toString() and equals(), or leave it"
          + " out of the key by marking the other parameters @Key."),
  GENERIC_METHOD(
      "GenericMethod",
      "%s declares type parameters %s; a cached method needs concrete types to encode its values. Replace the type"
          + " parameters with concrete types, or mark the method @Bypass."),
  UNSUPPORTED_ASYNC(
      "UnsupportedAsync",
      "%s returns %s, which Tiered cannot cache without blocking. Return CompletableFuture<T> or"
          + " CompletionStage<T> (in Kotlin, make it a suspend fun of T), or mark the method @Bypass."),
  UNSUPPORTED_SUSPEND(
      "UnsupportedSuspend",
      "%s has a parameter `%s` of type %s %s. Tiered caches a Kotlin suspend fun as kapt declares it: its"
          + " Continuation<? super T> last, returning Object. Declare the method as a suspend fun, or mark it"
          + " @Bypass."),
  NO_KOTLIN_RUNTIME(
      "NoKotlinRuntime",
      "%s is a suspend fun, whose decorator awaits it through dev.tiered.runtime.kotlin, which is not on the"
          + " classpath. Add the dev.tiered:tiered-runtime-kotlin dependency (it brings tiered-runtime)."),
  RAW_ASYNC(
      "RawAsync",
      "%s returns %s without a type argument. Write the value type, e.g. CompletableFuture<User>."),
  BYPASS_WITH_CACHED(
      "BypassWithCached",
      "%s is marked both @Bypass and @Cached. Remove @Cached to never cache it, or @Bypass to cache it."),
  INVALIDATE_WITH_CACHED(
      "InvalidateWithCached",
      "%s is marked both @Invalidate and @Cached; an invalidating method is not cached. Remove @Cached."),
  INVALIDATE_WITH_BYPASS(
      "InvalidateWithBypass",
      "%s is marked both @Invalidate and @Bypass. Remove @Bypass: an invalidating method always calls the"
          + " delegate."),
  EMPTY_INVALIDATE(
      "EmptyInvalidate",
      "@Invalidate on %s names no method. Name the cached methods whose entries it removes, e.g."
          + " @Invalidate(\"find\")."),
  BULK_CONFLICT(
      "BulkConflict",
      "%s is marked both @Bulk and @%s. A bulk method takes its caching from \"%s\": remove @%s."),
  UNKNOWN_BULK_TARGET(
      "UnknownBulkTarget",
      "@Bulk on %s names \"%s\", but %s has no method of that name.%s Name the single-key cached method whose"
          + " entries it reads and fills, e.g. @Bulk(\"find\") for `User find(long id)`."),
  BULK_TARGET_NOT_SINGLE_KEY(
      "BulkTargetNotSingleKey",
      "@Bulk on %s names %s, which is not a single-key cached method: %s. Name a cached method whose one"
          + " parameter is its key, e.g. `User find(long id)`."),
  BULK_PARAMETERS(
      "BulkParameters",
      "%s takes %s, but a @Bulk method takes one parameter: the ids of %s, as a Collection<%s>, Set<%s> or"
          + " List<%s>."),
  BULK_RETURN_TYPE(
      "BulkReturnType",
      "%s returns %s, but a @Bulk method returns the values of %s by id: Map<%s, %s>, or"
          + " CompletionStage<Map<%s, %s>> to return without blocking."),
  BULK_KEY_MISMATCH(
      "BulkKeyMismatch",
      "%s has ids of type %s, but the key of %s is %s: use %s for the ids and for the keys of the map."),
  BULK_VALUE_MISMATCH(
      "BulkValueMismatch",
      "%s returns values of type %s, but %s caches %s: return Map<%s, %s>."),
  RACE_LOSER_WITHOUT_RACE(
      "RaceLoserWithoutRace",
      "raceLoser = %s has no effect: no method of %s reads or writes with a RACE policy. Remove raceLoser, or set"
          + " read or write to RACE.",
      Kind.WARNING),
  RESERVED_NAME(
      "ReservedName",
      "%s has the signature of the decorator's own %s, which every Tiered decorator declares. Rename the method."),
  DECORATOR_EXISTS(
      "DecoratorExists",
      "The decorator of %s cannot be written: a type named %s already exists in this compilation, written by hand"
          + " or as the decorator of another interface (Outer.Inner and Outer_Inner both have TieredOuter_Inner)."
          + " Rename one of them."),
  UNDEFINED_TYPE(
      "UndefinedType",
      "%s refers to a type or constant that does not exist, so %s was not generated. Fix the \"cannot find"
          + " symbol\" errors; if another annotation processor generates that type, check that it runs."),
  INTERNAL_ERROR(
      "InternalError",
      "The Tiered processor failed on %s; please report it with this trace:%n%s");

  private final String id;
  private final String format;
  private final Kind kind;

  Message(String id, String format) {
    this(id, format, Kind.ERROR);
  }

  Message(String id, String format, Kind kind) {
    this.id = id;
    this.format = format;
    this.kind = kind;
  }

  /** The stable id, e.g. {@code Tiered.VoidMethod}. */
  String id() {
    return "Tiered." + id;
  }

  Kind kind() {
    return kind;
  }

  /** The full text: {@code [Tiered.Id] } and the filled-in message. */
  String text(Object... args) {
    return "[" + id() + "] " + String.format(format, args);
  }

  /**
   * The full text about {@code member}, a member inherited from another interface and reported on the annotated
   * one: {@code [Tiered.Id] In Repo.find(Long) (inherited): } and the filled-in message.
   */
  String textAbout(String member, Object... args) {
    return "[" + id() + "] In " + member + " (inherited): " + String.format(format, args);
  }

  // ------------------------------------------------------------------ pieces of prose the messages are filled with

  /** A kind of element with its article: {@code a class}, {@code an enum}, {@code an annotation type}. */
  static String withArticle(ElementKind kind) {
    String noun = kind.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** Type parameters as written: {@code <T, ID>}. */
  static String typeParameters(List<?> parameters) {
    return parameters.stream().map(Object::toString).collect(Collectors.joining(", ", "<", ">"));
  }

  /** How a subinterface binds {@code count} type parameters of {@code type}: {@code Repo<User>}. */
  static String bindingExample(CharSequence type, int count) {
    return type + (count == 1 ? "<User>" : "<User, ...>");
  }

  /** The end of a message that names something unknown: a suggestion, or nothing when none is close. */
  static String didYouMean(String suggestion) {
    return suggestion == null ? "" : " Did you mean \"" + suggestion + "\"?";
  }

  /** What a method takes, to follow "m(...) takes ": {@code no parameter}, {@code 2 parameters}, {@code Long[]}. */
  static String takes(int parameters, String onlyType) {
    return parameters == 0 ? "no parameter" : parameters == 1 ? onlyType : parameters + " parameters";
  }

  /** Why a named method is not a single-key cached one: {@code it is marked @Bypass}, {@code it takes 2 ...}. */
  static String notSingleKey(String annotation, int parameters) {
    return annotation != null ? "it is marked @" + annotation : "it takes " + takes(parameters, "one parameter");
  }

  /**
   * Why a continuation parameter is not a suspend function's, worded to follow "of type X ": not last, the method
   * returning {@code returnType} (null when it returns Object), or else no value type. Filled in as the last part of
   * {@link #UNSUPPORTED_SUSPEND}.
   */
  static String suspendFault(boolean last, String returnType) {
    if (!last) {
      return "that is not its last parameter";
    }
    return returnType != null ? "but returns " + returnType + ", not Object" : "that names no value type";
  }

  /**
   * Why a type cannot be part of a key, worded to follow "its type X ": {@code inherits Object.toString()}, {@code
   * has elements of type Foo, which inherits Object.toString()}. Filled in as the last part of {@link #UNSTABLE_KEY}.
   */
  enum Reason {
    ARRAY_OF_ARRAYS("is an array of arrays"),
    WILDCARD("is a wildcard without an upper bound"),
    TYPE_VARIABLE("is a type variable"),
    OTHER_KIND("is a %s type"),
    MAP_WITHOUT_TYPES("is a map without its key and value types"),
    COLLECTION_WITHOUT_TYPE("is a collection without its element type"),
    INTERFACE("is an interface, whose implementations' string forms are unknown"),
    INHERITS_OBJECT_METHOD("inherits Object.%s()"),
    ELEMENTS("has elements of type %s, which %s"),
    MAP_KEYS("has keys of type %s, which %s"),
    MAP_VALUES("has values of type %s, which %s"),
    RECORD_COMPONENT("has a component `%s` of type %s, which %s");

    private final String format;

    Reason(String format) {
      this.format = format;
    }

    String text(Object... args) {
      return String.format(format, args);
    }
  }
}
