package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the processor behaves across interfaces and rounds, and what it promises to build tools. */
class ProcessingTest {

  /**
   * compile-testing hides generated files once a compilation has failed, so this test runs javac itself and looks
   * at the source output directory.
   */
  @Test
  void anErrorInOneInterfaceDoesNotStopTheGenerationOfAnother(@TempDir Path dir) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    boolean compiled;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sources));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      JavaCompiler.CompilationTask task = javac.getTask(
          null,
          files,
          diagnostics,
          null,
          null,
          List.of(source("processing/Broken.java"), source("processing/Healthy.java")));
      task.setProcessors(List.of(new TieredProcessor()));
      compiled = task.call();
    }

    assertFalse(compiled);
    List<String> errors = diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(Locale.ROOT))
        .toList();
    assertEquals(1, errors.size(), () -> "errors: " + errors);
    assertTrue(errors.get(0).startsWith("[Tiered.VoidMethod] refresh(long) returns nothing"), errors.get(0));
    assertTrue(Files.isRegularFile(sources.resolve("test/TieredHealthy.java")), "TieredHealthy.java was written");
    assertFalse(Files.exists(sources.resolve("test/TieredBroken.java")), "TieredBroken.java was not written");
  }

  @Test
  void anInterfaceUsingATypeThatAnotherProcessorGeneratesWaitsForIt() {
    Compilation compilation = Sources.strict()
        .withProcessors(new MoneyProcessor(), new TieredProcessor())
        .compile(source("processing/Wallet.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredWallet")
        .contentsAsUtf8String()
        .contains("public Money balance(Money.Currency currency) {");
  }

  @Test
  void declaresItselfAnIsolatingProcessorForGradle() throws IOException {
    String resource = "META-INF/gradle/incremental.annotation.processors";
    try (InputStream in = TieredProcessor.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      assertEquals(TieredProcessor.class.getName() + ",isolating\n", new String(in.readAllBytes(), UTF_8));
    }
  }

  /** Gradle's isolating mode needs exactly one originating element per generated file: the annotated interface. */
  @Test
  void eachDecoratorOriginatesFromItsAnnotatedInterfaceOnly() {
    OriginsProbe probe = new OriginsProbe();
    Compilation compilation = Sources.strict()
        .withProcessors(probe, new TieredProcessor())
        .compile(
            source("goldens/inherited/input/test/Repo.java"),
            source("goldens/inherited/input/test/User.java"),
            source("goldens/inherited/input/test/UserRepo.java"),
            source("goldens/nested/input/test/Catalog.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(
        Map.of("test.TieredUserRepo", List.of("test.UserRepo"),
            "test.TieredCatalog_Products", List.of("test.Catalog.Products")),
        probe.origins);
  }

  /**
   * Tiered claims no annotation: a processor that runs after it still sees {@code @Tiered} on the interface and
   * {@code @Generated} on the decorator. The price is javac's {@code -Xlint:processing}, which reports annotations
   * that no processor claims; a build with {@code -Xlint:all -Werror} turns it off ({@code -Xlint:-processing}).
   */
  @Test
  void leavesEveryAnnotationToOtherProcessors() {
    AnnotationsSeen seen = new AnnotationsSeen();
    Compilation compilation = Sources.strict()
        .withProcessors(new TieredProcessor(), seen)
        .compile(source("goldens/nested/input/test/Catalog.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertEquals(List.of(Annotations.TIERED, "javax.annotation.processing.Generated"), seen.names);

    Compilation linted = Sources.tiered()
        .withOptions("-Xlint:processing")
        .compile(source("goldens/nested/input/test/Catalog.java"));
    assertThat(linted).succeeded();
    // One per round: @Tiered on the interface, then @Generated on the decorator.
    assertThat(linted).hadWarningCount(2);
    assertThat(linted).hadWarningContaining("No processor claimed any of these annotations: /dev.tiered.Tiered");
    assertThat(linted).hadWarningContaining("javax.annotation.processing.Generated");
  }

  // ------------------------------------------------------------------ helper processors

  /** Records the annotations it is given, round by round, among {@code @Tiered} and {@code @Generated}. */
  private static final class AnnotationsSeen extends AbstractProcessor {
    final List<String> names = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(Annotations.TIERED, "javax.annotation.processing.Generated");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      annotations.forEach(a -> names.add(a.getQualifiedName().toString()));
      return false;
    }
  }

  /** Writes {@code test.Money} in the first round, as a processor the user's build also runs would. */
  private static final class MoneyProcessor extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(Annotations.TIERED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("test.Money").openWriter()) {
        out.write("package test;\n\npublic record Money(long cents, Currency currency) {\n"
            + "  public enum Currency { EUR, USD }\n}\n");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return false;
    }
  }

  /**
   * Builds each decorator the way {@link TieredProcessor} does and records the originating elements of its file, by
   * the decorator's name.
   */
  private static final class OriginsProbe extends AbstractProcessor {
    final Map<String, List<String>> origins = new LinkedHashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(Annotations.TIERED);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          TypeElement type = (TypeElement) element;
          TypeMirrors mirrors = new TypeMirrors(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
          Model.Decorator model = new ModelFactory(mirrors, new ValidationReport(type, mirrors))
              .create(Annotations.find(type, Annotations.TIERED));
          List<String> names = new ArrayList<>();
          DecoratorWriter writer = new DecoratorWriter(model, TieredProcessor.class.getName());
          for (Element origin : writer.write().typeSpec().originatingElements()) {
            names.add(((TypeElement) origin).getQualifiedName().toString());
          }
          origins.put(model.generated().canonicalName(), names);
        }
      }
      return false;
    }
  }
}
