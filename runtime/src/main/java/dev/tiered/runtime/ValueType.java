package dev.tiered.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The full compile-time type of a cached value, generics included, e.g. {@code Map<String, List<Order>>}.
 * Generated decorators describe each method's value type with one, so that a {@link ValueFormat} decodes exactly
 * that type and only instantiates the classes it reaches.
 */
public final class ValueType {
  private final Class<?> raw;
  private final List<ValueType> arguments;

  private ValueType(Class<?> raw, List<ValueType> arguments) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.arguments = arguments;
  }

  /**
   * The type {@code raw<arguments...>}; for an array type, pass the array class and, when its component is
   * generic, the component's type as the single argument.
   */
  public static ValueType of(Class<?> raw, ValueType... arguments) {
    return new ValueType(raw, List.of(arguments));
  }

  /** The erased class, e.g. {@code List.class}. */
  public Class<?> raw() {
    return raw;
  }

  /** The type arguments, in order; empty for a non-generic type. */
  public List<ValueType> arguments() {
    return arguments;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValueType
        && ((ValueType) o).raw == raw
        && ((ValueType) o).arguments.equals(arguments);
  }

  @Override
  public int hashCode() {
    return raw.hashCode() * 31 + arguments.hashCode();
  }

  /** The type as Java writes it, e.g. {@code java.util.List<com.example.Order>}. */
  @Override
  public String toString() {
    String name = raw.getCanonicalName() != null ? raw.getCanonicalName() : raw.getName();
    if (arguments.isEmpty()) {
      return name;
    }
    return name + Arrays.toString(arguments.toArray()).replace('[', '<').replace(']', '>');
  }
}
