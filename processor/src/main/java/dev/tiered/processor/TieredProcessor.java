package dev.tiered.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Writes a {@code Tiered<Name>} decorator for every interface annotated {@code @Tiered}: validate and describe
 * ({@link ModelFactory}), then write ({@link DecoratorWriter}), one interface at a time. An interface whose types
 * are not generated yet (by another processor) waits for a later round; an error in one interface never stops the
 * others.
 */
@AutoService(Processor.class)
public final class TieredProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // @Generated is listed so that the round compiling our own output claims it too: unclaimed, it makes javac's
    // -Xlint:processing warn on every build that uses Tiered.
    return Set.of(
        ModelFactory.TIERED,
        ModelFactory.CACHED,
        ModelFactory.KEY,
        ModelFactory.INVALIDATE,
        ModelFactory.BYPASS,
        "javax.annotation.processing.Generated");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> work = new ArrayList<>();
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        work.add(element);
      }
    }
    deferred.clear();
    TypeElement tiered = processingEnv.getElementUtils().getTypeElement(ModelFactory.TIERED);
    if (tiered != null) {
      for (Element element : round.getElementsAnnotatedWith(tiered)) {
        if (element instanceof TypeElement type && !work.contains(type)) {
          work.add(type);
        }
      }
    }
    for (TypeElement element : work) {
      if (hasMissingTypes(element)) {
        if (round.processingOver()) {
          // javac reports each unresolved name itself; say why the decorator that code may use is missing.
          processingEnv.getMessager().printMessage(
              Diagnostic.Kind.ERROR,
              Message.UNDEFINED_TYPE.text(element.getQualifiedName(), "Tiered" + ModelFactory.simpleNames(element)),
              element);
        } else {
          deferred.add(element.getQualifiedName().toString());
        }
        continue;
      }
      generate(element);
    }
    // Claiming our own annotations keeps javac's -Xlint:processing from warning that no processor claimed them,
    // which would fail users' builds under -Werror. No other processor has any business with them.
    return true;
  }

  private void generate(TypeElement element) {
    Reporter reporter = new Reporter(processingEnv.getMessager());
    try {
      AnnotationMirror tiered = ModelFactory.find(element, ModelFactory.TIERED);
      Model.Decorator model =
          new ModelFactory(processingEnv.getElementUtils(), processingEnv.getTypeUtils(), reporter)
              .create(element, tiered);
      if (model == null || reporter.hasErrors()) {
        return;
      }
      boolean generated = processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated") != null;
      try {
        new DecoratorWriter(model, generated).write().writeTo(processingEnv.getFiler());
      } catch (FilerException e) {
        // The Filer refuses a name that this compilation already has as a source or wrote earlier.
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR,
            Message.DECORATOR_EXISTS.text(element.getQualifiedName(), model.generated().canonicalName()),
            element);
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.text(element.getQualifiedName(), trace), element);
    }
  }

  /**
   * Whether a type or constant the decorator needs does not exist yet, e.g. because another processor generates
   * it: in a signature, a superinterface, or a value of one of our annotations.
   */
  private boolean hasMissingTypes(TypeElement element) {
    for (TypeMirror parent : element.getInterfaces()) {
      if (isError(parent)) {
        return true;
      }
    }
    if (hasErrors(ModelFactory.find(element, ModelFactory.TIERED))) {
      return true;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(processingEnv.getElementUtils().getAllMembers(element))) {
      if (isError(m.getReturnType())) {
        return true;
      }
      for (VariableElement p : m.getParameters()) {
        if (isError(p.asType())) {
          return true;
        }
      }
      for (String annotation : List.of(ModelFactory.CACHED, ModelFactory.INVALIDATE)) {
        if (hasErrors(ModelFactory.find(m, annotation))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a value of {@code annotation} (if present) names a class or constant that does not resolve. */
  private static boolean hasErrors(AnnotationMirror annotation) {
    return annotation != null && annotation.getElementValues().values().stream().anyMatch(TieredProcessor::isError);
  }

  private static boolean isError(AnnotationValue value) {
    Object v = value.getValue();
    if (v instanceof TypeMirror type) {
      return isError(type);
    }
    if (v instanceof List<?> values) {
      return values.stream().anyMatch(e -> e instanceof AnnotationValue a && isError(a));
    }
    // javac gives an unresolved class literal, enum constant or constant the value "<error>", whatever the
    // attribute's type; no real duration or method name reads like that.
    return "<error>".equals(v);
  }

  private static boolean isError(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (isError(argument)) {
          return true;
        }
      }
    }
    return false;
  }
}
