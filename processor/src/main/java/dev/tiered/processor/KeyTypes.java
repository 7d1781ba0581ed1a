package dev.tiered.processor;

import dev.tiered.processor.Message.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Decides what kind of {@link KeyPart} a key argument's type is, or why it cannot be part of a key. A type
 * qualifies when its string form is stable: primitives and their boxes, strings, enums, {@code UUID}, {@code
 * java.time} values, big numbers, records of qualifying types, arrays and {@code java.util} collections and maps of
 * them, and classes that override {@code toString()} and {@code equals()}.
 */
final class KeyTypes {
  private static final Set<String> BOXES = Set.of(
      "java.lang.Boolean",
      "java.lang.Byte",
      "java.lang.Short",
      "java.lang.Integer",
      "java.lang.Long",
      "java.lang.Float",
      "java.lang.Double",
      "java.lang.Character");
  private static final Set<String> JDK_VALUES = Set.of(
      "java.math.BigDecimal",
      "java.math.BigInteger",
      "java.util.UUID",
      "java.util.Locale",
      "java.util.Currency",
      "java.net.URI");

  private final TypeMirrors mirrors;
  private final Types types;

  KeyTypes(TypeMirrors mirrors) {
    this.mirrors = mirrors;
    this.types = mirrors.types();
  }

  /** A key part, or the reason (from {@link Reason}) why a type has none. */
  record Result(KeyPart part, String reason) {}

  Result classify(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return ok(new KeyPart.Primitive((TypeRef.Primitive) mirrors.ref(type)));
    }
    TypeRef ref;
    switch (type.getKind()) {
      case ARRAY:
        return array((ArrayType) type);
      case WILDCARD:
        TypeMirror bound = ((WildcardType) type).getExtendsBound();
        return bound == null ? fail(Reason.WILDCARD.text()) : classify(bound);
      case TYPEVAR:
        return fail(Reason.TYPE_VARIABLE.text());
      case DECLARED:
        ref = mirrors.ref(type);
        break;
      default:
        return fail(Reason.OTHER_KIND.text(type.getKind().toString().toLowerCase(Locale.ROOT)));
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.lang.String")) {
      return ok(new KeyPart.Text(ref));
    }
    if (BOXES.contains(name)) {
      return ok(new KeyPart.Boxed(ref));
    }
    if (element.getKind() == ElementKind.ENUM) {
      return ok(new KeyPart.EnumConstant(ref));
    }
    if (JDK_VALUES.contains(name) || name.startsWith("java.time.")) {
      return ok(new KeyPart.JdkValue(ref));
    }
    if (element.getKind() == ElementKind.RECORD) {
      return record(declared, element, ref);
    }
    if (mirrors.isSubtype(type, "java.util.Map")) {
      return map(declared, ref);
    }
    if (mirrors.isSubtype(type, "java.util.Collection")) {
      return collection(declared, ref);
    }
    if (element.getKind().isInterface()) {
      return fail(Reason.INTERFACE.text());
    }
    boolean toString = overrides(element, "toString");
    if (!toString || !overrides(element, "equals")) {
      return fail(Reason.INHERITS_OBJECT_METHOD.text(toString ? "equals" : "toString"));
    }
    return ok(new KeyPart.ToStringObject(ref));
  }

  private Result array(ArrayType type) {
    TypeMirror component = type.getComponentType();
    if (component.getKind() == TypeKind.ARRAY) {
      return fail(Reason.ARRAY_OF_ARRAYS.text());
    }
    Result element = classify(component);
    return element.part == null
        ? fail(Reason.ELEMENTS.text(TypeMirrors.simple(component), element.reason))
        : ok(new KeyPart.ArrayOf(mirrors.ref(type), element.part));
  }

  private Result map(DeclaredType type, TypeRef ref) {
    List<? extends TypeMirror> args = type.getTypeArguments();
    if (args.size() != 2) {
      return fail(Reason.MAP_WITHOUT_TYPES.text());
    }
    Result key = classify(args.get(0));
    if (key.part == null) {
      return fail(Reason.MAP_KEYS.text(TypeMirrors.simple(args.get(0)), key.reason));
    }
    Result value = classify(args.get(1));
    if (value.part == null) {
      return fail(Reason.MAP_VALUES.text(TypeMirrors.simple(args.get(1)), value.reason));
    }
    boolean unordered = !mirrors.isSubtype(type, "java.util.SortedMap");
    return ok(new KeyPart.MapOf(ref, key.part, value.part, unordered));
  }

  private Result collection(DeclaredType type, TypeRef ref) {
    List<? extends TypeMirror> args = type.getTypeArguments();
    if (args.size() != 1) {
      return fail(Reason.COLLECTION_WITHOUT_TYPE.text());
    }
    Result element = classify(args.get(0));
    if (element.part == null) {
      return fail(Reason.ELEMENTS.text(TypeMirrors.simple(args.get(0)), element.reason));
    }
    boolean unordered = mirrors.isSubtype(type, "java.util.Set") && !mirrors.isSubtype(type, "java.util.SortedSet");
    return ok(new KeyPart.CollectionOf(ref, element.part, unordered));
  }

  private Result record(DeclaredType declared, TypeElement element, TypeRef ref) {
    List<KeyPart.Component> components = new ArrayList<>();
    for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
      TypeMirror componentType = types.asMemberOf(declared, component.getAccessor()) instanceof ExecutableType e
          ? e.getReturnType()
          : component.asType();
      Result part = classify(componentType);
      if (part.part == null) {
        return fail(Reason.RECORD_COMPONENT.text(
            component.getSimpleName(), TypeMirrors.simple(componentType), part.reason));
      }
      components.add(new KeyPart.Component(component.getSimpleName().toString(), part.part));
    }
    return ok(new KeyPart.RecordOf(ref, List.copyOf(components)));
  }

  /** Whether {@code element} or a superclass below {@code Object} declares a concrete {@code method}. */
  private boolean overrides(TypeElement element, String method) {
    TypeElement current = element;
    while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
      for (ExecutableElement m : ElementFilter.methodsIn(current.getEnclosedElements())) {
        if (m.getSimpleName().contentEquals(method)
            && !m.getModifiers().contains(Modifier.ABSTRACT)
            && m.getParameters().size() == (method.equals("equals") ? 1 : 0)) {
          return true;
        }
      }
      TypeMirror superclass = current.getSuperclass();
      Element next = superclass.getKind() == TypeKind.DECLARED ? types.asElement(superclass) : null;
      current = (TypeElement) next;
    }
    return false;
  }

  private static Result ok(KeyPart part) {
    return new Result(part, null);
  }

  private static Result fail(String reason) {
    return new Result(null, reason);
  }
}
