package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One interface with every method shape at once ({@code shapes/test/UserService.java}): overloads, records, enums,
 * arrays, maps and lists in keys, Optional, primitives, checked exceptions, both future types, every read policy,
 * invalidation by key and of all entries, bypass and a default method. It must compile without a warning under
 * {@code -Xlint:all -Werror}; the tests pin the parts of the decorator that only such a mix exercises.
 */
class ShapesCompilationTest {
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Sources.strict().compile(source("shapes/test/UserService.java"));
  }

  @Test
  void everyShapeCompilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void everyLineFitsIn120Columns() {
    assertThat(compilation).succeeded();
    JavaFileObject decorator = compilation.generatedSourceFile("test.TieredUserService").orElseThrow();
    Sources.assertLinesFit("TieredUserService.java", Sources.text(decorator));
  }

  @Test
  void overloadsHaveTheirOwnKeySpacesAndStatsSumThem() {
    decorator().contains("this.findLong = context.method(\"find(long)\", ");
    decorator().contains("this.findStringUUID = context.method(\"find(String,UUID)\", ");
    decorator().contains("case \"find\":\n        return findLong.stats().plus(findStringUUID.stats());");
    decorator().contains("case \"find(long)\":\n        return findLong.stats();");
  }

  @Test
  void parametersNamedLikeTheDecoratorsLocalsKeepTheirNames() {
    // find(String key, UUID entry): the decorator's own key and entry locals give way.
    decorator().contains("FindStringUUIDKey key_ = new FindStringUUIDKey(findStringUUID.space(), key, entry);");
    decorator().contains("Entry<UserService.User> entry_ = findStringUUID.readL1(key_);");
  }

  @Test
  void onlyKeyParametersFormTheKey() {
    // friends(@Key long id, String requestId)
    decorator().contains("FriendsKey(KeySpace space, long id) {");
    decorator().contains("return friends.loadAsync(key, () -> loadFriends(key, id, requestId));");
  }

  @Test
  void recordAndArrayKeysAreWrittenComponentByComponent() {
    decorator().contains("out.add(this.query.text());\n        out.add(this.query.region());");
    decorator().contains("for (Integer element1 : this.query.pages()) {");
    decorator().contains("for (int element0 : this.limits) {");
    decorator().contains("&& Arrays.equals(this.limits, that.limits);");
  }

  @Test
  void optionalIsCachedAsItsValue() {
    decorator().contains("private final MethodCache<UserService.User> byName;");
    decorator().contains("UserService.User value = delegate.byName(name).orElse(null);");
    decorator().contains("return Optional.ofNullable(entry.value());");
  }

  @Test
  void methodPoliciesOverrideTheInterfaceDefaults() {
    // search: @Cached(read = RACE, write = RACE, ttl = "2m"); byUuid: @Cached(read = PARALLEL, l1Ttl = "1m")
    // Wider than 120 columns on one line, the race's arguments go one per line.
    decorator().contains("hit = search.readRace(\n            search.readL1Async(key),\n"
        + "            () -> search.readL2Async(key),\n            RaceLoserPolicy.OFFLOAD)\n"
        + "        .join();");
    decorator().contains("search.writeRace(key, entry, RaceLoserPolicy.OFFLOAD).join();");
    decorator().contains("\n        .ttl(Duration.ofMinutes(2))\n        .stale(Duration.ofMinutes(1))\n        .build();");
    decorator().contains("byUuid.readParallel(byUuid.readL1Async(key), byUuid.readL2Async(key))");
    decorator().contains(
        "\n        .ttl(Duration.ofMinutes(10))\n        .l1Ttl(Duration.ofMinutes(1))\n        .stale(Duration.ofMinutes(1))");
    // The class javadoc wraps at 120 columns.
    decorator().contains("Methods with policies of their own:\n * search, byUuid.");
  }

  @Test
  void invalidatingAllEntriesWaitsForTheDelegatesFutureAndAnnouncesOnce() {
    decorator().contains("Invalidation invalidation = new Invalidation();\n"
        + "    // Once the delegate's future completes normally, remove the entries from both tiers\n"
        + "    return delegate.reset().toCompletableFuture()\n"
        + "        .thenCompose(result -> invalidation.announceAfter(");
    decorator().contains("friends.invalidateAllAsync(invalidation),\n                search.invalidateAllAsync(invalidation))\n"
        + "            .thenApply(removed -> result));");
  }

  /** The summary shows each key's shape: a record's components in a group, arrays and lists as elements. */
  @Test
  void theSummaryShowsEveryKeyShape() {
    StringSubject summary = assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, SummaryWriter.path("test.UserService"))
        .contentsAsUtf8String();
    summary.contains("| `search(UserService.Query, int[])` "
        + "| `users:v1:search:(<query.text>,<query.region>,[<query.pages>...]):[<limits>...]` "
        + "| 2m | 2m | 1m | RACE, loser OFFLOAD | RACE, loser OFFLOAD | ALWAYS | not cached | INVALIDATE "
        + "| `reset()` (all) |");
    summary.contains("| `find(String, UUID)` | `users:v1:find(String,UUID):<key>:<entry>` |");
    summary.contains("| `friends(long, String)` | `users:v1:friends:<id>` |");
    summary.contains("| `byUuid(UUID)` | `users:v1:byUuid:<uuid>` | 10m | 1m | 1m | PARALLEL | SEQUENTIAL |");
    summary.contains("Never cached (`@Bypass`): `ping()`.");
  }

  private static StringSubject decorator() {
    assertThat(compilation).succeeded();
    return assertThat(compilation).generatedSourceFile("test.TieredUserService").contentsAsUtf8String();
  }
}
