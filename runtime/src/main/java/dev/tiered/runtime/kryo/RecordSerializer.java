package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;

/** A record: its components by name, built through the canonical constructor. */
final class RecordSerializer extends CompatibleSerializer<Object> {
  private final Method[] accessors;
  /** For each argument of the canonical constructor, the index of its component in {@link #names}. */
  private final int[] argumentSlots;
  private final Constructor<?> constructor;

  RecordSerializer(Class<?> type) {
    this(type, type.getRecordComponents());
  }

  private RecordSerializer(Class<?> type, RecordComponent[] components) {
    super(type, sortedNames(components), typesByName(components));
    this.accessors = new Method[components.length];
    this.argumentSlots = new int[components.length];
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      int slot = Arrays.binarySearch(names, components[i].getName());
      accessors[slot] = components[i].getAccessor();
      accessors[slot].setAccessible(true);
      argumentSlots[i] = slot;
      parameterTypes[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(parameterTypes);
      constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new KryoException("record " + type.getName() + " has no canonical constructor", e);
    }
  }

  private static String[] sortedNames(RecordComponent[] components) {
    return Arrays.stream(components).map(RecordComponent::getName).sorted().toArray(String[]::new);
  }

  private static Class<?>[] typesByName(RecordComponent[] components) {
    return Arrays.stream(components)
        .sorted(Comparator.comparing(RecordComponent::getName))
        .map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
  }

  @Override
  Object get(Object record, int index) throws ReflectiveOperationException {
    return accessors[index].invoke(record);
  }

  @Override
  Object build(Kryo kryo, Object[] values, boolean[] present) throws ReflectiveOperationException {
    Object[] arguments = new Object[argumentSlots.length];
    for (int i = 0; i < arguments.length; i++) {
      int slot = argumentSlots[i];
      arguments[i] = present[slot] ? values[slot] : defaultValue(types[slot]);
    }
    return constructor.newInstance(arguments);
  }

  private static Object defaultValue(Class<?> type) {
    return type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0) : null;
  }
}
