package dev.tiered.processor;

import dev.tiered.processor.Model.Bulk;
import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Ids;
import dev.tiered.processor.Model.Shape;
import dev.tiered.processor.Model.Signature;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Validates a {@code @Bulk} method and resolves the single-key cached method whose entries it reads and fills: its
 * target must be a cached method whose one parameter is its key, and the bulk method must have the shape {@code
 * Map<K, V> m(C ids)} (or a {@code CompletionStage} of that map), {@code C} a {@code Collection}, {@code Set} or
 * {@code List} of {@code K}, with the target's key type {@code K} and value type {@code V}. Each fault is reported
 * once per method: on the annotation's value when it names the wrong method, on the parameter when the ids are
 * wrong, else on the method.
 */
final class BulkTargets {
  private static final Map<String, Ids> COLLECTIONS =
      Map.of("java.util.Collection", Ids.COLLECTION, "java.util.List", Ids.LIST, "java.util.Set", Ids.SET);

  private final TypeMirrors mirrors;
  private final Types types;
  private final MethodReader reader;
  private final ValidationReport report;
  private final TypeElement subject;
  private final List<ExecutableElement> members;
  private final Map<ExecutableElement, Cached> cached;

  /**
   * @param members every method of the subject
   * @param cached the valid cached methods among them
   */
  BulkTargets(
      TypeMirrors mirrors,
      MethodReader reader,
      ValidationReport report,
      List<ExecutableElement> members,
      Map<ExecutableElement, Cached> cached) {
    this.mirrors = mirrors;
    this.types = mirrors.types();
    this.reader = reader;
    this.report = report;
    this.subject = report.subject();
    this.members = members;
    this.cached = cached;
  }

  /** The bulk method {@code m}, with {@code signature}; null when it is faulty (reported). */
  Bulk of(ExecutableElement m, Signature signature) {
    AnnotationMirror bulk = Annotations.find(m, Annotations.BULK);
    AnnotationValue name = Annotations.explicit(bulk).get("value");
    String described = mirrors.describe(subject, m);
    for (String other : List.of(Annotations.CACHED, Annotations.BYPASS, Annotations.INVALIDATE)) {
      AnnotationMirror conflict = Annotations.find(m, other);
      if (conflict != null) {
        String simple = other.substring(other.lastIndexOf('.') + 1);
        report.reportAt(Message.BULK_CONFLICT, m, conflict, null, described, simple, name.getValue(), simple);
        return null;
      }
    }
    ExecutableElement target = target(m, bulk, name);
    if (target == null) {
      return null;
    }
    ExecutableType type = mirrors.memberType(subject, m);
    String targetName = mirrors.describe(subject, target);
    TypeMirror key = mirrors.boxed(mirrors.memberType(subject, target).getParameterTypes().get(0));
    TypeMirror value = reader.cachedValue(target);
    String k = TypeMirrors.simple(key);
    String v = TypeMirrors.simple(value);

    Shape shape = reader.shape(m);
    List<? extends TypeMirror> all = type.getParameterTypes();
    // A suspend function's continuation is how its result comes back, not a parameter the caller passes.
    List<? extends TypeMirror> parameters = shape == Shape.SUSPEND ? all.subList(0, all.size() - 1) : all;
    Ids ids = parameters.size() == 1 ? ids(parameters.get(0)) : null;
    if (ids == null) {
      boolean one = parameters.size() == 1;
      String takes = Message.takes(parameters.size(), one ? TypeMirrors.simple(parameters.get(0)) : "");
      report.report(Message.BULK_PARAMETERS, one ? m.getParameters().get(0) : m, described, takes, targetName, k, k, k);
      return null;
    }
    TypeMirror map = shape == Shape.SUSPEND ? suspendMap(m) : map(type.getReturnType(), shape);
    if (map == null) {
      String returns = TypeMirrors.simple(type.getReturnType());
      report.report(Message.BULK_RETURN_TYPE, m, described, returns, targetName, k, v, k, v);
      return null;
    }
    TypeMirror element = argument(parameters.get(0), 0);
    if (!types.isSameType(element, key)) {
      String ofIds = TypeMirrors.simple(element);
      report.report(Message.BULK_KEY_MISMATCH, m.getParameters().get(0), described, ofIds, targetName, k, k);
      return null;
    }
    if (!types.isSameType(argument(map, 0), key)) {
      String ofKeys = TypeMirrors.simple(argument(map, 0));
      report.report(Message.BULK_KEY_MISMATCH, m, described, ofKeys, targetName, k, k);
      return null;
    }
    if (!types.isSameType(argument(map, 1), value)) {
      String returned = TypeMirrors.simple(argument(map, 1));
      report.report(Message.BULK_VALUE_MISMATCH, m, described, returned, targetName, v, k, v);
      return null;
    }
    return new Bulk(signature, cached.get(target), ids, mirrors.ref(key), shape);
  }

