package dev.tiered.processor;

import java.util.List;
import java.util.Map;

/**
 * A Java type as the decorator spells it: data only, made from a {@code TypeMirror} by {@link TypeMirrors} and
 * turned into JavaPoet by {@link TypeNames}. The model keeps types in this form so that it holds no code.
 */
sealed interface TypeRef {
  /** {@code boolean} ... {@code double}, and {@code void}. */
  record Primitive(String keyword) implements TypeRef {
    private static final Map<String, String> BOXES = Map.of(
        "boolean", "Boolean",
        "byte", "Byte",
        "short", "Short",
        "int", "Integer",
        "long", "Long",
        "char", "Character",
        "float", "Float",
        "double", "Double");

    /** The wrapper class, e.g. {@code java.lang.Long} for {@code long}. */
    Declared box() {
      return new Declared("java.lang", List.of(BOXES.get(keyword)), List.of());
    }
  }

  /**
   * A class or interface, with its type arguments.
   *
   * @param simpleNames the simple names from the outermost type in, e.g. {@code [UserService, User]}
   */
  record Declared(String packageName, List<String> simpleNames, List<TypeRef> arguments) implements TypeRef {
    String simpleName() {
      return simpleNames.get(simpleNames.size() - 1);
    }

    /** The dotted name, e.g. {@code test.UserService.User}. */
    String canonicalName() {
      String nested = String.join(".", simpleNames);
      return packageName.isEmpty() ? nested : packageName + "." + nested;
    }
  }

  record Array(TypeRef component) implements TypeRef {}

  /** {@code ?}, {@code ? extends T} or {@code ? super T}; a bound that is absent is {@code null}. */
  record Wildcard(TypeRef extendsBound, TypeRef superBound) implements TypeRef {}

  /**
   * A type variable.
   *
   * @param erasedBound the erasure of its first bound, or null when that is {@code Object}
   */
  record Variable(String name, TypeRef erasedBound) implements TypeRef {}

  /** The reference type that holds a value of this type: the wrapper of a primitive, else the type itself. */
  default TypeRef boxed() {
    return this instanceof Primitive p && !p.keyword().equals("void") ? p.box() : this;
  }

  default boolean isVoid() {
    return this instanceof Primitive p && p.keyword().equals("void");
  }
}
