package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.JdkClasses.isPlatform;

import com.esotericsoftware.kryo.KryoException;
import dev.tiered.runtime.ValueType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The security boundary of decoding: the classes that the values of one declared type may hold, and so the only
 * classes that decoding may instantiate. They are what the declared type reaches (its class, type arguments, array
 * components, and for classes outside the JDK their fields' types, sealed subclasses and the type arguments of
 * their supertypes), the fixed JDK allowlist ({@link JdkClasses#ALLOWED}), and concrete subclasses outside the JDK
 * of a reachable open class or interface outside the JDK, which are admitted (with what they reach) when first met.
 * Names are answered from these sets; only a name that may be such a subclass is loaded, without initialisation,
 * to see whether it is one. Array classes are allowed only where the declared type has room for them.
 *
 * <p>Thread-safe; grows when a subtype is admitted.
 */
final class TypePolicy {
  final ValueType type;
  /** Reachable classes by name. */
  private final Map<String, Class<?>> allowed = new ConcurrentHashMap<>();
  /** Reachable array classes. */
  private final Set<Class<?>> arrays = ConcurrentHashMap.newKeySet();
  /** Reachable non-JDK classes and interfaces that may have subtypes. */
  private final List<Class<?>> openTypes = new CopyOnWriteArrayList<>();
  /** Types already walked; guarded by {@code this}. */
  private final Set<Object> walked = new HashSet<>();

  TypePolicy(ValueType type) {
    this.type = type;
    synchronized (this) {
      walk(type);
    }
  }

  /** Whether a value may hold an instance of {@code c}; admits {@code c} when it is a subtype of an open type. */
  boolean allows(Class<?> c) {
    if (c.isArray()) {
      return allowsArray(c) && allows(c.getComponentType());
    }
    return c.isPrimitive()
        || allowed.get(c.getName()) == c
        || JdkClasses.ALLOWED.get(c.getName()) == c
        || admitSubtype(c);
  }

  /** The class named {@code name} in the bytes, if a value may hold it. */
  Class<?> resolve(String name) {
    Class<?> c = allowed.get(name);
    if (c == null) {
      c = JdkClasses.ALLOWED.get(name);
    }
    if (c == null && name.startsWith("[")) {
      c = resolveArray(name);
    }
    if (c == null && !isPlatform(name) && !openTypes.isEmpty()) {
      Class<?> candidate = load(name);
      if (candidate != null && admitSubtype(candidate)) {
        c = candidate;
      }
    }
    if (c == null) {
      throw new KryoException("class " + name + " is not allowed in a value of type " + type);
    }
    return c;
  }

  private Class<?> resolveArray(String name) {
    int dimensions = 0;
    while (dimensions < name.length() && name.charAt(dimensions) == '[') {
      dimensions++;
    }
    String element = name.substring(dimensions);
    Class<?> c;
    switch (element) {
      case "Z": c = boolean.class; break;
      case "B": c = byte.class; break;
      case "C": c = char.class; break;
      case "S": c = short.class; break;
      case "I": c = int.class; break;
      case "J": c = long.class; break;
      case "F": c = float.class; break;
      case "D": c = double.class; break;
      default:
        if (element.length() < 3 || element.charAt(0) != 'L' || !element.endsWith(";")) {
          return null;
        }
        c = resolve(element.substring(1, element.length() - 1));
        break;
    }
    for (int i = 0; i < dimensions; i++) {
      c = c.arrayType();
      if (!allowsArray(c)) {
        return null;
      }
    }
    return c;
  }

  /**
   * Whether a value may hold an array of class {@code c} (its component aside): where the declared type reaches that
   * array class, an array class it may stand for ({@code Shape[]} for {@code Circle[]}), or {@code Object}. A
   * {@code long[]} named where the declared type has no room for one is refused by name, before its length in the
   * bytes is read, let alone allocated for.
   */
  private boolean allowsArray(Class<?> c) {
    if (arrays.contains(c) || allowed.get(Object.class.getName()) == Object.class) {
      return true;
    }
    for (Class<?> array : arrays) {
      if (array.isAssignableFrom(c)) {
        return true;
      }
    }
    return false;
  }

  /** Loads a class without initialising it, from the loaders of the open types it might implement. */
  private Class<?> load(String name) {
    for (Class<?> open : openTypes) {
      try {
        return Class.forName(name, false, open.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // Not visible from this loader; try the next one.
      }
    }
    return null;
  }

  private boolean admitSubtype(Class<?> c) {
    if (isPlatform(c.getName()) || c.isInterface() || Modifier.isAbstract(c.getModifiers())
        || c.isHidden() || c.isSynthetic() || Proxy.isProxyClass(c)) {
      return false;
    }
    for (Class<?> open : openTypes) {
      if (open.isAssignableFrom(c)) {
        synchronized (this) {
          walk(c);
        }
        return true;
      }
    }
    return false;
  }

  private void walk(ValueType t) {
    walk(t.raw());
    for (ValueType argument : t.arguments()) {
      walk(argument);
    }
  }

  /** Adds the classes {@code t} reaches. Called holding the lock. */
  private void walk(Type t) {
    if (t == null || !walked.add(t)) {
      return;
    }
    if (t instanceof Class<?>) {
      walkClass((Class<?>) t);
    } else if (t instanceof ParameterizedType) {
      walk(((ParameterizedType) t).getRawType());
      for (Type argument : ((ParameterizedType) t).getActualTypeArguments()) {
        walk(argument);
      }
    } else if (t instanceof GenericArrayType) {
      walk(((GenericArrayType) t).getGenericComponentType());
    } else if (t instanceof WildcardType) {
      for (Type bound : ((WildcardType) t).getUpperBounds()) {
        walk(bound);
      }
      for (Type bound : ((WildcardType) t).getLowerBounds()) {
        walk(bound);
      }
    } else if (t instanceof TypeVariable<?>) {
      for (Type bound : ((TypeVariable<?>) t).getBounds()) {
        walk(bound);
      }
    }
  }

  private void walkClass(Class<?> c) {
    if (c.isArray()) {
      arrays.add(c);
      walk(c.getComponentType());
      return;
    }
    if (c.isPrimitive()) {
      return;
    }
    allowed.put(c.getName(), c);
    if (isPlatform(c.getName())) {
      return; // a JDK class is allowed where declared, but what it holds inside is not walked
    }
    if (!Modifier.isFinal(c.getModifiers()) && !c.isEnum()) {
      openTypes.add(c);
    }
    for (Class<?> k = c; k != null && !isPlatform(k.getName()); k = k.getSuperclass()) {
      Field[] fields;
      try {
        fields = k.getDeclaredFields();
      } catch (LinkageError e) {
        // A field's type is missing from the class path: such a class can be neither written nor read, which its
        // serializer reports when a value holds one. Refusing the whole value type here would break the decorator.
        continue;
      }
      for (Field field : fields) {
        if (ObjectSerializer.isSerialized(field)) {
          walk(field.getGenericType());
        }
      }
      // What a supertype's type arguments name (class Orders extends ArrayList<Order>) may be held; the
      // supertypes themselves are not made reachable, so their other subclasses are not admitted.
      walkArguments(k.getGenericSuperclass());
      for (Type implemented : k.getGenericInterfaces()) {
        walkArguments(implemented);
      }
    }
    if (c.isSealed()) {
      for (Class<?> permitted : c.getPermittedSubclasses()) {
        walk(permitted);
      }
    }
  }

  private void walkArguments(Type supertype) {
    if (supertype instanceof ParameterizedType) {
      for (Type argument : ((ParameterizedType) supertype).getActualTypeArguments()) {
        walk(argument);
      }
    }
  }
}
