package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * A decorator overrides and calls what the user deprecated; under {@code -Xlint:all -Werror} that must not fail the
 * user's build, and the decorator keeps the deprecation for its own callers.
 */
class DeprecationTest {

  @Test
  void deprecatedMethodsStayDeprecatedAndCompileWithoutWarnings() {
    Compilation compilation = Sources.strict().compile(source("processing/Legacy.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredLegacy")
        .contentsAsUtf8String()
        .contains("@Override\n  @Deprecated\n  public String lookup(long id) {");
    assertThat(compilation)
        .generatedSourceFile("test.TieredLegacy")
        .contentsAsUtf8String()
        .contains("@SuppressWarnings(\"removal\")\n  public String ping() {");
  }

  @Test
  void theDecoratorOfADeprecatedInterfaceIsDeprecated() {
    Compilation compilation = Sources.strict().compile(source("processing/Retired.java"));
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredRetired")
        .contentsAsUtf8String()
        .contains("@SuppressWarnings(\"removal\")\n@Generated(\"dev.tiered.processor.TieredProcessor\")\n"
            + "public final class TieredRetired implements Retired, TieredCache {");
  }
}
