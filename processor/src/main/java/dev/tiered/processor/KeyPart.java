package dev.tiered.processor;

import java.util.List;

/**
 * What kind of value a key argument (or a part of one) is: this decides how its key compares, hashes and writes it
 * ({@link KeyClassWriter}) and how its readable form looks ({@link SummaryWriter}). Made by {@link KeyTypes}.
 */
sealed interface KeyPart {
  /** The type the key holds the value in. */
  TypeRef type();

  /** {@code int}, {@code long}, {@code double}, ...: compared with {@code ==} (floating point: {@code compare}). */
  record Primitive(TypeRef.Primitive type) implements KeyPart {
    boolean isFloatingPoint() {
      return type.keyword().equals("float") || type.keyword().equals("double");
    }
  }

  /** A part held as an object with a stable string form, compared with {@code equals}. */
  sealed interface Leaf extends KeyPart {}

  /** A {@code String}. */
  record Text(TypeRef type) implements Leaf {}

  /** A primitive's wrapper, e.g. {@code Long}. */
  record Boxed(TypeRef type) implements Leaf {}

  /** An enum constant. */
  record EnumConstant(TypeRef type) implements Leaf {}

  /** A value class of the JDK: {@code UUID}, {@code BigDecimal}, {@code java.time} types, {@code Locale}, ... */
  record JdkValue(TypeRef type) implements Leaf {}

  /** A class of the user's that overrides {@code toString()} and {@code equals()}. */
  record ToStringObject(TypeRef type) implements Leaf {}

  /** An array, written element by element; the key keeps a copy, so a caller reusing the array cannot change it. */
  record ArrayOf(TypeRef type, KeyPart element) implements KeyPart {}

  /** A collection; the elements of an unordered one (a hash set) are written sorted, so equal sets agree. */
  record CollectionOf(TypeRef type, KeyPart element, boolean unordered) implements KeyPart {}

  /** A map; the entries of an unordered one (a hash map) are written sorted, so equal maps agree. */
  record MapOf(TypeRef type, KeyPart key, KeyPart value, boolean unordered) implements KeyPart {}

  /** A record, written component by component in a group. */
  record RecordOf(TypeRef type, List<Component> components) implements KeyPart {}

  /** A component of a {@link RecordOf}: its accessor's name and its part. */
  record Component(String name, KeyPart part) {}
}
