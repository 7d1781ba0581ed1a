package dev.tiered.runtime.kryo;

import dev.tiered.runtime.ValueFormat;
import dev.tiered.runtime.ValueType;
import java.util.Objects;

/**
 * The default {@link ValueFormat}: values written with <a href="https://github.com/EsotericSoftware/kryo">Kryo 5</a>,
 * and read back only as the classes that their declared type reaches.
 *
 * <p>A format is shared by every cached method of an application; each method gets a serializer for its value type:
 *
 * <pre>{@code
 * ValueFormat kryo = KryoFormat.create();
 * ValueCodec<Map<String, List<Order>>> codec = ValueCodec.of(kryo,
 *     ValueType.of(Map.class, ValueType.of(String.class), ValueType.of(List.class, ValueType.of(Order.class))));
 * byte[] bytes = codec.encode(new Entry<>(ordersByCustomer, expiresAt, Entry.NEVER));
 * Map<String, List<Order>> back = codec.decode(bytes).value();   // a HashMap of ArrayLists of Order
 * }</pre>
 *
 * <p><b>What a value may hold.</b> Decoding instantiates only
 * <ul>
 *   <li>the classes reachable from the value type: the declared class, its type arguments, array components, and,
 *       for classes outside the JDK, the declared types of their fields and record components, their sealed
 *       subclasses, recursively;
 *   <li>concrete subclasses and implementations, outside the JDK, of a reachable non-JDK class or interface that is
 *       not final (e.g. the implementations of a {@code Shape} interface that a field declares), together with the
 *       classes they reach;
 *   <li>a fixed set of JDK value and collection types: the boxes, {@code String}, {@code BigDecimal}, {@code
 *       BigInteger}, {@code UUID}, {@code Date}, the {@code java.time} values, {@code ArrayList}, {@code LinkedList},
 *       {@code ArrayDeque}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet}, {@code
 *       LinkedHashSet}, {@code TreeSet}, {@code EnumMap}, {@code EnumSet}, the collections made by {@code List.of},
 *       {@code Set.of}, {@code Map.of}, {@code Stream.toList}, {@code Arrays.asList} and {@code
 *       Collections.unmodifiable*}, {@code empty*} and {@code singleton*}, and {@code Optional}.
 * </ul>
 * Any other class named in the bytes fails decoding before an instance of it is created, and a value holding such a
 * class fails encoding, so that nothing is written that could not be read. A field declared {@code Object} therefore
 * holds only the JDK types above. An array is allowed where the declared type reaches an array class it may stand
 * for ({@code Shape[]} for a {@code Circle[]}) or {@code Object}: a {@code long[]} cannot appear in a {@code
 * List<User>}.
 *
 * <p><b>Typed values.</b> A value decodes only as its declared type, type arguments included: the elements of
 * collections, the keys and values of maps, the contents of an {@code Optional}, array components, and the fields
 * and record components of your classes must each be of the type the declared type gives them (a {@code List<String>}
 * written by one build does not decode as the {@code List<Tag>} another build declares). Anything else fails to
 * decode, which the decorator treats as a corrupt entry; a value that is not of its declared type (heap pollution)
 * fails to encode.
 *
 * <p><b>Class changes.</b> Fields and record components are matched by name: a field added since an entry was
 * written keeps its default value (a record component gets {@code null}, zero or {@code false}), and a removed one
 * is skipped. Enum constants are written by name. Changing a field's type makes old entries fail to decode, which
 * the decorator treats as a miss; bump the cache's {@code version} for such changes.
 *
 * <p><b>Bounded.</b> Object graphs are written as trees: an object referenced twice is written twice, and a cyclic
 * value, or one nested more than 256 levels deep, fails to encode (the decorator counts it and skips the remote
 * tier). Any value that encodes also decodes, on any thread: a value nested deeper than a small thread stack holds
 * (32 levels) is decoded on a thread of the format with a large stack while the caller waits. An entry larger than
 * the {@linkplain Builder#maximumEntrySize maximum entry size} (16 MiB by default) is refused before it is decoded,
 * and no length in the bytes is allocated for beyond what the rest of the entry can fill at the declared element
 * type; a read that still runs out of memory or stack fails as a corrupt entry rather than with an {@code Error}.
 *
 * <p>Instances are thread-safe and hold no global state.
 *
 * <h2>How it works</h2>
 *
 * <p><b>Class names, not registration ids.</b> Processes that share a Redis may run different builds, whose class
 * sets and registration orders differ; a class name means the same thing in all of them, an id does not. Kryo writes
 * a name once per value and a small id for its later occurrences, so names cost little.
 *
 * <p><b>The gate.</b> Kryo resolves every class name it reads through {@code DefaultClassResolver.getTypeByName}
 * before {@code Class.forName}; {@code SafeClassResolver} answers it from the operation's {@code TypePolicy}, or
 * throws. The policy knows the closure of the value type and the fixed JDK allowlist ({@code JdkClasses}) by name;
 * only a name outside the JDK that may be a subclass of a reachable open user type is loaded (without
 * initialisation, so no static initialiser runs) to check that it is one. No instance of a rejected class is ever
 * created. Classes that Kryo registers by id (primitives and String) are harmless and bypass the resolver. Writing
 * goes through the same policy ({@code SafeClassResolver.writeClass}), so bytes that the reader would refuse are
 * never produced.
 *
 * <p><b>Compatibility.</b> User classes and records use {@code CompatibleSerializer} rather than Kryo's
 * FieldSerializer and RecordSerializer, which break on any added or removed field: the field names are written once
 * per class per value, then each field as a 4-byte length followed by its value with its class. Unknown fields are
 * read if they can be (so that the class-name ids they define stay known to the rest of the value) and skipped
 * otherwise; missing ones keep their default. Kryo's CompatibleFieldSerializer is not used because it silently
 * leaves a field null when its class is refused, where we want a refused class to fail the decode.
 *
 * <p>Every element carries its class (optimized generics off), so the bytes never depend on whether a declared type
 * is final, and every class passes the gate. References are off: cache values are trees, a cycle then fails on the
 * depth limit instead of overflowing the stack.
 *
 * <p><b>The type check.</b> Kryo reads every element as an {@code Object}, so after decoding {@code TypeCheck} walks
 * the value against the declared type, following the type variables that the value's classes bind ({@code
 * GenericTypes}). It walks rather than checks inside Kryo's collection serializers, which do not know what their
 * elements stand for; the walk keeps its own stack, and what it learns about a class under a declared type is kept,
 * so a position whose declared type is final and holds nothing generic costs one {@code isInstance}.
 *
 * <p><b>Corrupt and hostile bytes.</b> Every length read from the bytes is checked against the bytes that remain,
 * at the fewest bytes an element takes (8 for a {@code double}), before anything is allocated ({@code Guards}); the
 * class of the value and of each field is checked against the declared one before it is read, and array classes
 * the declared type has no room for are refused by name. So a flipped bit or a forged length fails as a {@code
 * KryoException} (hence a {@code CorruptEntryException}), and what a read allocates stays within a small multiple
 * of the entry, whose size is checked first. An {@code OutOfMemoryError} that a legitimate but huge value still
 * causes is turned into a failed read.
 *
 * <p><b>Stack.</b> Kryo recurses once per level of nesting, up to ~700 bytes of stack a level when interpreted,
 * and a 128 KiB thread has about 40 KiB for Java frames once the JVM's guard zones are set aside. {@code DeepStack}
 * runs each operation on the caller's thread with a depth limit of 32 and, if the value is deeper (or the thread
 * overflows anyway), runs it again on a 4 MiB-stack thread with the full limit of 256.
 *
 * <p><b>Kryo instances</b> are not thread-safe and are costly to build: {@code Workers} pools them with their
 * resolver and reusable buffers ({@code KryoSetup} configures them); each operation of a {@code KryoSerializer}
 * borrows one and binds its type's policy.
 */
