package dev.tiered.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What the validators ask of javac's types: subtyping by name, members as seen from the annotated interface, the
 * short forms that messages print, and the {@link TypeRef}s the model keeps.
 */
final class TypeMirrors {
  /** The hidden last parameter of a Kotlin suspend function, through which it returns its value. */
  static final String CONTINUATION = "kotlin.coroutines.Continuation";

  private final Elements elements;
  private final Types types;

  TypeMirrors(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  Elements elements() {
    return elements;
  }

  Types types() {
    return types;
  }

  /** Whether the erasure of {@code type} is a subtype of the class named {@code name}, which may be absent. */
  boolean isSubtype(TypeMirror type, String name) {
    TypeElement target = elements.getTypeElement(name);
    return target != null && types.isSubtype(types.erasure(type), types.erasure(target.asType()));
  }

  /** Whether {@code type} is the class named {@code name} itself (any type arguments). */
  boolean isClass(TypeMirror type, String name) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(name);
  }

  /** What a value of {@code type} is at least: a wildcard's upper bound ({@code Object} for none), else the type. */
  TypeMirror bound(TypeMirror type) {
    if (type instanceof WildcardType w) {
      return w.getExtendsBound() != null ? w.getExtendsBound() : elements.getTypeElement("java.lang.Object").asType();
    }
    return type;
  }

  /** The wrapper class of a primitive {@code type}, else {@code type}. */
  TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  /** {@code m} as a member of {@code subject}: the type arguments of superinterfaces bound. */
  ExecutableType memberType(TypeElement subject, ExecutableElement m) {
    return (ExecutableType) types.asMemberOf((DeclaredType) subject.asType(), m);
  }

  /**
   * {@code m} as messages name it, with the parameter types {@code subject} binds: {@code find(Long)}; a suspend
   * function as Kotlin declares it, without its continuation.
   */
  String describe(TypeElement subject, ExecutableElement m) {
    ExecutableType type = memberType(subject, m);
    List<? extends TypeMirror> parameters = type.getParameterTypes();
    if (isSuspend(type)) {
      parameters = parameters.subList(0, parameters.size() - 1);
    }
    String params = parameters.stream().map(TypeMirrors::simple).collect(Collectors.joining(", "));
    return m.getSimpleName() + "(" + params + ")";
  }

  /** Whether {@code type} is Kotlin's {@code Continuation}, which a suspend function takes last. */
  boolean isContinuation(TypeMirror type) {
    return isClass(type, CONTINUATION);
  }

  /**
   * Whether {@code type} is a Kotlin suspend function's as kapt's stubs declare it: a continuation last, returning
   * {@code Object} (its value, or the marker that it suspended).
   */
  boolean isSuspend(ExecutableType type) {
    List<? extends TypeMirror> parameters = type.getParameterTypes();
    return !parameters.isEmpty()
        && isContinuation(parameters.get(parameters.size() - 1))
        && isClass(type.getReturnType(), "java.lang.Object");
  }

  /** {@code type} without package names, as messages print it: {@code Map<String, List<User>>}. */
  static String simple(TypeMirror type) {
    return type.toString().replaceAll("\\b[a-z][a-z0-9_]*\\.", "");
  }

  /** The simple names of {@code element} and the types it is nested in, joined by {@code _}: {@code Outer_Inner}. */
  static String nestedName(TypeElement element) {
    return String.join("_", simpleNames(element));
  }

  private static List<String> simpleNames(TypeElement element) {
    List<String> names = new ArrayList<>();
    Element current = element;
    while (current instanceof TypeElement type) {
      names.add(0, type.getSimpleName().toString());
      current = type.getEnclosingElement();
    }
    return names;
  }

  /** The declared type of {@code element}, without type arguments. */
  TypeRef.Declared ref(TypeElement element) {
    return new TypeRef.Declared(
        elements.getPackageOf(element).getQualifiedName().toString(), simpleNames(element), List.of());
  }

  /** {@code type} as the model keeps it. */
  TypeRef ref(TypeMirror type) {
    TypeKind kind = type.getKind();
    if (kind.isPrimitive() || kind == TypeKind.VOID) {
      return new TypeRef.Primitive(kind.toString().toLowerCase(Locale.ROOT));
    }
    switch (kind) {
      case DECLARED:
      case ERROR:
        DeclaredType declared = (DeclaredType) type;
        TypeRef.Declared raw = ref((TypeElement) declared.asElement());
        List<TypeRef> arguments = declared.getTypeArguments().stream().map(this::ref).toList();
        return new TypeRef.Declared(raw.packageName(), raw.simpleNames(), arguments);
      case ARRAY:
        return new TypeRef.Array(ref(((ArrayType) type).getComponentType()));
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return new TypeRef.Wildcard(
            wildcard.getExtendsBound() == null ? null : ref(wildcard.getExtendsBound()),
            wildcard.getSuperBound() == null ? null : ref(wildcard.getSuperBound()));
      case TYPEVAR:
        TypeVariable variable = (TypeVariable) type;
        TypeMirror bound = variable.getUpperBound() instanceof IntersectionType intersection
            ? intersection.getBounds().get(0)
            : variable.getUpperBound();
        return new TypeRef.Variable(
            variable.asElement().getSimpleName().toString(),
            isClass(bound, "java.lang.Object") ? null : erasure(bound));
      default:
        throw new IllegalArgumentException("a " + kind + " type in a signature: " + type);
    }
  }

  /** The erasure of {@code type} as the model keeps it. */
  TypeRef erasure(TypeMirror type) {
    return ref(types.erasure(type));
  }
}
