package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Writes an object as its named fields, each length-prefixed with its class, so that fields can be added to or
 * removed from the class between writing and reading.
 */
abstract class CompatibleSerializer<T> extends Serializer<T> {
  final Class<?> type;
  /** Field names, sorted. */
  final String[] names;
  /** Field types, in the order of {@link #names}. */
  final Class<?>[] types;

  CompatibleSerializer(Class<?> type, String[] names, Class<?>[] types) {
    this.type = type;
    this.names = names;
    this.types = types;
  }

  /** The value of field {@code index} of {@code object}. */
  abstract Object get(T object, int index) throws ReflectiveOperationException;

  /** Makes the object from the fields read; {@code present[i]} says whether field i was in the bytes. */
  abstract T build(Kryo kryo, Object[] values, boolean[] present) throws ReflectiveOperationException;

  @Override
  public void write(Kryo kryo, Output output, T object) {
    if (firstInGraph(kryo, this)) {
      output.writeVarInt(names.length, true);
      for (String name : names) {
        output.writeString(name);
      }
    }
    for (int i = 0; i < names.length; i++) {
      Object value;
      try {
        value = get(object, i);
      } catch (ReflectiveOperationException e) {
        throw new KryoException("cannot read field " + names[i] + " of " + type.getName(), e);
      }
      int at = output.position();
      output.writeInt(0);
      kryo.writeClassAndObject(output, value);
      int end = output.position();
      output.setPosition(at);
      output.writeInt(end - at - 4);
      output.setPosition(end);
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> actual) {
    int[] slots = schema(kryo, input);
    Object[] values = new Object[names.length];
    boolean[] present = new boolean[names.length];
    for (int slot : slots) {
      int length = input.readInt();
      Guards.checkCount(input, length);
      int end = input.position() + length;
      if (slot < 0) {
        skip(kryo, input);
        input.setPosition(end);
        continue;
      }
      Object value = Guards.readAs(kryo, input, types[slot], names[slot], type.getName());
      if (input.position() != end) {
        throw new KryoException("field " + names[slot] + " of " + type.getName() + " does not match its length");
      }
      values[slot] = value;
      present[slot] = true;
    }
    try {
      return build(kryo, values, present);
    } catch (InvocationTargetException e) {
      throw new KryoException(type.getName() + " rejected the values read: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new KryoException("cannot make a " + type.getName() + ": " + e, e);
    }
  }

  /**
   * Reads a field the class no longer has, so that the class-name ids it defines are known to the rest of the
   * value; a field whose class is gone or refused is just skipped.
   */
  private static void skip(Kryo kryo, Input input) {
    try {
      kryo.readClassAndObject(input);
    } catch (RuntimeException e) {
      // The data belonged to a field that this class no longer has; whatever it held is not needed.
    }
  }

  /** Maps the field names in the bytes, written with the first object of this class in the value, to slots. */
  private int[] schema(Kryo kryo, Input input) {
    int[] slots = (int[]) graphGet(kryo, this);
    if (slots == null) {
      int count = Guards.readCount(input);
      slots = new int[count];
      for (int i = 0; i < count; i++) {
        String name = input.readString();
        int slot = name == null ? -1 : Arrays.binarySearch(names, name);
        slots[i] = Math.max(slot, -1);
      }
      graphPut(kryo, this, slots);
    }
    return slots;
  }

  @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap
  private static boolean firstInGraph(Kryo kryo, Object key) {
    if (kryo.getGraphContext().containsKey(key)) {
      return false;
    }
    kryo.getGraphContext().put(key, null);
    return true;
  }

  @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap
  private static Object graphGet(Kryo kryo, Object key) {
    return kryo.getGraphContext().get(key);
  }

  @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap
  private static void graphPut(Kryo kryo, Object key, Object value) {
    kryo.getGraphContext().put(key, value);
  }
}