public final class KryoFormat implements ValueFormat {
  /** The maximum entry size unless {@link Builder#maximumEntrySize} says otherwise: 16 MiB. */
  public static final int DEFAULT_MAXIMUM_ENTRY_SIZE = 16 * 1024 * 1024;
  /** The smallest maximum entry size a format accepts. */
  static final int MINIMUM_ENTRY_SIZE_LIMIT = 1024;

  private static final byte ID = 1;

  private final Workers workers;
  private final DeepStack deepStack = new DeepStack();

  private KryoFormat(Builder builder) {
    this.workers = new Workers(
        builder.maximumEntrySize == Builder.UNSET ? DEFAULT_MAXIMUM_ENTRY_SIZE : builder.maximumEntrySize);
  }

  /**
   * Creates a Kryo format with the default settings. One instance is enough for an application: it pools its Kryo
   * instances.
   *
   * <pre>{@code
   * ValueFormat kryo = KryoFormat.create();
   * ValueCodec<User> users = ValueCodec.of(kryo, ValueType.of(User.class));
   * }</pre>
   */
  public static KryoFormat create() {
    return builder().build();
  }

  /**
   * A builder of a Kryo format with settings of its own.
   *
   * <pre>{@code
   * ValueFormat kryo = KryoFormat.builder()
   *     .maximumEntrySize(64 * 1024 * 1024)
   *     .build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The largest entry, header included, that this format writes or reads, in bytes. */
  public int maximumEntrySize() {
    return workers.maximumEntrySize;
  }

