package dev.tiered.runtime.kryo;

import dev.tiered.runtime.ValueType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Type arguments seen through class hierarchies: what a class's fields, or a collection's elements, are when a value
 * of that class stands for a declared type. A binding maps a class's type variables to the types they stand for;
 * an unbound variable stands for its erased bound.
 */
final class GenericTypes {
  private GenericTypes() {}

  /** {@code t} as a value type, its type variables replaced through {@code bindings}. */
  static ValueType resolve(Type t, Map<TypeVariable<?>, ValueType> bindings) {
    if (t instanceof Class<?>) {
      return ValueType.of((Class<?>) t);
    } else if (t instanceof ParameterizedType) {
      Type[] arguments = ((ParameterizedType) t).getActualTypeArguments();
      ValueType[] resolved = new ValueType[arguments.length];
      for (int i = 0; i < arguments.length; i++) {
        resolved[i] = resolve(arguments[i], bindings);
      }
      return ValueType.of(raw(t), resolved);
    } else if (t instanceof GenericArrayType) {
      return arrayOf(resolve(((GenericArrayType) t).getGenericComponentType(), bindings));
    } else if (t instanceof TypeVariable<?>) {
      ValueType bound = bindings.get(t);
      return bound != null ? bound : ValueType.of(raw(t));
    } else if (t instanceof WildcardType) {
      return resolve(((WildcardType) t).getUpperBounds()[0], bindings);
    }
    return ValueType.of(Object.class);
  }

  /** The array type of {@code component}, as {@link ValueType#of} writes it: a generic component is its argument. */
  static ValueType arrayOf(ValueType component) {
    Class<?> array = component.raw().arrayType();
    return component.arguments().isEmpty() ? ValueType.of(array) : ValueType.of(array, component);
  }

  /** The component type of the array type {@code array}. */
  static ValueType componentOf(ValueType array) {
    return array.arguments().isEmpty()
        ? ValueType.of(array.raw().getComponentType())
        : array.arguments().get(0);
  }

  /**
   * The bindings of {@code actual}'s type variables under which an instance of {@code actual} is a {@code declared};
   * {@code null} when no binding makes it one (a class that binds the declared type's arguments to other types, as
   * {@code class Names extends ArrayList<String>} does for a declared {@code List<Tag>}).
   */
  static Map<TypeVariable<?>, ValueType> bind(Class<?> actual, ValueType declared) {
    Map<TypeVariable<?>, ValueType> bindings = new HashMap<>();
    if (declared.arguments().isEmpty() || declared.raw().isArray()) {
      return bindings;
    }
    return bindAs(actual, declared.raw(), declared.arguments(), bindings) ? bindings : null;
  }

  /**
   * The type arguments of {@code target}, a generic supertype of {@code c} (e.g. {@code Map} for {@code EnumMap}),
   * when {@code c}'s variables stand for {@code bindings}.
   */
  static List<ValueType> argumentsOf(Class<?> target, Class<?> c, Map<TypeVariable<?>, ValueType> bindings) {
    if (c == target) {
      List<ValueType> arguments = new ArrayList<>();
      for (TypeVariable<?> parameter : c.getTypeParameters()) {
        arguments.add(resolve(parameter, bindings));
      }
      return arguments;
    }
    Type supertype = supertypeToward(c, target);
    if (supertype == null) {
      return argumentsOf(target, target, Map.of());
    }
    return argumentsOf(target, raw(supertype), bindingsOfSupertype(supertype, bindings));
  }

  /** The bindings of a supertype's own variables, e.g. {@code E -> Order} for {@code ArrayList<Order>}. */
  static Map<TypeVariable<?>, ValueType> bindingsOfSupertype(Type supertype,
      Map<TypeVariable<?>, ValueType> bindings) {
    Map<TypeVariable<?>, ValueType> result = new HashMap<>();
    if (supertype instanceof ParameterizedType) {
      Type[] arguments = ((ParameterizedType) supertype).getActualTypeArguments();
      TypeVariable<?>[] parameters = raw(supertype).getTypeParameters();
      for (int i = 0; i < parameters.length; i++) {
        result.put(parameters[i], resolve(arguments[i], bindings));
      }
    }
    return result;
  }

