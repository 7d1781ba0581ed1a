package dev.tiered.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether an interface refers to a type or constant that does not exist yet, e.g. because another processor
 * generates it in this round: such an interface waits for a later round instead of being reported.
 */
final class MissingTypes {
  private final Elements elements;

  MissingTypes(Elements elements) {
    this.elements = elements;
  }

  /** Whether a superinterface, a signature or a value of one of our annotations on {@code element} is missing. */
  boolean in(TypeElement element) {
    for (TypeMirror parent : element.getInterfaces()) {
      if (isError(parent)) {
        return true;
      }
    }
    if (hasErrors(Annotations.find(element, Annotations.TIERED))) {
      return true;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(element))) {
      if (isError(m.getReturnType())) {
        return true;
      }
      for (VariableElement p : m.getParameters()) {
        if (isError(p.asType())) {
          return true;
        }
      }
      for (String annotation : List.of(Annotations.CACHED, Annotations.INVALIDATE)) {
        if (hasErrors(Annotations.find(m, annotation))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a value of {@code annotation} (if present) names a class or constant that does not resolve. */
  private static boolean hasErrors(AnnotationMirror annotation) {
    return annotation != null
        && annotation.getElementValues().values().stream().anyMatch(MissingTypes::isError);
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