  /** Returns {@code 1}, the id of the Kryo format in entry headers. */
  @Override
  public byte id() {
    return ID;
  }

  /**
   * The serializer of values of {@code type}; it writes any value of that type made of the classes listed on this
   * class, and reads back only those.
   *
   * @throws NullPointerException if {@code type} is null
   */
  @Override
  public <V> Serializer<V> serializer(ValueType type) {
    Objects.requireNonNull(type, "type");
    return new KryoSerializer<>(type, workers, deepStack);
  }

  /** The largest buffer, in bytes, that a pooled Kryo instance keeps between operations; for tests. */
  long largestPooledBuffer() {
    return workers.largestPooledBuffer();
  }

  /** The threads a deep value was handed over to, so far; for tests. */
  long deepHandOvers() {
    return deepStack.handOvers();
  }

  @Override
  public String toString() {
    return "KryoFormat{maximumEntrySize=" + workers.maximumEntrySize + "}";
  }

  /** Builds a {@link KryoFormat}; every setting is optional and may be set once. */
  public static final class Builder {
    static final int UNSET = -1;

    int maximumEntrySize = UNSET;

    private Builder() {}

    /**
     * The largest entry, header included, that the format writes or reads; {@link #DEFAULT_MAXIMUM_ENTRY_SIZE} (16
     * MiB) unless set. A larger entry is refused before it is decoded (the decorator counts it as corrupt and
     * deletes it), and a value that needs more is not written (the decorator counts the failed write and keeps the
     * value in the local tier only). Decoding may allocate up to about eight times this size: a {@code long[]} of
     * one-byte varints is eight bytes per element once read.
     *
     * @param bytes the size, at least 1,024
     * @throws IllegalArgumentException if {@code bytes} is less than 1,024
     * @throws IllegalStateException if the maximum entry size was already set
     */
    public Builder maximumEntrySize(int bytes) {
      if (maximumEntrySize != UNSET) {
        throw new IllegalStateException("maximum entry size was already set to " + maximumEntrySize);
      }
      if (bytes < MINIMUM_ENTRY_SIZE_LIMIT) {
        throw new IllegalArgumentException(
            "maximum entry size must be at least " + MINIMUM_ENTRY_SIZE_LIMIT + " bytes but was " + bytes);
      }
      this.maximumEntrySize = bytes;
      return this;
    }

    /** The format. A builder may build several; each has pools of its own. */
    public KryoFormat build() {
      return new KryoFormat(this);
    }
  }
}
