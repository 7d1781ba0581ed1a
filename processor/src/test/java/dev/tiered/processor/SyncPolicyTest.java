package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import org.junit.jupiter.api.Test;

/** {@code @Tiered(sync)} reaches the runtime: named when NONE, left to the runtime's default when INVALIDATE. */
class SyncPolicyTest {

  private static Compilation compile(String sync) {
    return Sources.strict().compile(JavaFileObjects.forSourceLines(
        "test.Prices",
        "package test;",
        "",
        "import dev.tiered.SyncPolicy;",
        "import dev.tiered.Tiered;",
        "import dev.tiered.runtime.CaffeineBackend;",
        "import dev.tiered.runtime.RedisBackend;",
        "",
        "@Tiered(name = \"prices\", l1 = CaffeineBackend.class, l2 = RedisBackend.class" + sync + ")",
        "public interface Prices {",
        "  long price(String sku);",
        "}"));
  }

  @Test
  void syncNoneIsPassedToTheContext() {
    Compilation compilation = compile(", sync = SyncPolicy.NONE");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredPrices")
        .contentsAsUtf8String()
        .contains("CacheContext context = new CacheContext(\"prices\", 1, l1, l2, options, SyncPolicy.NONE);");
  }

  @Test
  void theDefaultLeavesTheContextToItsDefault() {
    Compilation compilation = compile("");
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("test.TieredPrices")
        .contentsAsUtf8String()
        .contains("CacheContext context = new CacheContext(\"prices\", 1, l1, l2, options);");
  }
}
