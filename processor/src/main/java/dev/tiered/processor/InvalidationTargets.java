package dev.tiered.processor;

import dev.tiered.processor.Model.Cached;
import dev.tiered.processor.Model.Parameter;
import dev.tiered.processor.Model.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Resolves the names in an {@code @Invalidate} to the cached methods whose entries it removes, and, unless it
 * removes all of them, to the parameters that build their keys. A fault is reported on the offending name.
 */
final class InvalidationTargets {
  private final Elements elements;
  private final TypeMirrors mirrors;
  private final ValidationReport report;
  private final TypeElement subject;
  private final List<ExecutableElement> members;
  private final Map<ExecutableElement, Cached> cached;

  /**
   * @param members every method of the subject
   * @param cached the valid cached methods among them
   */
  InvalidationTargets(
      TypeMirrors mirrors,
      ValidationReport report,
      List<ExecutableElement> members,
      Map<ExecutableElement, Cached> cached) {
    this.elements = mirrors.elements();
    this.mirrors = mirrors;
    this.report = report;
    this.subject = report.subject();
    this.members = members;
    this.cached = cached;
  }

  /** The removals of {@code m}, an {@code @Invalidate} method, in the order it names them. */
  List<Target> of(ExecutableElement m) {
    AnnotationMirror annotation = Annotations.find(m, Annotations.INVALIDATE);
    Map<String, AnnotationValue> values = Annotations.withDefaults(elements, annotation);
    boolean all = (Boolean) values.get("all").getValue();
    List<? extends AnnotationValue> names = Annotations.list(values.get("value"));
    if (names.isEmpty()) {
      report.reportAt(
          Message.EMPTY_INVALIDATE,
          m,
          annotation,
          Annotations.explicit(annotation).get("value"),
          mirrors.describe(subject, m));
      return List.of();
    }
    List<Target> targets = new ArrayList<>();
    for (AnnotationValue nameValue : names) {
      String name = (String) nameValue.getValue();
      List<Cached> matches = cached.values().stream().filter(c -> c.signature().name().equals(name)).toList();
      if (matches.isEmpty()) {
        reportNotCached(m, annotation, nameValue, name);
      } else {
        targets.addAll(targets(m, annotation, nameValue, all, matches));
      }
    }
    return List.copyOf(targets);
  }

  /** Reports why {@code name} matches no cached method, unless a method of that name failed validation. */
  private void reportNotCached(ExecutableElement m, AnnotationMirror annotation, AnnotationValue at, String name) {
    ExecutableElement other =
        members.stream().filter(e -> e.getSimpleName().contentEquals(name)).findFirst().orElse(null);
    if (other == null) {
      String suggestion = nearest(name, cached.values().stream().map(c -> c.signature().name()).toList());
      report.reportAt(
          Message.UNKNOWN_INVALIDATE_TARGET,
          m,
          annotation,
          at,
          mirrors.describe(subject, m),
          name,
          subject.getSimpleName(),
          Message.didYouMean(suggestion));
    } else if (Annotations.has(other, Annotations.BYPASS) || Annotations.has(other, Annotations.INVALIDATE)) {
      String why = Annotations.has(other, Annotations.BYPASS) ? "Bypass" : "Invalidate";
      report.reportAt(
          Message.INVALIDATE_TARGET_NOT_CACHED, m, annotation, at, mirrors.describe(subject, m), name, why);
    }
  }

  /**
   * The removals of {@code matches}, the cached methods of one name: an overloaded name removes every overload
   * whose key {@code m}'s parameters can build.
   */
  private List<Target> targets(
      ExecutableElement m, AnnotationMirror annotation, AnnotationValue at, boolean all, List<Cached> matches) {
    if (all) {
      return matches.stream().map(target -> new Target(target, true, List.of())).toList();
    }
    List<Target> found = new ArrayList<>();
    Cached firstUnbuildable = null;
    Parameter firstMissing = null;
    for (Cached target : matches) {
      List<String> arguments = new ArrayList<>();
      Parameter missing = null;
      for (Parameter keyParameter : target.keyParameters()) {
        String argument = argumentFor(m, target, keyParameter);
        if (argument == null) {
          missing = keyParameter;
          break;
        }
        arguments.add(argument);
      }
      if (missing == null) {
        found.add(new Target(target, false, List.copyOf(arguments)));
      } else if (firstUnbuildable == null) {
        firstUnbuildable = target;
        firstMissing = missing;
      }
    }
    if (found.isEmpty() && firstUnbuildable != null) {
      report.reportAt(
          Message.INVALIDATE_MISSING_PARAMETER,
          m,
          annotation,
          at,
          mirrors.describe(subject, m),
          mirrors.describe(subject, elementOf(firstUnbuildable)),
          firstMissing.name(),
          TypeMirrors.simple(keyParameterType(firstUnbuildable, firstMissing)),
          firstMissing.name(),
          at.getValue());
    }
    return found;
  }

  /** The parameter of {@code m} with the name of {@code keyParameter} and a type assignable to it, if any. */
  private String argumentFor(ExecutableElement m, Cached target, Parameter keyParameter) {
    ExecutableType type = mirrors.memberType(subject, m);
    List<? extends VariableElement> parameters = m.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (parameters.get(i).getSimpleName().contentEquals(keyParameter.name())
          && mirrors.types().isAssignable(
              type.getParameterTypes().get(i), keyParameterType(target, keyParameter))) {
        return keyParameter.name();
      }
    }
    return null;
  }

  private TypeMirror keyParameterType(Cached target, Parameter keyParameter) {
    int index = target.signature().parameters().indexOf(keyParameter);
    return mirrors.memberType(subject, elementOf(target)).getParameterTypes().get(index);
  }

  private ExecutableElement elementOf(Cached target) {
    return cached.entrySet().stream()
        .filter(e -> e.getValue() == target)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  /** The candidate closest to {@code name} by edit distance, when close enough to be a likely typo. */
  static String nearest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 2) ? best : null;
  }

  /** The Levenshtein distance between {@code a} and {@code b}. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
