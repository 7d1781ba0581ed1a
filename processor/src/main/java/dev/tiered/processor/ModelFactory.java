package dev.tiered.processor;

import dev.tiered.SyncPolicy;
import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Bypassed;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Decorator;
import dev.tiered.processor.Model.Invalidating;
import dev.tiered.processor.Model.Method;
import dev.tiered.processor.Model.Policies;
import dev.tiered.processor.Model.Signature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Validates one {@code @Tiered} interface, the subject of a {@link ValidationReport}, and describes its decorator:
 * the interface itself and its backends here, its methods through {@link InterfaceMethods}, {@link MethodReader},
 * {@link PolicyReader} and {@link InvalidationTargets}. The model is only used when the report holds no error.
 */
final class ModelFactory {
  private final Elements elements;
  private final TypeMirrors mirrors;
  private final ValidationReport report;
  private final TypeElement subject;

  ModelFactory(TypeMirrors mirrors, ValidationReport report) {
    this.elements = mirrors.elements();
    this.mirrors = mirrors;
    this.report = report;
    this.subject = report.subject();
  }

  /** The decorator of the subject, annotated {@code tiered}, or null when it cannot have one (reported). */
  Decorator create(AnnotationMirror tiered) {
    if (subject.getKind() != ElementKind.INTERFACE) {
      CharSequence name = subject.getSimpleName();
      report.reportAt(
          Message.NOT_AN_INTERFACE, subject, tiered, null, name, Message.withArticle(subject.getKind()), name);
      return null;
    }
    if (!isAccessible(subject)) {
      report.report(Message.NOT_ACCESSIBLE, subject, subject.getQualifiedName());
    }
    if (!subject.getTypeParameters().isEmpty()) {
      report.report(
          Message.GENERIC_INTERFACE,
          subject.getTypeParameters().get(0),
          subject.getSimpleName(),
          Message.typeParameters(subject.getTypeParameters()),
          Message.bindingExample(subject.getSimpleName(), subject.getTypeParameters().size()));
      return null;
    }
    if (elements.getTypeElement(RuntimeApi.BACKEND) == null) {
      report.reportAt(Message.NO_RUNTIME, subject, tiered, null);
      return null;
    }
    Map<String, AnnotationValue> values = Annotations.withDefaults(elements, tiered);
    String name = (String) values.get("name").getValue();
    TypeRef.Declared l1 = backend(tiered, "l1");
    TypeRef.Declared l2 = backend(tiered, "l2");
    PolicyReader policies = new PolicyReader(elements, report);
    Policies defaults = policies.defaults(tiered);
    if (defaults == null) {
      return null;
    }
    List<Method> methods = methods(policies, defaults);
    policies.warnUnusedRaceLoser(tiered, cached(methods));
    TypeRef.Declared iface = mirrors.ref(subject);
    return new Decorator(
        subject,
        iface,
        new TypeRef.Declared(iface.packageName(), List.of("Tiered" + TypeMirrors.nestedName(subject)), List.of()),
        name.isEmpty() ? subject.getSimpleName().toString() : name,
        l1,
        l2,
        (Integer) values.get("version").getValue(),
        defaults,
        Annotations.enumConstant(values.get("sync"), SyncPolicy.class),
        MethodReader.deprecation(subject),
        methods);
  }

