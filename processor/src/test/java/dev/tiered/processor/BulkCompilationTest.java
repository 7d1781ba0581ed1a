package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.tiered.processor.Sources.source;

import com.google.common.truth.StringSubject;
import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bulk methods in the shapes that the golden does not show: inherited from a generic superinterface that the
 * annotated one binds ({@code Repo<String, Long>}); naming an overloaded target, of which the overload whose key
 * type is the ids' type is the one meant; and over a Kotlin suspend function.
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

  /** A suspend function's continuation is no argument: it is a single-key target, refreshed as it loads, a future. */
  @Test
  void aSuspendFunctionIsATargetWhoseStaleEntriesRefreshAsynchronously() {
    Compilation suspend = Sources.strict().compile(source("bulk/test/SuspendUsers.java"));
    assertThat(suspend).succeededWithoutWarnings();
    assertThat(suspend).generatedSourceFile("test.TieredSuspendUsers").contentsAsUtf8String()
        .contains("bulk.serveAsync(this::loadFind);");
  }

  /**
   * A bulk suspend function awaits its asynchronous counterpart, and its loader starts the delegate's bulk suspend
   * function in Tiered's scope.
   */
  @Test
  void aBulkSuspendFunctionAwaitsItsCounterpartAndStartsTheDelegateInTieredsScope() {
    Compilation suspend = Sources.strict().compile(source("bulk/test/SuspendUsers.java"));
    assertThat(suspend).succeededWithoutWarnings();
    StringSubject decorator =
        assertThat(suspend).generatedSourceFile("test.TieredSuspendUsers").contentsAsUtf8String();
    decorator.contains("public Object findSome(Set<Long> ids, Continuation<? super Map<Long, String>> $completion) {");
    decorator.contains("return SuspendBridge.await(findSomeAsync(ids), $completion);");
    decorator.contains("private CompletableFuture<Map<Long, String>> findSomeAsync(Set<Long> ids) {");
    decorator.contains("SuspendBridge.start(continuation -> delegate.findSome(");
  }

  private static StringSubject decorator() {
    assertThat(compilation).succeeded();
    return assertThat(compilation).generatedSourceFile("test.TieredUserRepo").contentsAsUtf8String();
  }
}
