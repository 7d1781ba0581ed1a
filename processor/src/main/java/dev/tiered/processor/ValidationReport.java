package dev.tiered.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The diagnostics of one annotated interface, the subject, in the manner of dagger's {@code ValidationReport}. It
 * decides in one place where each message is anchored: on an element of the subject itself (a method, a parameter,
 * a type parameter) as tightly as javac allows, on the element, its annotation or the annotation's value; on a
 * member inherited from another interface, on the subject, with the member named in an {@code In Repo.find(Long)
 * (inherited):} prefix, because the member may come from a jar with no source to point at, and may be fine for
 * another interface that binds its type parameters differently.
 */
final class ValidationReport {
  /**
   * One diagnostic as it will be printed.
   *
   * @param element where it is anchored
   * @param annotation the annotation on {@code element} it is anchored on, or null
   * @param value the value of {@code annotation} it is anchored on, or null
   */
  record Item(Message message, String text, Element element, AnnotationMirror annotation, AnnotationValue value) {
    Kind kind() {
      return message.kind();
    }
  }

  private final TypeElement subject;
  private final TypeMirrors types;
  private final List<Item> items = new ArrayList<>();

  ValidationReport(TypeElement subject, TypeMirrors types) {
    this.subject = subject;
    this.types = types;
  }

  TypeElement subject() {
    return subject;
  }

  /** Reports {@code message} on {@code element}, the subject or an element in or inherited by it. */
  void report(Message message, Element element, Object... args) {
    reportAt(message, element, null, null, args);
  }

  /**
   * Reports {@code message} on {@code value} of {@code annotation} of {@code element}; {@code value} may be null
   * for the annotation as a whole, both for the element.
   */
  void reportAt(
      Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    String inherited = inheritedName(element);
    if (inherited == null) {
      items.add(new Item(message, message.text(args), element, annotation, value));
    } else {
      items.add(new Item(message, message.textAbout(inherited, args), subject, null, null));
    }
  }

  /**
   * How the prefix names {@code element} when it lies outside the subject, or null when it lies inside: the method
   * of a superinterface that it is or belongs to (itself, a parameter, a type parameter), e.g. {@code
   * Repo.find(Long)} with the types the subject binds, or else the type it lies in.
   */
  private String inheritedName(Element element) {
    ExecutableElement method = null;
    Element current = element;
    while (current != null && !(current instanceof TypeElement)) {
      if (current instanceof ExecutableElement e && method == null) {
        method = e;
      }
      current = current.getEnclosingElement();
    }
    if (current == null) {
      return null;
    }
    for (Element outer = current; outer != null; outer = outer.getEnclosingElement()) {
      if (outer.equals(subject)) {
        return null;
      }
    }
    TypeElement owner = (TypeElement) current;
    return method == null
        ? owner.getSimpleName().toString()
        : owner.getSimpleName() + "." + types.describe(subject, method);
  }

  boolean hasErrors() {
    return items.stream().anyMatch(i -> i.kind() == Kind.ERROR);
  }

  List<Item> items() {
    return List.copyOf(items);
  }

  /** Prints every item, in the order reported. */
  void printTo(Messager messager) {
    for (Item item : items) {
      if (item.annotation() == null) {
        messager.printMessage(item.kind(), item.text(), item.element());
      } else if (item.value() == null) {
        messager.printMessage(item.kind(), item.text(), item.element(), item.annotation());
      } else {
        messager.printMessage(item.kind(), item.text(), item.element(), item.annotation(), item.value());
      }
    }
  }
}
