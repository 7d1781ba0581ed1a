package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk methods in the shapes that the golden does not show: inherited from a generic superinterface that the
 * annotated one binds ({@code Repo<String, Long>}), and naming an overloaded target, of which the overload whose key
 * type is the ids' type is the one meant.
 */
class BulkCompilationTest {
  private static Compilation compilation;

  @BeforeAll
  static void compile() {
    compilation = Sources.strict().compile(source("bulk/test/Repo.java"), source("bulk/test/UserRepo.java"));
  }

  @Test
  void compilesWithoutWarnings() {
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anInheritedBulkMethodHasItsTypeArgumentsBound() {
    decorator().contains("public Map<Long, String> findAll(List<Long> ids) {");
    decorator().contains("BulkLoad<Long, FindLongKey, String> bulk = BulkLoad.start(findLong, ids, FindLongKey::new);");
  }

  @Test
  void anOverloadedTargetIsTheOverloadKeyedByTheIdsType() {
    decorator().contains(
        "BulkLoad<String, FindStringKey, String> bulk = BulkLoad.start(findString, emails, FindStringKey::new);");
    decorator().contains(" = delegate.byEmails(new LinkedHashSet<>(missing));");
  }

  private static StringSubject decorator() {
    assertThat(compilation).succeeded();
    return assertThat(compilation).generatedSourceFile("test.TieredUserRepo").contentsAsUtf8String();
  }
}
