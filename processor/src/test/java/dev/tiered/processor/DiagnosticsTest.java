package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.columnOf;
import static dev.tiered.processor.Sources.compile;
import static dev.tiered.processor.Sources.lineOf;
import static dev.tiered.processor.Sources.source;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.tiered.Tiered;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One or more tests per message of {@link Message}, each named after the message's id: the compilation reports
 * exactly the expected diagnostic, with its id and the distinctive part of its text, and javac's caret on the
 * offending element, annotation or annotation value (line and column). Inputs are under {@code
 * src/test/resources/errors/<Id>/}.
 */
class DiagnosticsTest {

  // ------------------------------------------------------------------ the interface

  @Test
  void notAnInterface_onAClass() {
    JavaFileObject file = source("errors/NotAnInterface/PriceCalculator.java");
    assertSingleError(
        compile(file), file, "@Tiered(", "[Tiered.NotAnInterface]", "but PriceCalculator is a class");
  }

  @Test
  void notAnInterface_onAnEnum() {
    JavaFileObject file = source("errors/NotAnInterface/Region.java");
    assertSingleError(compile(file), file, "@Tiered(", "[Tiered.NotAnInterface]", "but Region is an enum");
  }

  @Test
  void notAccessible_privateNestedInterface() {
    JavaFileObject file = source("errors/NotAccessible/Services.java");
    assertSingleError(
        compile(file),
        file,
        "interface Hidden",
        "[Tiered.NotAccessible]",
        "test.Services.Hidden is not accessible from its package");
  }

  @Test
  void genericInterface_reportedOnTheTypeParameter() {
    JavaFileObject file = source("errors/GenericInterface/Repo.java");
    assertSingleError(
        compile(file),
        file,
        "T> {",
        "[Tiered.GenericInterface]",
        "Repo has type parameters <T>",
        "interface UserRepo extends Repo<User> {}");
  }

  @Test
  void notABackend_stringAsL1() {
    JavaFileObject file = source("errors/NotABackend/UserService.java");
    assertSingleError(
        compile(file),
        file,
        // javac's caret for a member select such as String.class is on its dot.
        ".class, l2",
        "[Tiered.NotABackend]",
        "l1 = java.lang.String.class is not a backend: it must implement dev.tiered.runtime.Backend");
  }

