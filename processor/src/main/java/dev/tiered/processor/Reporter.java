package dev.tiered.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * Reports the diagnostics of one annotated interface, anchored as tightly as javac allows (element, annotation,
 * annotation value), and remembers whether any was an error so that nothing is generated for a faulty interface.
 */
final class Reporter {
  private final Messager messager;
  private boolean errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void report(Message message, Element element, Object... args) {
    report(message, element, null, null, args);
  }

  void report(Message message, Element element, AnnotationMirror annotation, Object... args) {
    report(message, element, annotation, null, args);
  }

  void report(
      Message message,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Object... args) {
    if (message.kind() == Kind.ERROR) {
      errors = true;
    }
    String text = message.text(args);
    if (annotation == null) {
      messager.printMessage(message.kind(), text, element);
    } else if (value == null) {
      messager.printMessage(message.kind(), text, element, annotation);
    } else {
      messager.printMessage(message.kind(), text, element, annotation, value);
    }
  }

  /**
   * Reports a fault of {@code member}, a method inherited from another interface, on the annotated interface {@code
   * root} with the member named in the text: the member may come from a jar (no source to point at), and may be
   * fine for another interface that binds its type parameters differently.
   */
  void reportInherited(Message message, TypeElement root, String member, Object... args) {
    if (message.kind() == Kind.ERROR) {
      errors = true;
    }
    messager.printMessage(message.kind(), message.textAbout(member, args), root);
  }

  boolean hasErrors() {
    return errors;
  }
}
