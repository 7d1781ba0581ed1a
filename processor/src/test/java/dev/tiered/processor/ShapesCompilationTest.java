package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ShapesCompilationTest {

  @Test
  void everyShapeCompilesWithoutWarnings() {
    JavaFileObject source = JavaFileObjects.forResource("shapes/test/UserService.java");
    Compilation compilation =
        javac().withProcessors(new TieredProcessor()).withOptions("-Xlint:all", "-Werror").compile(source);
    compilation.generatedSourceFile("test.TieredUserService").ifPresent(f -> {
      try {
        System.out.println(f.getCharContent(true));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(compilation).succeededWithoutWarnings();
  }
}
