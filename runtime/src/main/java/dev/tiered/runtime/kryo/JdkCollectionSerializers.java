package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Serializers for the JDK collections that Kryo cannot rebuild on its own. */
final class JdkCollectionSerializers {
  private JdkCollectionSerializers() {}

  /** {@code EnumMap}: its key enum, then its entries with keys by name. */
  static final class EnumMapSerializer extends Serializer<EnumMap<?, ?>> {
    @Override
    public void write(Kryo kryo, Output output, EnumMap<?, ?> map) {
      kryo.writeClass(output, keyTypeOf(map));
      output.writeVarInt(map.size(), true);
      for (Map.Entry<? extends Enum<?>, ?> entry : map.entrySet()) {
        output.writeString(entry.getKey().name());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // the key type is known only at run time
    public EnumMap<?, ?> read(Kryo kryo, Input input, Class<? extends EnumMap<?, ?>> type) {
      Registration keys = kryo.readClass(input);
      if (keys == null || !keys.getType().isEnum()) {
        throw new KryoException("the key type of an EnumMap is not an enum");
      }
      Class keyType = keys.getType();
      int size = Guards.readCount(input);
      EnumMap map = new EnumMap(keyType);
      for (int i = 0; i < size; i++) {
        map.put(Enum.valueOf(keyType, input.readString()), kryo.readClassAndObject(input));
      }
      return map;
    }

    private static Class<?> keyTypeOf(EnumMap<?, ?> map) {
      if (!map.isEmpty()) {
        return map.keySet().iterator().next().getDeclaringClass();
      }
      // An empty EnumMap does not tell its key type, and java.base does not open the field to reflection. Its
      // serial form records it (the keyType serial field), so write the map to a discarding stream and catch the
      // enum class as its descriptor goes by; nothing is ever read back from Java serialization.
      final class KeyTypeProbe extends ObjectOutputStream {
        Class<?> keyType;

        KeyTypeProbe() throws IOException {
          super(OutputStream.nullOutputStream());
        }

        @Override
        protected void annotateClass(Class<?> c) {
          if (keyType == null && c.isEnum()) {
            keyType = c;
          }
        }
      }
      try (KeyTypeProbe probe = new KeyTypeProbe()) {
        probe.writeObject(map);
        if (probe.keyType == null) {
          throw new KryoException("cannot find the key type of an empty EnumMap");
        }
        return probe.keyType;
      } catch (IOException e) {
        throw new KryoException("cannot find the key type of an empty EnumMap", e);
      }
    }
  }

  /** The {@code Collections.unmodifiable*} collections: comparator if sorted, then the elements. */
  static final class UnmodifiableCollectionSerializer extends Serializer<Collection<?>> {
    @Override
    public void write(Kryo kryo, Output output, Collection<?> collection) {
      if (collection instanceof SortedSet<?>) {
        kryo.writeClassAndObject(output, ((SortedSet<?>) collection).comparator());
      }
      writeElements(kryo, output, collection);
    }

    @Override
    public Collection<?> read(Kryo kryo, Input input, Class<? extends Collection<?>> type) {
      Comparator<Object> comparator = SortedSet.class.isAssignableFrom(type) ? readComparator(kryo, input) : null;
      int size = Guards.readCount(input);
      if (NavigableSet.class.isAssignableFrom(type)) {
        return Collections.unmodifiableNavigableSet(readElements(kryo, input, size, new TreeSet<>(comparator)));
      } else if (SortedSet.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSortedSet(readElements(kryo, input, size, new TreeSet<>(comparator)));
      } else if (Set.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSet(readElements(kryo, input, size, new LinkedHashSet<>()));
      } else if (List.class.isAssignableFrom(type)) {
        return Collections.unmodifiableList(readElements(kryo, input, size, new ArrayList<>(size)));
      }
      return Collections.unmodifiableCollection(readElements(kryo, input, size, new ArrayList<>(size)));
    }
  }

  /** The {@code Collections.unmodifiable*} maps: comparator if sorted, then the entries. */
  static final class UnmodifiableMapSerializer extends Serializer<Map<?, ?>> {
    @Override
    public void write(Kryo kryo, Output output, Map<?, ?> map) {
      if (map instanceof SortedMap<?, ?>) {
        kryo.writeClassAndObject(output, ((SortedMap<?, ?>) map).comparator());
      }
      writeEntries(kryo, output, map);
    }

    @Override
    public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
      Comparator<Object> comparator = SortedMap.class.isAssignableFrom(type) ? readComparator(kryo, input) : null;
      int size = Guards.readCount(input);
      if (NavigableMap.class.isAssignableFrom(type)) {
        return Collections.unmodifiableNavigableMap(readEntries(kryo, input, size, new TreeMap<>(comparator)));
      } else if (SortedMap.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSortedMap(readEntries(kryo, input, size, new TreeMap<>(comparator)));
      }
      return Collections.unmodifiableMap(readEntries(kryo, input, size, new LinkedHashMap<>()));
    }
  }

