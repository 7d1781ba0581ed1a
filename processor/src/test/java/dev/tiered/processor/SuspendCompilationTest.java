package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kotlin suspend functions as kapt's stubs declare them ({@code suspend/test/Clashes.java}), named like everything
 * the decorator of a suspend function uses, with an overload and a continuation named {@code continuation}. The
 * golden {@code goldens/suspend} pins the generated code of the common case; this pins names and keys.
 */
class SuspendCompilationTest {
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Sources.strict().compile(source("suspend/test/Clashes.java"));
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void everyLineFitsIn120Columns() {
    assertThat(compilation).succeeded();
    Sources.assertLinesFit("TieredClashes.java", Sources.text(decoratorFile()));
  }

  @Test
  void theContinuationIsInNoKeyNorKeySpace() {
    decorator().contains("this.findLongString = context.method(\"find(long,String)\", ");
    decorator().contains("this.findString = context.method(\"find(String)\", ");
    decorator().contains("FindLongStringKey(KeySpace space, long continuation, String call) {");
    decorator().contains("FindStringKey(KeySpace space, String SuspendBridge) {");
  }

  @Test
  void generatedNamesGiveWayToTheInterfaces() {
    // A parameter named SuspendBridge hides the class, which is then written with its package.
    String bridge = "dev.tiered.runtime.kotlin.internal.SuspendBridge";
    decorator().contains("return " + bridge + ".await(findStringAsync(SuspendBridge), continuation);");
    decorator().contains("return " + bridge + ".await(findAsyncAsync(key), $completion);");
    decorator().contains("CompletableFuture<String> call_ =");
    decorator().contains("continuation_ -> delegate.find(continuation, call, continuation_)");
    decorator().contains("continuation_ -> delegate.callThen(continuation, call, continuation_),");
  }

  @Test
  void theSummaryNamesSuspendFunctionsAsKotlinDoes() {
    JavaFileObject summary = compilation
        .generatedFile(StandardLocation.CLASS_OUTPUT, SummaryWriter.path("test.Clashes"))
        .orElseThrow();
    String text = Sources.text(summary);
    assertTrue(text.contains("| `suspend find(long, String)` | `Clashes:v1:find(long,String):<continuation>:<call>` |"),
        text);
    assertTrue(text.contains("`suspend callThen(long, String)`"), text);
  }

  private static JavaFileObject decoratorFile() {
    return compilation.generatedSourceFile("test.TieredClashes").orElseThrow();
  }

  private static StringSubject decorator() {
    return assertThat(compilation).generatedSourceFile("test.TieredClashes").contentsAsUtf8String();
  }
}
