package dev.tiered.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.tiered.processor.Sources.columnOf;
import static dev.tiered.processor.Sources.lineOf;
import static dev.tiered.processor.Sources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where {@link ValidationReport} anchors a message: an element of the subject (itself, a method, a parameter, an
 * annotation value, a member of a nested type) where it is; an element inherited from a superinterface on the
 * subject, with the member named in the prefix and no annotation anchor, whatever the element was.
 */
class ValidationReportTest {
  private static final JavaFileObject SUBJECT = source("report/test/Subject.java");
  private static final Reporting probe = new Reporting();
  private static Compilation compilation;
  private static List<ValidationReport.Item> items;

  @BeforeAll
  static void report() {
    compilation = javac().withProcessors(probe).compile(SUBJECT, source("report/test/Base.java"));
    items = probe.items;
  }

  @Test
  void anElementOfTheSubjectIsAnchoredOnItself() {
    assertAnchored("[Tiered.VoidMethod] the subject returns", "interface Subject");
    assertAnchored("[Tiered.VoidMethod] own returns", "own(long id)");
    assertAnchored("[Tiered.VoidMethod] own's id returns", "id);");
    assertAnchored("[Tiered.VoidMethod] nested returns", "nested(String text)");
  }

  @Test
  void anAnnotationValueOfTheSubjectIsAnchoredOnTheValue() {
    assertAnchored("[Tiered.VoidMethod] own's ttl returns", "\"1m\"");
  }

  @Test
  void anInheritedElementIsAnchoredOnTheSubjectWithTheMemberNamed() {
    String prefix = "[Tiered.VoidMethod] In Base.inherited(Long) (inherited): ";
    assertAnchored(prefix + "inherited returns", "interface Subject");
    assertAnchored(prefix + "inherited's key returns", "interface Subject");
    assertAnchored(prefix + "inherited's ttl returns", "interface Subject");
    ValidationReport.Item onValue = items.stream()
        .filter(i -> i.text().contains("inherited's ttl"))
        .findFirst()
        .orElseThrow();
    assertEquals("test.Subject", ((TypeElement) onValue.element()).getQualifiedName().toString());
    assertEquals(null, onValue.annotation(), "no annotation of the subject to point at");
  }

  @Test
  void onlyAnErrorFailsTheReport() {
    assertEquals(8, items.size());
    assertTrue(probe.withErrors, "a report with errors");
    assertFalse(probe.withWarningOnly, "a report with a warning only");
  }

  private static void assertAnchored(String text, String anchor) {
    assertThat(compilation).hadErrorContaining(text).inFile(SUBJECT).onLine(lineOf(SUBJECT, anchor));
    assertThat(compilation)
        .hadErrorContaining(text)
        .inFile(SUBJECT)
        .onLine(lineOf(SUBJECT, anchor))
        .atColumn(columnOf(SUBJECT, anchor));
  }

  /** Reports one message on each kind of element, own and inherited, then prints the report. */
  private static final class Reporting extends AbstractProcessor {
    final List<ValidationReport.Item> items = new ArrayList<>();
    boolean withErrors;
    boolean withWarningOnly;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (round.processingOver()) {
        return false;
      }
      TypeMirrors mirrors = new TypeMirrors(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
      TypeElement subject = processingEnv.getElementUtils().getTypeElement("test.Subject");
      ValidationReport report = new ValidationReport(subject, mirrors);
      ExecutableElement own = method(subject, "own");
      ExecutableElement inherited = method(processingEnv.getElementUtils().getTypeElement("test.Base"), "inherited");
      ExecutableElement nested =
          method(processingEnv.getElementUtils().getTypeElement("test.Subject.Nested"), "nested");

      report.report(Message.VOID_METHOD, subject, "the subject");
      report.report(Message.VOID_METHOD, own, "own");
      report.report(Message.VOID_METHOD, own.getParameters().get(0), "own's id");
      report.report(Message.VOID_METHOD, nested, "nested");
      AnnotationMirror cached = Annotations.find(own, Annotations.CACHED);
      report.reportAt(Message.VOID_METHOD, own, cached, Annotations.explicit(cached).get("ttl"), "own's ttl");
      report.report(Message.VOID_METHOD, inherited, "inherited");
      report.report(Message.VOID_METHOD, inherited.getParameters().get(0), "inherited's key");
      AnnotationMirror inheritedCached = Annotations.find(inherited, Annotations.CACHED);
      report.reportAt(
          Message.VOID_METHOD,
          inherited,
          inheritedCached,
          Annotations.explicit(inheritedCached).get("ttl"),
          "inherited's ttl");
      report.printTo(processingEnv.getMessager());
      items.addAll(report.items());
      withErrors = report.hasErrors();

      ValidationReport warning = new ValidationReport(subject, mirrors);
      warning.report(Message.RACE_LOSER_WITHOUT_RACE, subject, "DROP", "Subject");
      withWarningOnly = warning.hasErrors();
      return false;
    }

    private static ExecutableElement method(TypeElement type, String name) {
      return ElementFilter.methodsIn(type.getEnclosedElements()).stream()
          .filter(m -> m.getSimpleName().contentEquals(name))
          .findFirst()
          .orElseThrow();
    }
  }
}