  /**
   * The single-key cached method that {@code name} of {@code bulk} on {@code m} names, or null when there is none
   * (reported, unless a method of that name failed validation already). Of overloads, the one whose key type is the
   * type of the ids.
   */
  private ExecutableElement target(ExecutableElement m, AnnotationMirror bulk, AnnotationValue name) {
    String target = (String) name.getValue();
    List<ExecutableElement> named = members.stream().filter(e -> e.getSimpleName().contentEquals(target)).toList();
    String described = mirrors.describe(subject, m);
    if (named.isEmpty()) {
      String suggestion = InvalidationTargets.nearest(target, cached.values().stream()
          .filter(c -> c.signature().parameters().size() == 1)
          .map(c -> c.signature().name())
          .toList());
      report.reportAt(Message.UNKNOWN_BULK_TARGET, m, bulk, name, described, target, subject.getSimpleName(),
          Message.didYouMean(suggestion));
      return null;
    }
    List<ExecutableElement> single = named.stream()
        .filter(cached::containsKey)
        .filter(e -> arguments(cached.get(e)) == 1)
        .toList();
    if (single.isEmpty()) {
      ExecutableElement first = named.get(0);
      String marked = List.of(Annotations.BYPASS, Annotations.INVALIDATE, Annotations.BULK).stream()
          .filter(a -> Annotations.has(first, a))
          .map(a -> a.substring(a.lastIndexOf('.') + 1))
          .findFirst()
          .orElse(null);
      if (marked != null || cached.containsKey(first)) {
        int arguments = cached.containsKey(first) ? arguments(cached.get(first)) : first.getParameters().size();
        report.reportAt(Message.BULK_TARGET_NOT_SINGLE_KEY, m, bulk, name, described,
            mirrors.describe(subject, first), Message.notSingleKey(marked, arguments));
      }
      return null;
    }
    List<? extends TypeMirror> parameters = mirrors.memberType(subject, m).getParameterTypes();
    TypeMirror element = parameters.size() == 1 && ids(parameters.get(0)) != null
        ? argument(parameters.get(0), 0)
        : null;
    return single.stream()
        .filter(e -> element != null && types.isSameType(
            element, mirrors.boxed(mirrors.memberType(subject, e).getParameterTypes().get(0))))
        .findFirst()
        .orElse(single.get(0));
  }

  /** The map that a method of {@code shape} returning {@code type} returns, with its two type arguments, or null. */
  private TypeMirror map(TypeMirror type, Shape shape) {
    TypeMirror map = type;
    if (shape.isAsync()) {
      List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
      map = arguments.size() == 1 ? mirrors.bound(arguments.get(0)) : null;
    }
    boolean isMap = shape != Shape.OPTIONAL
        && map != null
        && mirrors.isClass(map, "java.util.Map")
        && ((DeclaredType) map).getTypeArguments().size() == 2;
    return isMap ? map : null;
  }

  /** The map a bulk suspend function {@code m} resumes with, with its two type arguments, or null. */
  private TypeMirror suspendMap(ExecutableElement m) {
    TypeMirror value = reader.cachedValue(m);
    boolean isMap = value != null
        && mirrors.isClass(value, "java.util.Map")
        && ((DeclaredType) value).getTypeArguments().size() == 2;
    return isMap ? value : null;
  }

  /** How {@code type} holds ids: a {@code Collection}, {@code List} or {@code Set} with its type argument, or null. */
  private Ids ids(TypeMirror type) {
    for (Map.Entry<String, Ids> collection : COLLECTIONS.entrySet()) {
      if (mirrors.isClass(type, collection.getKey()) && ((DeclaredType) type).getTypeArguments().size() == 1) {
        return collection.getValue();
      }
    }
    return null;
  }

  /** How many arguments a caller passes {@code c}: its parameters, but a suspend function's continuation. */
  private static int arguments(Cached c) {
    return c.shape().arguments(c.signature()).size();
  }

  private static TypeMirror argument(TypeMirror type, int index) {
    return ((DeclaredType) type).getTypeArguments().get(index);
  }
}
