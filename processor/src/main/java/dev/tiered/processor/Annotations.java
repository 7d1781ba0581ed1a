package dev.tiered.processor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * The Tiered annotations, read through {@link AnnotationMirror}s and {@link AnnotationValue}s: reading a {@code
 * Class} member through {@code getAnnotation} throws, and only a mirror and a value let a message point at the
 * offending attribute.
 */
final class Annotations {
  static final String TIERED = "dev.tiered.Tiered";
  static final String CACHED = "dev.tiered.Cached";
  static final String KEY = "dev.tiered.Key";
  static final String INVALIDATE = "dev.tiered.Invalidate";
  static final String BYPASS = "dev.tiered.Bypass";

  /** Every annotation of Tiered, which the processor supports. */
  static final List<String> ALL = List.of(TIERED, CACHED, KEY, INVALIDATE, BYPASS);

  private Annotations() {}

  /** The annotation named {@code annotation} on {@code element}, or null. */
  static AnnotationMirror find(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation)) {
        return mirror;
      }
    }
    return null;
  }

  static boolean has(Element element, String annotation) {
    return find(element, annotation) != null;
  }

  /** The values written in {@code mirror}, by attribute name; an attribute left at its default is absent. */
  static Map<String, AnnotationValue> explicit(AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    mirror.getElementValues().forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  /** Every value of {@code mirror}, by attribute name, defaults included. */
  static Map<String, AnnotationValue> withDefaults(Elements elements, AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new HashMap<>();
    elements.getElementValuesWithDefaults(mirror).forEach((k, v) -> values.put(k.getSimpleName().toString(), v));
    return values;
  }

  /** The constant of {@code type} that an enum-valued attribute holds. */
  static <E extends Enum<E>> E enumConstant(AnnotationValue value, Class<E> type) {
    return Enum.valueOf(type, constantName(value));
  }

  /** The name of the enum constant an enum-valued attribute holds, e.g. {@code DROP}. */
  static String constantName(AnnotationValue value) {
    return ((VariableElement) value.getValue()).getSimpleName().toString();
  }

  /** The values of an array-valued attribute: javac represents an array member as a list of values. */
  @SuppressWarnings("unchecked")
  static List<? extends AnnotationValue> list(AnnotationValue value) {
    return (List<? extends AnnotationValue>) value.getValue();
  }
}
