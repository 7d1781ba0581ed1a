package dev.tiered.processor;

import com.google.auto.service.AutoService;
import dev.tiered.processor.Model.Decorator;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Writes a {@code Tiered<Name>} decorator, and a summary of its caching, for every interface annotated
 * {@code @Tiered}, one interface at a time: validate and describe ({@link ModelFactory}, reporting through a {@link
 * ValidationReport}), then, when the report holds no error, write ({@link DecoratorWriter}, {@link SummaryWriter}).
 * An interface whose types are not generated yet (by another processor) waits for a later round; an error in one
 * interface never stops the others.
 *
 * <p>The processor supports only Tiered's own annotations and never claims them ({@link #process} returns false),
 * so that other processors still see them and the {@code @Generated} of the code it writes.
 */
@AutoService(Processor.class)
public final class TieredProcessor extends AbstractProcessor {
  private final Set<String> deferred = new LinkedHashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.copyOf(Annotations.ALL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    MissingTypes missing = new MissingTypes(processingEnv.getElementUtils());
    for (TypeElement element : interfaces(round)) {
      if (!missing.in(element)) {
        process(element);
      } else if (round.processingOver()) {
        // javac reports each unresolved name itself; say why the decorator that code may use is missing.
        processingEnv.getMessager().printMessage(
            Diagnostic.Kind.ERROR,
            Message.UNDEFINED_TYPE.text(element.getQualifiedName(), "Tiered" + TypeMirrors.nestedName(element)),
            element);
      } else {
        deferred.add(element.getQualifiedName().toString());
      }
    }
    return false;
  }

  /** The interfaces deferred from earlier rounds, then those annotated in this one. */
  private List<TypeElement> interfaces(RoundEnvironment round) {
    List<TypeElement> work = new ArrayList<>();
    for (String name : deferred) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        work.add(element);
      }
    }
    deferred.clear();
    TypeElement tiered = processingEnv.getElementUtils().getTypeElement(Annotations.TIERED);
    if (tiered != null) {
      for (Element element : round.getElementsAnnotatedWith(tiered)) {
        if (element instanceof TypeElement type && !work.contains(type)) {
          work.add(type);
        }
      }
    }
    return work;
  }

  /** Validates {@code element} and, when it is fine, writes its decorator and summary. */
  private void process(TypeElement element) {
    TypeMirrors mirrors = new TypeMirrors(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    ValidationReport report = new ValidationReport(element, mirrors);
    try {
      Decorator model;
      try {
        model = new ModelFactory(mirrors, report).create(Annotations.find(element, Annotations.TIERED));
      } finally {
        report.printTo(processingEnv.getMessager());
      }
      if (model != null && !report.hasErrors()) {
        write(model);
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.text(element.getQualifiedName(), trace), element);
    }
  }

  private void write(Decorator model) throws IOException {
    boolean generatedAnnotation =
        processingEnv.getElementUtils().getTypeElement(RuntimeApi.GENERATED.canonicalName()) != null;
    String generator = generatedAnnotation ? TieredProcessor.class.getName() : null;
    try {
      new DecoratorWriter(model, generator).write().writeTo(processingEnv.getFiler());
    } catch (FilerException e) {
      // The Filer refuses a name that this compilation already has as a source or wrote earlier.
      processingEnv.getMessager().printMessage(
          Diagnostic.Kind.ERROR,
          Message.DECORATOR_EXISTS.text(model.origin().getQualifiedName(), model.generated().canonicalName()),
          model.origin());
      return;
    }
    new SummaryWriter(model).writeTo(processingEnv.getFiler());
  }
}