  /** Every valid method of the subject, in the order of {@link InterfaceMethods}. */
  private List<Method> methods(PolicyReader policies, Policies defaults) {
    InterfaceMethods interfaceMethods = new InterfaceMethods(mirrors);
    List<ExecutableElement> members = interfaceMethods.of(subject);
    MethodReader reader = new MethodReader(mirrors, policies, report);
    Map<String, Integer> cachedNames = new HashMap<>();
    for (ExecutableElement m : members) {
      if (Annotations.isCached(m)) {
        cachedNames.merge(m.getSimpleName().toString(), 1, Integer::sum);
      }
    }

    List<Method> methods = new ArrayList<>();
    Map<ExecutableElement, Cached> cachedByElement = new LinkedHashMap<>();
    List<ExecutableElement> invalidating = new ArrayList<>();
    Map<Integer, ExecutableElement> bulk = new LinkedHashMap<>();
    for (ExecutableElement m : members) {
      String reserved = interfaceMethods.reservedSignature(subject, m);
      if (reserved != null) {
        report.report(Message.RESERVED_NAME, m, mirrors.describe(subject, m), reserved);
        continue;
      }
      boolean bypassed = Annotations.has(m, Annotations.BYPASS);
      // A bypassed method passes its continuation on as it is; the others must be suspend functions to take one.
      if (!bypassed && !reader.checkContinuations(m)) {
        continue;
      }
      Signature signature = reader.signature(m, Annotations.isCached(m));
      if (signature == null) {
        continue;
      }
      AnnotationMirror cached = Annotations.find(m, Annotations.CACHED);
      AnnotationMirror bypass = Annotations.find(m, Annotations.BYPASS);
      AnnotationMirror invalidate = Annotations.find(m, Annotations.INVALIDATE);
      if (Annotations.has(m, Annotations.BULK)) {
        // Its target can only be resolved once every cached method is known; its place is kept until then.
        bulk.put(methods.size(), m);
        methods.add(new Bypassed(signature));
      } else if (bypassed) {
        if (cached != null) {
          report.reportAt(Message.BYPASS_WITH_CACHED, m, cached, null, mirrors.describe(subject, m));
        }
        if (invalidate != null) {
          report.reportAt(Message.INVALIDATE_WITH_BYPASS, m, bypass, null, mirrors.describe(subject, m));
        }
        methods.add(new Bypassed(signature));
      } else if (invalidate != null) {
        if (cached != null) {
          report.reportAt(Message.INVALIDATE_WITH_CACHED, m, cached, null, mirrors.describe(subject, m));
        }
        // Its targets can only be resolved once every cached method is known.
        methods.add(new Invalidating(signature, List.of(), reader.shape(m)));
        invalidating.add(m);
      } else {
        boolean overloaded = cachedNames.get(signature.name()) > 1;
        Cached model = reader.cached(m, signature, cached, defaults, overloaded);
        if (model != null) {
          methods.add(model);
          cachedByElement.put(m, model);
        }
      }
    }

    InvalidationTargets targets = new InvalidationTargets(mirrors, report, members, cachedByElement);
    int next = 0;
    for (int i = 0; i < methods.size(); i++) {
      if (methods.get(i) instanceof Invalidating inv) {
        methods.set(i, new Invalidating(inv.signature(), targets.of(invalidating.get(next++)), inv.shape()));
      }
    }
    BulkTargets bulkTargets = new BulkTargets(mirrors, reader, report, members, cachedByElement);
    for (Map.Entry<Integer, ExecutableElement> b : bulk.entrySet()) {
      Bulk model = bulkTargets.of(b.getValue(), methods.get(b.getKey()).signature());
      // A faulty bulk method stays a bypassed placeholder: the report holds its error, so nothing is written.
      if (model != null) {
        methods.set(b.getKey(), model);
      }
    }
    return List.copyOf(methods);
  }

  private static List<Cached> cached(List<Method> methods) {
    return methods.stream().filter(Cached.class::isInstance).map(Cached.class::cast).toList();
  }

  private static boolean isAccessible(TypeElement element) {
    Element current = element;
    while (current instanceof TypeElement type) {
      if (type.getModifiers().contains(Modifier.PRIVATE)
          || type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS) {
        return false;
      }
      current = type.getEnclosingElement();
    }
    return true;
  }

  /** The backend class of {@code attribute}, or null when it is not one (reported) or missing (javac reports). */
  private TypeRef.Declared backend(AnnotationMirror tiered, String attribute) {
    AnnotationValue value = Annotations.explicit(tiered).get(attribute);
    if (value == null) {
      return null;
    }
    TypeMirror type = (TypeMirror) value.getValue();
    TypeElement backend = elements.getTypeElement(RuntimeApi.BACKEND);
    if (type.getKind() != TypeKind.DECLARED || !mirrors.types().isAssignable(type, backend.asType())) {
      report.reportAt(Message.NOT_A_BACKEND, subject, tiered, value, attribute, type + ".class");
      return null;
    }
    return (TypeRef.Declared) mirrors.erasure(type);
  }
}