  /** The erased class of {@code t}. */
  static Class<?> raw(Type t) {
    if (t instanceof Class<?>) {
      return (Class<?>) t;
    } else if (t instanceof ParameterizedType) {
      return (Class<?>) ((ParameterizedType) t).getRawType();
    } else if (t instanceof GenericArrayType) {
      return raw(((GenericArrayType) t).getGenericComponentType()).arrayType();
    } else if (t instanceof TypeVariable<?>) {
      return raw(((TypeVariable<?>) t).getBounds()[0]);
    } else if (t instanceof WildcardType) {
      return raw(((WildcardType) t).getUpperBounds()[0]);
    }
    return Object.class;
  }

  /** Binds {@code c}'s variables so that {@code c}, seen as its supertype {@code target}, has {@code wanted}. */
  private static boolean bindAs(Class<?> c, Class<?> target, List<ValueType> wanted,
      Map<TypeVariable<?>, ValueType> bindings) {
    if (c == target) {
      TypeVariable<?>[] parameters = c.getTypeParameters();
      if (parameters.length != wanted.size()) {
        return true; // a raw declared type: nothing to bind
      }
      for (int i = 0; i < parameters.length; i++) {
        if (!bindVariable(parameters[i], wanted.get(i), bindings)) {
          return false;
        }
      }
      return true;
    }
    Type supertype = supertypeToward(c, target);
    if (supertype == null) {
      return true; // target is not a generic supertype of c (e.g. Object): nothing to bind
    }
    Map<TypeVariable<?>, ValueType> ofSupertype = new HashMap<>();
    return bindAs(raw(supertype), target, wanted, ofSupertype) && matchArguments(supertype, ofSupertype, bindings);
  }

  /** Matches {@code t}, written in terms of some class's variables, against {@code wanted}, binding the variables. */
  private static boolean match(Type t, ValueType wanted, Map<TypeVariable<?>, ValueType> bindings) {
    if (t instanceof TypeVariable<?>) {
      return bindVariable((TypeVariable<?>) t, wanted, bindings);
    } else if (t instanceof Class<?>) {
      return JdkClasses.box(wanted.raw()).isAssignableFrom((Class<?>) t);
    } else if (t instanceof ParameterizedType) {
      Class<?> raw = raw(t);
      if (!wanted.raw().isAssignableFrom(raw)) {
        return false;
      }
      Map<TypeVariable<?>, ValueType> ofRaw = new HashMap<>();
      return bindAs(raw, wanted.raw(), wanted.arguments(), ofRaw) && matchArguments(t, ofRaw, bindings);
    } else if (t instanceof GenericArrayType) {
      return !wanted.raw().isArray()
          || match(((GenericArrayType) t).getGenericComponentType(), componentOf(wanted), bindings);
    }
    return true; // a wildcard: any argument will do
  }

  /**
   * Matches the type arguments of {@code type} (a parameterized use of a generic class, e.g. {@code ArrayList<E>})
   * against what that class's variables must be ({@code wanted}), binding the variables they are written with.
   */
  private static boolean matchArguments(Type type, Map<TypeVariable<?>, ValueType> wanted,
      Map<TypeVariable<?>, ValueType> bindings) {
    if (!(type instanceof ParameterizedType)) {
      return true; // a raw supertype: nothing flows down to the variables
    }
    Type[] arguments = ((ParameterizedType) type).getActualTypeArguments();
    TypeVariable<?>[] parameters = raw(type).getTypeParameters();
    for (int i = 0; i < parameters.length; i++) {
      ValueType want = wanted.get(parameters[i]);
      if (want != null && !match(arguments[i], want, bindings)) {
        return false;
      }
    }
    return true;
  }

  /** Binds {@code v} to {@code wanted}; false if it is already bound to something else. */
  private static boolean bindVariable(TypeVariable<?> v, ValueType wanted, Map<TypeVariable<?>, ValueType> bindings) {
    ValueType bound = bindings.putIfAbsent(v, wanted);
    return bound == null || bound.equals(wanted);
  }

  /** The superclass or interface of {@code c} (with its type arguments) through which {@code target} is reached. */
  private static Type supertypeToward(Class<?> c, Class<?> target) {
    Type superclass = c.getGenericSuperclass();
    if (superclass != null && target.isAssignableFrom(raw(superclass))) {
      return superclass;
    }
    for (Type implemented : c.getGenericInterfaces()) {
      if (target.isAssignableFrom(raw(implemented))) {
        return implemented;
      }
    }
    return null;
  }
}
