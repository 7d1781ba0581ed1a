package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;
import static dev.tiered.processor.Sources.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact goldens of the generated decorators, one per distinct shape, in the manner of dagger's {@code goldens/}:
 * each input under {@code src/test/resources/goldens/<shape>/input/} is compiled with {@code -Xlint:all -Werror}, must
 * compile without a single warning, and the decorator's exact text must equal {@code goldens/<shape>/<Decorator>.java}.
 *
 * <p>After an intended change to the generated code, regenerate the goldens and review their diff:
 *
 * <pre>
 * mvn -q -pl processor test -Dtest=GoldenFilesTest -Dgoldens.update=true
 * git diff processor/src/test/resources/goldens
 * </pre>
 *
 * <p>With {@code goldens.update=true} each test writes the decorator it generated over its golden (under the module's
 * {@code src/test/resources}) instead of comparing with it.
 */
class GoldenFilesTest {
  private static final boolean UPDATE = Boolean.getBoolean("goldens.update");
  private static final List<String> GOLDENS = List.of(
      "goldens/sync/TieredUserService.java",
      "goldens/async/TieredOrderService.java",
      "goldens/suspend/TieredAccountService.java",
      "goldens/inherited/TieredUserRepo.java",
      "goldens/race/TieredPriceService.java",
      "goldens/parallel/TieredStockService.java",
      "goldens/nested/TieredCatalog_Products.java",
      "goldens/bulk/TieredUserService.java");

  /** A SEQUENTIAL read of synchronous methods: plain, Optional, primitive, @Key, @Cached, @Invalidate, @Bypass. */
  @Test
  void sync() {
    assertGolden("sync", "TieredUserService", "UserService.java");
  }

  /** CompletableFuture and CompletionStage methods, and asynchronous invalidation (by key and all). */
  @Test
  void async() {
    assertGolden("async", "TieredOrderService", "OrderService.java");
  }

  /**
   * Kotlin suspend functions as kapt's stubs declare them (a continuation last, returning Object): cached with
   * policies of their own, invalidating by key and all, bypassed, beside a plain function.
   */
  @Test
  void suspendFunctions() {
    assertGolden("suspend", "TieredAccountService", "AccountService.java");
  }

  /** {@code UserRepo extends Repo<User, Long>}: inherited members with their type arguments bound. */
  @Test
  void inheritedGeneric() {
    assertGolden("inherited", "TieredUserRepo", "Repo.java", "User.java", "UserRepo.java");
  }

  /** read = RACE and write = RACE with the loser dropped, sync and async. */
  @Test
  void raceRead() {
    assertGolden("race", "TieredPriceService", "PriceService.java");
  }

  /** read = PARALLEL with an l1Ttl shorter than ttl, sync and async. */
  @Test
  void parallelRead() {
    assertGolden("parallel", "TieredStockService", "StockService.java");
  }

  /**
   * {@code @Bulk} methods: synchronous over a {@code Collection} and asynchronous over a {@code Set} of one target,
   * and one over a {@code List} of an asynchronous target that reads with RACE and writes SEQUENTIAL.
   */
  @Test
  void bulk() {
    assertGolden("bulk", "TieredUserService", "UserService.java");
  }

  /** An interface nested in a class: {@code TieredCatalog_Products}. */
  @Test
  void nestedInterface() {
    assertGolden("nested", "TieredCatalog_Products", "Catalog.java");
  }

  /**
   * The build-time summary, {@code META-INF/tiered/test.UserService.md} in the class output, is byte-exact too: the
   * sync input has every column's variants (stale or not, a method with policies of its own, an invalidation, a
   * bypassed method).
   */
  @Test
  void summary() {
    assertSummary("sync");
  }

  /** The summary names each bulk method and the method whose entries it reads and fills. */
  @Test
  void bulkSummary() {
    assertSummary("bulk");
  }

  /** Every line of every golden is within 120 columns, as the house style asks of generated code. */
  @Test
  void everyGoldenLineFitsIn120Columns() {
    for (String golden : GOLDENS) {
      Sources.assertLinesFit(golden, read(golden));
    }
  }

  /** Two compilations of the same inputs, each with a fresh processor, write byte-identical sources. */
  @Test
  void generatedSourcesAreDeterministic() {
    JavaFileObject[] inputs = {source("shapes/test/UserService.java")};
    assertEquals(generatedSources(inputs), generatedSources(inputs));
  }

  /** The order in which javac is given the sources does not change what is generated. */
  @Test
  void generatedSourcesDoNotDependOnTheOrderOfTheInputs() {
    JavaFileObject[] inputs = inputs("inherited", "Repo.java", "User.java", "UserRepo.java");
    JavaFileObject[] reversed = inputs("inherited", "UserRepo.java", "User.java", "Repo.java");
    assertEquals(generatedSources(inputs), generatedSources(reversed));
  }

  // ------------------------------------------------------------------ helpers

  private static void assertSummary(String shape) {
    Compilation compilation = Sources.strict().compile(inputs(shape, "UserService.java"));
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject generated = compilation
        .generatedFile(StandardLocation.CLASS_OUTPUT, SummaryWriter.path("test.UserService"))
        .orElseThrow(() -> new AssertionError("the summary was not written"));
    String golden = "goldens/" + shape + "/test.UserService.md";
    if (UPDATE) {
      write(golden, text(generated));
      return;
    }
    assertEquals(read(golden), text(generated), "the summary differs from " + golden);
  }

  private static void assertGolden(String shape, String decorator, String... inputFiles) {
    Compilation compilation = Sources.strict().compile(inputs(shape, inputFiles));
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject generated = compilation
        .generatedSourceFile("test." + decorator)
        .orElseThrow(() -> new AssertionError("test." + decorator + " was not generated"));
    String actual = text(generated);
    String golden = "goldens/" + shape + "/" + decorator + ".java";
    Sources.assertLinesFit(golden, actual);
    if (UPDATE) {
      write(golden, actual);
      return;
    }
    assertEquals(read(golden), actual, "the decorator differs from " + golden + " (see GoldenFilesTest to update)");
  }

  private static JavaFileObject[] inputs(String shape, String... files) {
    return Arrays.stream(files)
        .map(f -> source("goldens/" + shape + "/input/test/" + f))
        .toArray(JavaFileObject[]::new);
  }

  /** Every generated source of a clean compilation of {@code inputs}, by name, with its exact text. */
  private static Map<String, String> generatedSources(JavaFileObject... inputs) {
    Compilation compilation = Sources.strict().compile(inputs);
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, String> sources = new LinkedHashMap<>();
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      sources.put(file.toUri().getPath(), text(file));
    }
    assertFalse(sources.isEmpty(), "nothing was generated");
    return sources;
  }

  private static String read(String resource) {
    try (InputStream in = GoldenFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(resource + " is missing; run with -Dgoldens.update=true to write it");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(String resource, String content) {
    // Surefire runs in the module's directory and says so in "basedir".
    Path file = Path.of(System.getProperty("basedir", ""), "src", "test", "resources").resolve(resource);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