  @Test
  void noRuntime_whenTieredRuntimeIsNotOnTheClasspath() throws URISyntaxException {
    JavaFileObject file = source("errors/NoRuntime/UserService.java");
    File annotationsOnly = new File(Tiered.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Compilation compilation = Sources.tiered().withClasspath(List.of(annotationsOnly)).compile(file);
    assertSingleError(
        compilation, file, "@Tiered(", "[Tiered.NoRuntime]", "Add the dev.tiered:tiered-runtime dependency");
  }

  // ------------------------------------------------------------------ durations

  @Test
  void badDuration_onTiered() {
    JavaFileObject file = source("errors/BadDuration/OnTiered.java");
    assertSingleError(
        compile(file), file, "\"ten minutes\"", "[Tiered.BadDuration]", "ttl = \"ten minutes\" is not a duration");
  }

  @Test
  void badDuration_onCached() {
    JavaFileObject file = source("errors/BadDuration/OnCached.java");
    assertSingleError(
        compile(file), file, "\"30 seconds\"", "[Tiered.BadDuration]", "l1Ttl = \"30 seconds\" is not a duration");
  }

  @Test
  void staleNotShorter_onTheStaleValue() {
    JavaFileObject file = source("errors/StaleNotShorter/Catalog.java");
    assertSingleError(
        compile(file),
        file,
        "\"5m\"",
        "[Tiered.StaleNotShorter]",
        "stale = \"5m\" is not shorter than ttl = \"1m\"");
  }

  @Test
  void staleNotShorter_whenCachedShortensTheTtlBelowTheInheritedStale() {
    JavaFileObject file = source("errors/StaleNotShorter/Inventory.java");
    assertSingleError(
        compile(file),
        file,
        "\"90s\"",
        "[Tiered.StaleNotShorter]",
        "stale = \"2m\" is not shorter than ttl = \"1m30s\"");
  }

  @Test
  void l1TtlLonger_onTheL1TtlValue() {
    JavaFileObject file = source("errors/L1TtlLonger/Catalog.java");
    assertSingleError(
        compile(file),
        file,
        "\"5m\"",
        "[Tiered.L1TtlLonger]",
        "l1Ttl = \"5m\" is longer than ttl = \"1m\"");
  }

  // ------------------------------------------------------------------ methods

  @Test
  void voidMethod() {
    JavaFileObject file = source("errors/VoidMethod/UserService.java");
    assertSingleError(
        compile(file), file, "refresh(long id)", "[Tiered.VoidMethod]", "refresh(long) returns nothing");
  }

  @Test
  void voidMethod_suspendFunctionOfUnit() {
    JavaFileObject file = source("errors/VoidMethod/SuspendUnit.java");
    assertSingleError(
        compile(file), file, "refresh(long id,", "[Tiered.VoidMethod]", "refresh(long) returns nothing");
  }

  @Test
  void genericMethod_reportedOnTheTypeParameter() {
    JavaFileObject file = source("errors/GenericMethod/Converter.java");
    assertSingleError(
        compile(file),
        file,
        "T extends Number",
        "[Tiered.GenericMethod]",
        "convert(String, Class<T>) declares type parameters <T>");
  }

  @Test
  void unsupportedAsync_future() {
    JavaFileObject file = source("errors/UnsupportedAsync/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "fetch(long id)",
        "[Tiered.UnsupportedAsync]",
        "fetch(long) returns Future<String>, which Tiered cannot cache without blocking");
  }

  @Test
  void unsupportedAsync_kotlinFlowOfASuspendFunction() {
    JavaFileObject file = source("errors/UnsupportedAsync/KotlinFlow.java");
    assertSingleError(
        compile(file),
        file,
        "updates(long id,",
        "[Tiered.UnsupportedAsync]",
        "updates(long) returns Flow<String>, which Tiered cannot cache without blocking",
        "in Kotlin, make it a suspend fun of T");
  }

  // ------------------------------------------------------------------ Kotlin suspend functions (kapt's stubs)

  @Test
  void unsupportedSuspend_continuationNotLast() {
    JavaFileObject file = source("errors/UnsupportedSuspend/NotLast.java");
    assertSingleError(
        compile(file),
        file,
        "callback, long id",
        "[Tiered.UnsupportedSuspend]",
        "find(Continuation<? super String>, long) has a parameter `callback` of type Continuation<? super String>"
            + " that is not its last parameter",
        "Declare the method as a suspend fun, or mark it @Bypass");
  }

  @Test
  void unsupportedSuspend_notReturningObject() {
    JavaFileObject file = source("errors/UnsupportedSuspend/NotObject.java");
    assertSingleError(
        compile(file),
        file,
        "callback);",
        "[Tiered.UnsupportedSuspend]",
        "parameter `callback` of type Continuation<? super String> but returns String, not Object");
  }

  @Test
  void unsupportedSuspend_continuationWithoutValueType_onAnInvalidatingMethod() {
    JavaFileObject file = source("errors/UnsupportedSuspend/NoValueType.java");
    assertSingleError(
        compile(file),
        file,
        "$completion);",
        "[Tiered.UnsupportedSuspend]",
        "rename(long) has a parameter `$completion` of type Continuation<?> that names no value type");
  }

  /** The continuation is never offered the @Key advice: only the parameter really at fault is reported. */
  @Test
  void unstableKey_neverForTheContinuationOfASuspendFunction() {
    JavaFileObject file = source("errors/UnstableKey/SuspendFunction.java");
    assertSingleError(
        compile(file),
        file,
        "matcher,",
        "[Tiered.UnstableKey]",
        "Parameter `matcher` of search(Predicate<String>) cannot be part of a cache key");
  }

  @Test
  void noKotlinRuntime() throws Exception {
    JavaFileObject file = source("errors/NoKotlinRuntime/UserService.java");
    File bridge = new File(Class.forName(RuntimeApi.KOTLIN_BRIDGE, false, getClass().getClassLoader())
        .getProtectionDomain().getCodeSource().getLocation().toURI());
    List<File> withoutBridge = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(File::new)
        .filter(entry -> !entry.equals(bridge))
        .toList();
    Compilation compilation = Sources.tiered().withClasspath(withoutBridge).compile(file);
    assertSingleError(
        compilation,
        file,
        "find(long id,",
        "[Tiered.NoKotlinRuntime]",
        "find(long) is a suspend fun",
        "Add the dev.tiered:tiered-runtime-kotlin dependency");
  }

  @Test
  void rawAsync_completableFutureWithoutTypeArgument() {
    JavaFileObject file = source("errors/RawAsync/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "fetch(long id)",
        "[Tiered.RawAsync]",
        "fetch(long) returns CompletableFuture without a type argument");
  }

  @Test
  void reservedName_statsOfString() {
    JavaFileObject file = source("errors/ReservedName/Metrics.java");
    assertSingleError(
        compile(file),
        file,
        "stats(String methodName)",
        "[Tiered.ReservedName]",
        "stats(String) has the signature of the decorator's own stats(String)");
  }

  @Test
  void reservedName_close() {
    JavaFileObject file = source("errors/ReservedName/Connection.java");
    assertSingleError(
        compile(file),
        file,
        "close();",
        "[Tiered.ReservedName]",
        "close() has the signature of the decorator's own close()");
  }

  // ------------------------------------------------------------------ keys

  @Test
  void unstableKey_plainClassWithoutToString() {
    JavaFileObject file = source("errors/UnstableKey/PlainClass.java");
    assertSingleError(
        compile(file, source("errors/UnstableKey/Filter.java")),
        file,
        "filter);",
        "[Tiered.UnstableKey]",
        "Parameter `filter` of search(String, Filter) cannot be part of a cache key: its type Filter inherits"
            + " Object.toString()");
  }

  @Test
  void unstableKey_interfaceType() {
    JavaFileObject file = source("errors/UnstableKey/InterfaceType.java");
    assertSingleError(
        compile(file),
        file,
        "matcher);",
        "[Tiered.UnstableKey]",
        "Parameter `matcher` of search(Predicate<String>) cannot be part of a cache key: its type"
            + " Predicate<String> is an interface");
  }

  @Test
  void unstableKey_recordWithAnUnstableComponent() {
    JavaFileObject file = source("errors/UnstableKey/RecordComponent.java");
    assertSingleError(
        compile(file, source("errors/UnstableKey/Filter.java")),
        file,
        "query);",
        "[Tiered.UnstableKey]",
        "its type RecordComponent.Query has a component `filter` of type Filter, which inherits Object.toString()");
  }

  @Test
  void unstableKey_listOfAnUnstableType() {
    JavaFileObject file = source("errors/UnstableKey/ListElement.java");
    assertSingleError(
        compile(file, source("errors/UnstableKey/Filter.java")),
        file,
        "filters);",
        "[Tiered.UnstableKey]",
        "its type List<Filter> has elements of type Filter, which inherits Object.toString()");
  }

  @Test
  void unstableKey_notReportedForAParameterLeftOutOfTheKey() {
    Compilation compilation =
        Sources.strict()
            .compile(source("errors/UnstableKey/OutsideKey.java"), source("errors/UnstableKey/Filter.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredOutsideKey")
        .contentsAsUtf8String()
        .contains("SearchKey(KeySpace space, String text) {");
  }

  // ------------------------------------------------------------------ annotations on methods

  @Test
  void bypassWithCached_reportedOnCached() {
    JavaFileObject file = source("errors/BypassWithCached/UserService.java");
    assertSingleError(
        compile(file), file, "@Cached(", "[Tiered.BypassWithCached]", "now() is marked both @Bypass and @Cached");
  }

  @Test
  void invalidateWithCached_reportedOnCached() {
    JavaFileObject file = source("errors/InvalidateWithCached/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "@Cached(",
        "[Tiered.InvalidateWithCached]",
        "rename(long, String) is marked both @Invalidate and @Cached");
  }

  @Test
  void invalidateWithBypass_reportedOnBypass() {
    JavaFileObject file = source("errors/InvalidateWithBypass/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "@Bypass",
        "[Tiered.InvalidateWithBypass]",
        "rename(long, String) is marked both @Invalidate and @Bypass");
  }

  // ------------------------------------------------------------------ invalidation

  @Test
  void unknownInvalidateTarget_suggestsTheNearestCachedMethod() {
    JavaFileObject file = source("errors/UnknownInvalidateTarget/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "\"findUsr\"",
        "[Tiered.UnknownInvalidateTarget]",
        "@Invalidate on rename(long, String) names \"findUsr\", but UserService has no cached method of that name.",
        "Did you mean \"findUser\"?");
  }

  @Test
  void invalidateTargetNotCached_bypassedMethod() {
    JavaFileObject file = source("errors/InvalidateTargetNotCached/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "\"ping\"",
        "[Tiered.InvalidateTargetNotCached]",
        "@Invalidate on reset(long) names \"ping\", which is not cached (it is marked @Bypass)");
  }

  @Test
  void invalidateMissingParameter_noParameterOfThatName() {
    JavaFileObject file = source("errors/InvalidateMissingParameter/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "\"find\"",
        "[Tiered.InvalidateMissingParameter]",
        "rename(String) cannot build the key of find(long): it has no parameter named `id`",
        "@Invalidate(value = \"find\", all = true)");
  }

  @Test
  void invalidateMissingParameter_parameterOfThatNameHasAnotherType() {
    JavaFileObject file = source("errors/InvalidateMissingParameter/WrongType.java");
    assertSingleError(
        compile(file),
        file,
        "\"find\"",
        "[Tiered.InvalidateMissingParameter]",
        "no parameter named `id` of a type assignable to long");
  }

  @Test
  void emptyInvalidate_reportedOnTheEmptyValue() {
    JavaFileObject file = source("errors/EmptyInvalidate/UserService.java");
    assertSingleError(
        compile(file), file, "{}", "[Tiered.EmptyInvalidate]", "@Invalidate on clear() names no method");
  }

  @Test
  void invalidateTargetNotCached_bulkMethod() {
    JavaFileObject file = source("errors/InvalidateTargetNotCached/BulkTarget.java");
    assertSingleError(
        compile(file),
        file,
        "\"findAll\"",
        "[Tiered.InvalidateTargetNotCached]",
        "@Invalidate on rename(long, String) names \"findAll\", which is not cached (it is marked @Bulk)");
  }

  // ------------------------------------------------------------------ bulk methods

  @Test
  void bulkConflict_reportedOnTheOtherAnnotation() {
    JavaFileObject file = source("errors/BulkConflict/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "@Cached(",
        "[Tiered.BulkConflict]",
        "findAll(Collection<Long>) is marked both @Bulk and @Cached. A bulk method takes its caching from \"find\"");
  }

  @Test
  void unknownBulkTarget_suggestsTheNearestSingleKeyMethod() {
    JavaFileObject file = source("errors/UnknownBulkTarget/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "\"fnd\"",
        "[Tiered.UnknownBulkTarget]",
        "@Bulk on findAll(Collection<Long>) names \"fnd\", but UserService has no method of that name.",
        "Did you mean \"find\"?");
  }

  @Test
  void bulkTargetNotSingleKey_twoParameters() {
    JavaFileObject file = source("errors/BulkTargetNotSingleKey/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "\"search\"",
        "[Tiered.BulkTargetNotSingleKey]",
        "@Bulk on searchAll(Set<String>) names search(String, int), which is not a single-key cached method: it"
            + " takes 2 parameters.");
  }

  @Test
  void bulkTargetNotSingleKey_bypassedMethod() {
    JavaFileObject file = source("errors/BulkTargetNotSingleKey/Bypassed.java");
    assertSingleError(
        compile(file),
        file,
        "\"now\"",
        "[Tiered.BulkTargetNotSingleKey]",
        "names now(String), which is not a single-key cached method: it is marked @Bypass.");
  }

  @Test
  void bulkParameters_moreThanOneParameterOnTheMethod() {
    JavaFileObject file = source("errors/BulkParameters/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "findAll(",
        "[Tiered.BulkParameters]",
        "findAll(Collection<Long>, boolean) takes 2 parameters, but a @Bulk method takes one parameter: the ids of"
            + " find(long), as a Collection<Long>, Set<Long> or List<Long>.");
  }

  @Test
  void bulkParameters_notACollectionOnTheParameter() {
    JavaFileObject file = source("errors/BulkParameters/NotACollection.java");
    assertSingleError(
        compile(file),
        file,
        "ids);",
        "[Tiered.BulkParameters]",
        "findAll(Iterable<Long>) takes Iterable<Long>, but a @Bulk method takes one parameter");
  }

  @Test
  void bulkReturnType_notAMap() {
    JavaFileObject file = source("errors/BulkReturnType/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "findAll(",
        "[Tiered.BulkReturnType]",
        "findAll(Collection<Long>) returns List<String>, but a @Bulk method returns the values of find(long) by id:"
            + " Map<Long, String>, or CompletionStage<Map<Long, String>> to return without blocking.");
  }

  @Test
  void bulkKeyMismatch_idsOfAnotherTypeOnTheParameter() {
    JavaFileObject file = source("errors/BulkKeyMismatch/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "ids);",
        "[Tiered.BulkKeyMismatch]",
        "findAll(Set<String>) has ids of type String, but the key of find(long) is Long: use Long for the ids and"
            + " for the keys of the map.");
  }

  @Test
  void bulkKeyMismatch_mapKeysOfAnotherTypeOnTheMethod() {
    JavaFileObject file = source("errors/BulkKeyMismatch/MapKeys.java");
    assertSingleError(
        compile(file),
        file,
        "findAll(",
        "[Tiered.BulkKeyMismatch]",
        "findAll(List<Long>) has ids of type Integer, but the key of find(long) is Long");
  }

  @Test
  void bulkValueMismatch_theValueOfAnOptionalTarget() {
    JavaFileObject file = source("errors/BulkValueMismatch/UserService.java");
    assertSingleError(
        compile(file),
        file,
        "findAll(",
        "[Tiered.BulkValueMismatch]",
        "findAll(Collection<Long>) returns values of type Optional<String>, but find(long) caches String: return"
            + " Map<Long, String>.");
  }

  // ------------------------------------------------------------------ warnings

  @Test
  void raceLoserWithoutRace_warnsOnTheValueAndStillGenerates() {
    JavaFileObject file = source("errors/RaceLoserWithoutRace/UserService.java");
    Compilation compilation = compile(file);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningCount(1);
    String anchor = ".DROP"; // javac's caret for a member select is on its dot
    for (String text : List.of("[Tiered.RaceLoserWithoutRace]", "raceLoser = DROP has no effect")) {
      assertAnchored(compilation, Diagnostic.Kind.WARNING, text, file, anchor);
    }
    assertThat(compilation).generatedSourceFile("test.TieredUserService");
  }

  // ------------------------------------------------------------------ what javac cannot resolve or write

  @Test
  void undefinedType_aBackendThatDoesNotExist() {
    JavaFileObject file = source("errors/UndefinedType/UserService.java");
    Compilation compilation = compile(file);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(file).onLineContaining("FastBackend");
    String anchor = "interface UserService";
    for (String text :
        List.of("[Tiered.UndefinedType]", "test.UserService refers to a type or constant that does not exist",
            "so TieredUserService was not generated")) {
      assertAnchored(compilation, Diagnostic.Kind.ERROR, text, file, anchor);
    }
  }

  @Test
  void decoratorExists_whenAClassHasTheDecoratorsName() {
    JavaFileObject file = source("errors/DecoratorExists/UserService.java");
    Compilation compilation = compile(file, source("errors/DecoratorExists/TieredUserService.java"));
    assertSingleError(
        compilation,
        file,
        "interface UserService",
        "[Tiered.DecoratorExists]",
        "a type named test.TieredUserService already exists in this compilation");
  }

  // ------------------------------------------------------------------ inherited members

  @Test
  void inheritedMember_faultsAreReportedOnTheAnnotatedInterfaceNamingTheMember() {
    JavaFileObject repo = source("errors/Inherited/Repo.java");
    JavaFileObject userRepo = source("errors/Inherited/UserRepo.java");
    Compilation compilation = compile(repo, userRepo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    String anchor = "interface UserRepo";
    assertAnchored(
        compilation,
        Diagnostic.Kind.ERROR,
        "[Tiered.VoidMethod] In Repo.save(String) (inherited): save(String) returns nothing",
        userRepo,
        anchor);
    assertAnchored(
        compilation,
        Diagnostic.Kind.ERROR,
        "[Tiered.BadDuration] In Repo.latest(Long) (inherited): ttl = \"soon\" is not a duration",
        userRepo,
        anchor);
  }

  /** The superinterface comes as a class file, as from a jar: javac has no source to point at in it. */
  @Test
  void inheritedMember_fromAClassFileIsReportedOnTheAnnotatedInterface(@TempDir Path classes) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      boolean compiled = javac
          .getTask(null, files, null, List.of("-proc:none"), null, List.of(source("errors/Inherited/Repo.java")))
          .call();
      assertTrue(compiled, "Repo.java compiles on its own");
    }
    List<File> classpath = new ArrayList<>();
    classpath.add(classes.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    JavaFileObject userRepo = source("errors/Inherited/UserRepo.java");
    Compilation compilation = Sources.tiered().withClasspath(classpath).compile(userRepo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertAnchored(
        compilation,
        Diagnostic.Kind.ERROR,
        "[Tiered.VoidMethod] In Repo.save(String) (inherited): save(String) returns nothing",
        userRepo,
        "interface UserRepo");
    assertAnchored(
        compilation,
        Diagnostic.Kind.ERROR,
        "[Tiered.BadDuration] In Repo.latest(Long) (inherited): ttl = \"soon\" is not a duration",
        userRepo,
        "interface UserRepo");
  }

  @Test
  void inheritedMember_unstableKeyNamesTheMemberWithItsBoundTypes() {
    JavaFileObject anyRepo = source("errors/Inherited/AnyRepo.java");
    Compilation compilation = compile(source("errors/Inherited/Repo.java"), anyRepo);
    assertSingleError(
        compilation,
        anyRepo,
        "interface AnyRepo",
        "[Tiered.UnstableKey] In Repo.find(Object) (inherited):",
        "Parameter `id` of find(Object) cannot be part of a cache key");
  }

  // ------------------------------------------------------------------ the catalogue itself

  /** Guards the rule "one test per message": a new message without a test named after its id fails here. */
  @Test
  void everyMessageHasATestNamedAfterItsId() {
    Set<String> tests =
        Arrays.stream(DiagnosticsTest.class.getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
    List<String> untested = Arrays.stream(Message.values())
        // An internal error is a bug of the processor: no input may trigger it on purpose.
        .filter(m -> m != Message.INTERNAL_ERROR)
        .map(m -> m.id().substring("Tiered.".length()))
        .map(id -> id.substring(0, 1).toLowerCase(Locale.ROOT) + id.substring(1))
        .filter(prefix -> tests.stream().noneMatch(t -> t.equals(prefix) || t.startsWith(prefix + "_")))
        .toList();
    assertEquals(List.of(), untested, "messages without a test in DiagnosticsTest");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * {@code compilation} reported a diagnostic of {@code kind} that contains {@code text}, in {@code file}, on the
   * line of {@code anchor}, with javac's caret where {@code anchor} starts.
   */
  private static void assertAnchored(
      Compilation compilation, Diagnostic.Kind kind, String text, JavaFileObject file, String anchor) {
    if (kind == Diagnostic.Kind.ERROR) {
      assertThat(compilation).hadErrorContaining(text).inFile(file).onLineContaining(anchor);
      assertThat(compilation)
          .hadErrorContaining(text)
          .inFile(file)
          .onLine(lineOf(file, anchor))
          .atColumn(columnOf(file, anchor));
    } else {
      assertThat(compilation).hadWarningContaining(text).inFile(file).onLineContaining(anchor);
      assertThat(compilation)
          .hadWarningContaining(text)
          .inFile(file)
          .onLine(lineOf(file, anchor))
          .atColumn(columnOf(file, anchor));
    }
  }

  /**
   * The compilation failed with exactly one error, which contains every one of {@code texts} and is reported in
   * {@code file} with javac's caret at {@code anchor}, the text that starts where the caret must point.
   */
  private static void assertSingleError(
      Compilation compilation, JavaFileObject file, String anchor, String... texts) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    for (String text : texts) {
      assertAnchored(compilation, Diagnostic.Kind.ERROR, text, file, anchor);
    }
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertTrue(error.getMessage(Locale.ROOT).startsWith(texts[0]), () -> "starts with its id: " + error);
  }
}
