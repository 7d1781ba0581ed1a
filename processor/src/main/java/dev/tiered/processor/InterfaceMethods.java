package dev.tiered.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods a decorator of an interface implements, in a deterministic order: the interface's own in declaration
 * order, then those of each superinterface, depth first in the order they are extended, skipping static and private
 * methods, those of {@code Object}, and those an earlier one overrides. Inherited members are seen through {@link
 * Types#asMemberOf}, with the type arguments the interface binds.
 */
final class InterfaceMethods {
  /**
   * The decorator's own methods without parameters, which an interface method of the same signature would clash
   * with: those of {@code TieredCache}, and the static {@code builder()}.
   */
  private static final List<String> RESERVED_WITHOUT_PARAMETERS =
      List.of(RuntimeApi.CACHE_NAME, RuntimeApi.STATS_METHOD, RuntimeApi.INVALIDATE_ALL, RuntimeApi.CLOSE, "builder");

  private final Elements elements;
  private final Types types;
  private final TypeMirrors mirrors;

  InterfaceMethods(TypeMirrors mirrors) {
    this.elements = mirrors.elements();
    this.types = mirrors.types();
    this.mirrors = mirrors;
  }

  /** The methods of {@code subject} in the order described above. */
  List<ExecutableElement> of(TypeElement subject) {
    List<ExecutableElement> result = new ArrayList<>();
    collect(subject, subject, result, new HashSet<>());
    return List.copyOf(result);
  }

  private void collect(TypeElement subject, TypeElement type, List<ExecutableElement> out, Set<String> seen) {
    if (!seen.add(type.getQualifiedName().toString())) {
      return;
    }
    for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = m.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE) || isObjectMethod(m)) {
        continue;
      }
      boolean overridden = false;
      for (ExecutableElement existing : out) {
        if (existing.getSimpleName().equals(m.getSimpleName())
            && (elements.overrides(existing, m, subject) || sameErasedSignature(subject, existing, m))) {
          overridden = true;
          break;
        }
      }
      if (!overridden) {
        out.add(m);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect(subject, (TypeElement) types.asElement(parent), out, seen);
    }
  }

  /**
   * The decorator's own method that {@code m} would clash with ({@code cacheName()}, {@code stats()}, {@code
   * stats(String)}, {@code invalidateAll()}, {@code close()}, {@code builder()}), or null.
   */
  String reservedSignature(TypeElement subject, ExecutableElement m) {
    String name = m.getSimpleName().toString();
    List<? extends TypeMirror> params = mirrors.memberType(subject, m).getParameterTypes();
    if (params.isEmpty() && RESERVED_WITHOUT_PARAMETERS.contains(name)) {
      return name + "()";
    }
    if (params.size() == 1
        && name.equals(RuntimeApi.STATS_METHOD)
        && types.isSameType(types.erasure(params.get(0)), elements.getTypeElement("java.lang.String").asType())) {
      return "stats(String)";
    }
    return null;
  }

  private boolean sameErasedSignature(TypeElement subject, ExecutableElement a, ExecutableElement b) {
    ExecutableType ta = mirrors.memberType(subject, a);
    ExecutableType tb = mirrors.memberType(subject, b);
    return sameErasures(ta.getParameterTypes(), tb.getParameterTypes());
  }

  private boolean isObjectMethod(ExecutableElement m) {
    TypeElement object = elements.getTypeElement("java.lang.Object");
    for (ExecutableElement om : ElementFilter.methodsIn(object.getEnclosedElements())) {
      if (om.getSimpleName().equals(m.getSimpleName())
          && sameErasures(
              om.getParameters().stream().map(p -> p.asType()).toList(),
              m.getParameters().stream().map(p -> p.asType()).toList())) {
        return true;
      }
    }
    return false;
  }

  private boolean sameErasures(List<? extends TypeMirror> a, List<? extends TypeMirror> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!types.isSameType(types.erasure(a.get(i)), types.erasure(b.get(i)))) {
        return false;
      }
    }
    return true;
  }
}