  /** Writes the size of {@code collection}, then each element with its class. */
  private static void writeElements(Kryo kryo, Output output, Collection<?> collection) {
    output.writeVarInt(collection.size(), true);
    for (Object element : collection) {
      kryo.writeClassAndObject(output, element);
    }
  }

  /** Writes the size of {@code map}, then each key and value with its class. */
  private static void writeEntries(Kryo kryo, Output output, Map<?, ?> map) {
    output.writeVarInt(map.size(), true);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      kryo.writeClassAndObject(output, entry.getKey());
      kryo.writeClassAndObject(output, entry.getValue());
    }
  }

  private static <C extends Collection<Object>> C readElements(Kryo kryo, Input input, int size, C collection) {
    for (int i = 0; i < size; i++) {
      collection.add(kryo.readClassAndObject(input));
    }
    return collection;
  }

  private static <M extends Map<Object, Object>> M readEntries(Kryo kryo, Input input, int size, M map) {
    for (int i = 0; i < size; i++) {
      map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
    }
    return map;
  }

  @SuppressWarnings("unchecked") // a comparator that compares the elements it was written with
  private static Comparator<Object> readComparator(Kryo kryo, Input input) {
    Object value = kryo.readClassAndObject(input);
    if (value != null && !(value instanceof Comparator<?>)) {
      throw new KryoException("expected a Comparator but read a " + value.getClass().getName());
    }
    return (Comparator<Object>) value;
  }

  /**
   * The JDK's immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of}, {@code Stream.toList}) and
   * {@code Arrays.asList}: the elements, rebuilt through the same factories. Kryo's own serializer for the lists
   * rejects the nulls that {@code Stream.toList} allows.
   */
  static final class ImmutableSerializer extends Serializer<Object> {
    static final int LIST = 0;
    static final int SET = 1;
    static final int MAP = 2;
    static final int ARRAYS_AS_LIST = 3;

    private final int kind;

    ImmutableSerializer(int kind) {
      super(false, true);
      this.kind = kind;
    }

    @Override
    public void write(Kryo kryo, Output output, Object value) {
      if (kind == MAP) {
        writeEntries(kryo, output, (Map<?, ?>) value);
      } else {
        writeElements(kryo, output, (Collection<?>) value);
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      int size = Guards.readCount(input);
      if (kind == MAP) {
        @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array, of entries of Objects
        Map.Entry<Object, Object>[] entries = new Map.Entry[size];
        for (int i = 0; i < size; i++) {
          entries[i] = Map.entry(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
        }
        return Map.ofEntries(entries);
      }
      Object[] elements = new Object[size];
      boolean hasNull = false;
      for (int i = 0; i < size; i++) {
        elements[i] = kryo.readClassAndObject(input);
        hasNull |= elements[i] == null;
      }
      switch (kind) {
        case SET:
          return Set.of(elements);
        case ARRAYS_AS_LIST:
          return Arrays.asList(elements);
        default:
          // Only Stream.toList makes an immutable list with nulls, and it is also how to make one again.
          return hasNull ? Arrays.stream(elements).toList() : List.of(elements);
      }
    }
  }
}
