package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import com.esotericsoftware.kryo.util.Pool;
import dev.tiered.runtime.ValueFormat;
import dev.tiered.runtime.ValueType;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.objenesis.strategy.StdInstantiatorStrategy;

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
 * holds only the JDK types above.
 *
 * <p><b>Class changes.</b> Fields and record components are matched by name: a field added since an entry was
 * written keeps its default value (a record component gets {@code null}, zero or {@code false}), and a removed one
 * is skipped. Enum constants are written by name. Changing a field's type makes old entries fail to decode, which
 * the decorator treats as a miss; bump the cache's {@code version} for such changes.
 *
 * <p>Object graphs are written as trees: an object referenced twice is written twice, and a cyclic value, or one
 * nested more than 256 levels deep, fails to encode (the decorator counts it and skips the remote
 * tier).
 *
 * <p>Instances are thread-safe and hold no global state.
 */
public final class KryoFormat implements ValueFormat {
  /*
   * Design notes.
   *
   * Class names, not registration ids. Processes that share a Redis may run different builds, whose class sets and
   * registration orders differ; a class name means the same thing in all of them, an id does not. Kryo writes a
   * name once per value and a small id for its later occurrences, so names cost little.
   *
   * The gate. Kryo resolves every class name it reads through DefaultClassResolver.getTypeByName before
   * Class.forName; SafeClassResolver answers it from the operation's TypePolicy, or throws. The policy knows the
   * closure of the value type and the fixed JDK allowlist by name; only a name outside the JDK that may be a
   * subclass of a reachable open user type is loaded (without initialisation, so no static initialiser runs) to check
   * that it is one. No instance of a rejected class is ever created. Classes that Kryo registers by id (primitives and
   * String) are harmless and bypass the resolver. Writing goes through the same policy (SafeClassResolver.writeClass),
   * so bytes that the reader would refuse are never produced.
   *
   * Compatibility. User classes and records use CompatibleSerializer rather than Kryo's FieldSerializer and
   * RecordSerializer, which break on any added or removed field: the field names are written once per class per
   * value, then each field as a 4-byte length followed by its value with its class. Unknown fields are read if
   * they can be (so that the class-name ids they define stay known to the rest of the value) and skipped otherwise;
   * missing ones keep their default. Kryo's CompatibleFieldSerializer is not used because it silently leaves a field
   * null when its class is refused, where we want a refused class to fail the decode.
   *
   * Every element carries its class (optimized generics off), so the bytes never depend on whether a declared type
   * is final, and every class passes the gate. References are off: cache values are trees, a cycle then fails on the
   * depth limit instead of overflowing the stack.
   *
   * Corrupt bytes. Every length read from the bytes (collections, maps, arrays, strings, byte runs, field counts) is
   * checked against the bytes that remain before anything is allocated, so a flipped bit fails as a KryoException
   * (hence a CorruptEntryException) and never as an OutOfMemoryError.
   *
   * Kryo instances are not thread-safe and are costly to build: a Pool holds Workers (Kryo, resolver, reusable
   * Output and Input); each operation borrows one and binds its policy. A worker whose operation threw is dropped
   * rather than returned, as Kryo's state after an exception is not specified.
   */

  // Kryo's Serializer is written with its package throughout: inside this class the simple name means
  // ValueFormat.Serializer, which KryoFormat inherits.

  /** The deepest nesting of objects a value may have. */
  static final int MAX_DEPTH = 256;

  private static final byte ID = 1;
  private static final int INITIAL_BUFFER = 256;
  /** Output buffers that grew beyond this are not kept in the pool, so one huge value does not pin its memory. */
  private static final int RETAINED_BUFFER = 64 * 1024;
  private static final byte[] NO_BYTES = new byte[0];

  private static final Class<?> UNMODIFIABLE_COLLECTION =
      Collections.unmodifiableCollection(new ArrayList<>()).getClass();
  private static final Class<?> UNMODIFIABLE_MAP = Collections.unmodifiableMap(new HashMap<>()).getClass();
  private static final Class<?> ARRAYS_AS_LIST = Arrays.asList(1, 2).getClass();
  private static final List<Class<?>> IMMUTABLE_LISTS = List.of(
      List.of().getClass(), List.of(1).getClass(), List.of(1, 2, 3).getClass(),
      List.of(1, 2, 3).subList(0, 2).getClass());
  private static final List<Class<?>> IMMUTABLE_SETS = List.of(Set.of().getClass(), Set.of(1).getClass());
  private static final List<Class<?>> IMMUTABLE_MAPS = List.of(Map.of().getClass(), Map.of(1, 1).getClass());

  /** The JDK classes every value may hold, by name. */
  private static final Map<String, Class<?>> JDK_ALLOWED = jdkAllowed();

  private final Pool<Worker> pool;

  private KryoFormat() {
    int capacity = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    this.pool = new Pool<>(true, true, capacity) {
      @Override
      protected Worker create() {
        return new Worker();
      }
    };
  }

  /**
   * Creates a Kryo format. One instance is enough for an application: it pools its Kryo instances.
   *
   * <pre>{@code
   * ValueFormat kryo = KryoFormat.create();
   * ValueCodec<User> users = ValueCodec.of(kryo, ValueType.of(User.class));
   * }</pre>
   */
  public static KryoFormat create() {
    return new KryoFormat();
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
  public <V> ValueFormat.Serializer<V> serializer(ValueType type) {
    Objects.requireNonNull(type, "type");
    return new KryoSerializer<>(type, new TypePolicy(type));
  }

  @Override
  public String toString() {
    return "KryoFormat";
  }

  /** Reads and writes the values of one type, with the pool's workers bound to that type's policy. */
  private final class KryoSerializer<V> implements ValueFormat.Serializer<V> {
    private final ValueType type;
    private final Class<?> boxed;
    private final TypePolicy policy;

    KryoSerializer(ValueType type, TypePolicy policy) {
      this.type = type;
      this.boxed = box(type.raw());
      this.policy = policy;
    }

    @Override
    public byte[] serialize(V value, int offset) {
      Objects.requireNonNull(value, "value");
      if (offset < 0) {
        throw new IllegalArgumentException("offset must not be negative but was " + offset);
      }
      if (!boxed.isInstance(value)) {
        throw new IllegalArgumentException(value.getClass().getName() + " is not a " + type);
      }
      Worker worker = pool.obtain();
      boolean healthy = false;
      try {
        worker.resolver.policy = policy;
        Output output = worker.output;
        if (output.getBuffer().length < offset + INITIAL_BUFFER) {
          output.setBuffer(new byte[offset + INITIAL_BUFFER], -1);
        }
        output.reset();
        // The header goes in front: write the value after it, then copy once to an array of the exact length.
        output.setPosition(offset);
        worker.kryo.writeClassAndObject(output, value);
        byte[] bytes = output.toBytes();
        if (output.getBuffer().length > RETAINED_BUFFER) {
          output.setBuffer(new byte[INITIAL_BUFFER], -1);
        }
        healthy = true;
        return bytes;
      } finally {
        worker.resolver.policy = null;
        if (healthy) {
          pool.free(worker);
        }
      }
    }

    @Override
    public V deserialize(byte[] bytes, int offset) {
      Worker worker = pool.obtain();
      boolean healthy = false;
      try {
        worker.resolver.policy = policy;
        Input input = worker.input;
        input.setBuffer(bytes, offset, bytes.length - offset);
        Object value = worker.kryo.readClassAndObject(input);
        if (input.position() != input.limit()) {
          throw new KryoException((input.limit() - input.position()) + " bytes are left after the value");
        }
        if (!boxed.isInstance(value)) {
          throw new KryoException("read " + (value == null ? "null" : value.getClass().getName())
              + " where a " + type + " was expected");
        }
        input.setBuffer(NO_BYTES);
        healthy = true;
        @SuppressWarnings("unchecked") // checked against the type's raw class just above
        V result = (V) value;
        return result;
      } finally {
        worker.resolver.policy = null;
        if (healthy) {
          pool.free(worker);
        }
      }
    }

    @Override
    public String toString() {
      return "KryoFormat.serializer(" + type + ")";
    }
  }

  /** One Kryo instance with its resolver and reusable buffers; used by one operation at a time. */
  private static final class Worker {
    final SafeClassResolver resolver = new SafeClassResolver();
    final Kryo kryo = newKryo(resolver);
    final Output output = new Output(INITIAL_BUFFER, -1);
    final Input input = new GuardedInput();
  }

  private static Kryo newKryo(SafeClassResolver resolver) {
    Kryo kryo = new Kryo(resolver, new MapReferenceResolver());
    kryo.setRegistrationRequired(false);
    kryo.setWarnUnregisteredClasses(false);
    kryo.setReferences(false);
    kryo.setOptimizedGenerics(false);
    kryo.setMaxDepth(MAX_DEPTH);
    // A no-arg constructor when there is one (field initialisers then run), otherwise none (like Java serialization).
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setDefaultSerializer(factory(ObjectSerializer::new));

    // Added defaults are consulted in this order, before Kryo's own; the first whose class is a supertype wins.
    kryo.addDefaultSerializer(Record.class, factory(RecordSerializer::new));
    kryo.addDefaultSerializer(Enum.class, factory(KryoFormat::enumSerializer));
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    kryo.addDefaultSerializer(EnumMap.class, new EnumMapSerializer());
    kryo.addDefaultSerializer(UNMODIFIABLE_COLLECTION, new UnmodifiableCollectionSerializer());
    kryo.addDefaultSerializer(UNMODIFIABLE_MAP, new UnmodifiableMapSerializer());
    for (Class<?> type : IMMUTABLE_LISTS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.LIST));
    }
    for (Class<?> type : IMMUTABLE_SETS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.SET));
    }
    for (Class<?> type : IMMUTABLE_MAPS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.MAP));
    }
    kryo.addDefaultSerializer(ARRAYS_AS_LIST, new ImmutableSerializer(ImmutableSerializer.ARRAYS_AS_LIST));
    // The collections that Kryo pre-sizes from the length in the bytes.
    kryo.addDefaultSerializer(ArrayList.class, factory(type -> new GuardedCollectionSerializer()));
    kryo.addDefaultSerializer(HashSet.class, factory(type -> new GuardedCollectionSerializer()));
    kryo.addDefaultSerializer(HashMap.class, factory(type -> new GuardedMapSerializer()));
    for (Class<?> type : List.of(byte[].class, char[].class, short[].class, int[].class, long[].class,
        float[].class, double[].class, boolean[].class)) {
      kryo.addDefaultSerializer(type, new GuardedArraySerializer(kryo.getDefaultSerializer(type)));
    }
    kryo.addDefaultSerializer(Object[].class,
        factory(type -> new GuardedArraySerializer(new DefaultArraySerializers.ObjectArraySerializer(kryo, type))));
    return kryo;
  }

  /** Enums by constant name, so that adding or reordering constants does not change what old entries mean. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // Kryo's EnumNameSerializer takes a raw enum class
  private static com.esotericsoftware.kryo.Serializer<?> enumSerializer(Class<?> type) {
    return new EnumNameSerializer((Class) type);
  }

  private static SerializerFactory<com.esotericsoftware.kryo.Serializer<?>> factory(
      Function<Class<?>, com.esotericsoftware.kryo.Serializer<?>> create) {
    return new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      @SuppressWarnings("rawtypes") // the interface declares a raw Class
      public com.esotericsoftware.kryo.Serializer<?> newSerializer(Kryo kryo, Class type) {
        return create.apply(type);
      }
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The gate

  /** Resolves class names through the bound policy, and checks each class written against it. */
  private static final class SafeClassResolver extends DefaultClassResolver {
    TypePolicy policy;

    @Override
    @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
    public Registration writeClass(Output output, Class type) {
      if (type != null) {
        // Checked before Kryo registers the class, so that a refused class never gets as far as a serializer.
        Class<?> written = writtenClass(type);
        if (!policy.allows(written)) {
          throw new KryoException(written.getName() + " is not allowed in a value of type " + policy.type
              + "; it is neither reachable from that type nor one of the JDK types KryoFormat allows");
        }
      }
      return super.writeClass(output, type);
    }

    /**
     * The class Kryo writes for {@code type} (see Kryo.getRegistration): the enum of a constant with a body, EnumSet
     * for its hidden implementations. Lambdas and proxies stay as they are, and no policy allows them.
     */
    private static Class<?> writtenClass(Class<?> type) {
      if (EnumSet.class.isAssignableFrom(type)) {
        return EnumSet.class;
      }
      Class<?> c = type;
      while (!c.isEnum() && c.getSuperclass() != null && Enum.class.isAssignableFrom(c.getSuperclass())
          && c.getSuperclass() != Enum.class) {
        c = c.getSuperclass();
      }
      return c;
    }

    @Override
    @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
    protected void writeName(Output output, Class type, Registration registration) {
      // Name the class that was checked and that the reader will use, not a hidden subclass of it (Kryo names
      // RegularEnumSet, say, which the reader would have to allow too).
      super.writeName(output, writtenClass(type), registration);
    }

    @Override
    @SuppressWarnings("rawtypes") // overrides a method declared with a raw Class
    protected Class getTypeByName(String className) {
      return policy.resolve(className);
    }
  }

  /** The classes that the values of one type may hold. Thread-safe; grows when a new subtype is admitted. */
  static final class TypePolicy {
    final ValueType type;
    /** Reachable classes by name. */
    private final Map<String, Class<?>> allowed = new ConcurrentHashMap<>();
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
        return allows(c.getComponentType());
      }
      return c.isPrimitive()
          || allowed.get(c.getName()) == c
          || JDK_ALLOWED.get(c.getName()) == c
          || admitSubtype(c);
    }

    /** The class named {@code name} in the bytes, if a value may hold it. */
    Class<?> resolve(String name) {
      Class<?> c = allowed.get(name);
      if (c == null) {
        c = JDK_ALLOWED.get(name);
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
      }
      return c;
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
          if (isSerialized(field)) {
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

  private static boolean isPlatform(String className) {
    return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.")
        || className.startsWith("com.esotericsoftware.");
  }

  private static boolean isSerialized(Field field) {
    int modifiers = field.getModifiers();
    return !Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic();
  }

  private static Map<String, Class<?>> jdkAllowed() {
    List<Class<?>> classes = new ArrayList<>(List.of(
        Boolean.class, Byte.class, Short.class, Character.class, Integer.class, Long.class, Float.class,
        Double.class, String.class, BigDecimal.class, BigInteger.class, UUID.class, Date.class,
        Duration.class, Instant.class, LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class,
        OffsetTime.class, ZonedDateTime.class, ZoneOffset.class, ZoneId.of("UTC").getClass(), Year.class,
        YearMonth.class, MonthDay.class, Period.class, DayOfWeek.class, Month.class,
        ArrayList.class, LinkedList.class, ArrayDeque.class, HashMap.class, LinkedHashMap.class, TreeMap.class,
        HashSet.class, LinkedHashSet.class, TreeSet.class, EnumMap.class, EnumSet.class,
        Optional.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class, ARRAYS_AS_LIST,
        Collections.emptyList().getClass(), Collections.emptySet().getClass(), Collections.emptyMap().getClass(),
        Collections.singletonList(1).getClass(), Collections.singleton(1).getClass(),
        Collections.singletonMap(1, 1).getClass(),
        UNMODIFIABLE_COLLECTION, UNMODIFIABLE_MAP,
        Collections.unmodifiableList(new ArrayList<>()).getClass(),
        Collections.unmodifiableList(new LinkedList<>()).getClass(),
        Collections.unmodifiableSet(new HashSet<>()).getClass(),
        Collections.unmodifiableSortedSet(new TreeSet<>()).getClass(),
        Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass(),
        Collections.emptyNavigableSet().getClass(),
        Collections.unmodifiableSortedMap(new TreeMap<>()).getClass(),
        Collections.unmodifiableNavigableMap(new TreeMap<>()).getClass(),
        Collections.emptyNavigableMap().getClass()));
    classes.addAll(IMMUTABLE_LISTS);
    classes.addAll(IMMUTABLE_SETS);
    classes.addAll(IMMUTABLE_MAPS);
    Map<String, Class<?>> byName = new HashMap<>();
    for (Class<?> c : classes) {
      byName.put(c.getName(), c);
    }
    return Map.copyOf(byName);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Guards against lengths that corrupt bytes make up

  /** Fails when {@code count} items, each at least one byte, cannot fit in what is left of the input. */
  static void checkCount(Input input, long count) {
    long left = (long) input.limit() - input.position();
    if (count < 0 || count > left) {
      throw new KryoException("corrupt length " + count + " with " + left + " bytes left");
    }
  }

  private static int readCount(Input input) {
    int count = input.readVarInt(true);
    checkCount(input, count);
    return count;
  }

  /** An input that checks string and byte-run lengths before allocating for them. */
  private static final class GuardedInput extends Input {
    @Override
    public String readString() {
      require(1);
      if ((buffer[position] & 0x80) != 0) { // not ASCII: a character count comes first (0 = null, 1 = "")
        int start = position;
        int count = readVarIntFlag(true);
        position = start;
        checkCount(this, count - 1L);
      }
      return super.readString();
    }

    @Override
    public byte[] readBytes(int length) {
      checkCount(this, length);
      return super.readBytes(length);
    }
  }

  /** Checks an array's length before Kryo's own serializer allocates it. */
  private static final class GuardedArraySerializer extends com.esotericsoftware.kryo.Serializer<Object> {
    private final com.esotericsoftware.kryo.Serializer<Object> delegate;

    @SuppressWarnings("unchecked") // an array serializer, used only for its own array class
    GuardedArraySerializer(com.esotericsoftware.kryo.Serializer<?> delegate) {
      super(true);
      this.delegate = (com.esotericsoftware.kryo.Serializer<Object>) delegate;
    }

    @Override
    public void write(Kryo kryo, Output output, Object array) {
      delegate.write(kryo, output, array);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      int start = input.position();
      int lengthPlusOne = input.readVarInt(true); // zero for a null array
      checkCount(input, Math.max(lengthPlusOne - 1L, 0));
      input.setPosition(start);
      return delegate.read(kryo, input, type);
    }
  }

  private static final class GuardedCollectionSerializer extends CollectionSerializer<Collection<Object>> {
    @Override
    protected Collection<Object> create(
        Kryo kryo, Input input, Class<? extends Collection<Object>> type, int size) {
      checkCount(input, size);
      return super.create(kryo, input, type, size);
    }
  }

  private static final class GuardedMapSerializer extends MapSerializer<Map<Object, Object>> {
    @Override
    protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type, int size) {
      checkCount(input, size);
      return super.create(kryo, input, type, size);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // User classes and records

  /**
   * Writes an object as its named fields, each length-prefixed with its class, so that fields can be added to or
   * removed from the class between writing and reading.
   */
  private abstract static class CompatibleSerializer<T> extends com.esotericsoftware.kryo.Serializer<T> {
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
        checkCount(input, length);
        int end = input.position() + length;
        if (slot < 0) {
          skip(kryo, input);
          input.setPosition(end);
          continue;
        }
        Object value = kryo.readClassAndObject(input);
        if (input.position() != end) {
          throw new KryoException("field " + names[slot] + " of " + type.getName() + " does not match its length");
        }
        if (value == null ? types[slot].isPrimitive() : !box(types[slot]).isInstance(value)) {
          throw new KryoException("field " + names[slot] + " of " + type.getName() + " is a "
              + types[slot].getName() + " but the bytes hold " + (value == null ? "null" : value.getClass().getName()));
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
        int count = readCount(input);
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

  /** A class outside the JDK: its non-static, non-transient fields, superclasses' included. */
  private static final class ObjectSerializer extends CompatibleSerializer<Object> {
    private final Field[] fields;

    ObjectSerializer(Class<?> type) {
      this(type, fieldsOf(type));
    }

    private ObjectSerializer(Class<?> type, Map<String, Field> fields) {
      super(type, fields.keySet().toArray(new String[0]),
          fields.values().stream().map(Field::getType).toArray(Class<?>[]::new));
      this.fields = fields.values().toArray(new Field[0]);
    }

    private static Map<String, Field> fieldsOf(Class<?> type) {
      if (isPlatform(type.getName())) {
        throw new KryoException(type.getName() + " has no Kryo serializer, so it cannot be stored in a remote tier");
      }
      Map<String, Field> byName = new TreeMap<>();
      for (Class<?> k = type; k != null && !isPlatform(k.getName()); k = k.getSuperclass()) {
        for (Field field : k.getDeclaredFields()) {
          if (isSerialized(field)) {
            field.setAccessible(true);
            // A field hidden by a subclass's field of the same name is told apart by its class.
            String name = byName.containsKey(field.getName()) ? k.getName() + "." + field.getName() : field.getName();
            byName.put(name, field);
          }
        }
      }
      return byName;
    }

    @Override
    Object get(Object object, int index) throws IllegalAccessException {
      return fields[index].get(object);
    }

    @Override
    Object build(Kryo kryo, Object[] values, boolean[] present) throws IllegalAccessException {
      Object object = kryo.newInstance(type);
      for (int i = 0; i < fields.length; i++) {
        if (present[i]) {
          fields[i].set(object, values[i]);
        }
      }
      return object;
    }
  }

  /** A record: its components by name, built through the canonical constructor. */
  private static final class RecordSerializer extends CompatibleSerializer<Object> {
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
  }

  private static Object defaultValue(Class<?> type) {
    return type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0) : null;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    } else if (type == long.class) {
      return Long.class;
    } else if (type == boolean.class) {
      return Boolean.class;
    } else if (type == double.class) {
      return Double.class;
    } else if (type == float.class) {
      return Float.class;
    } else if (type == char.class) {
      return Character.class;
    } else if (type == short.class) {
      return Short.class;
    } else if (type == byte.class) {
      return Byte.class;
    }
    return Void.class;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // JDK collections that Kryo cannot rebuild on its own

  /** {@code EnumMap}: its key enum, then its entries with keys by name. */
  private static final class EnumMapSerializer extends com.esotericsoftware.kryo.Serializer<EnumMap<?, ?>> {
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
      int size = readCount(input);
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
  private static final class UnmodifiableCollectionSerializer
      extends com.esotericsoftware.kryo.Serializer<Collection<?>> {
    @Override
    public void write(Kryo kryo, Output output, Collection<?> collection) {
      if (collection instanceof SortedSet<?>) {
        kryo.writeClassAndObject(output, ((SortedSet<?>) collection).comparator());
      }
      output.writeVarInt(collection.size(), true);
      for (Object element : collection) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public Collection<?> read(Kryo kryo, Input input, Class<? extends Collection<?>> type) {
      Comparator<Object> comparator =
          SortedSet.class.isAssignableFrom(type) ? comparator(kryo.readClassAndObject(input)) : null;
      int size = readCount(input);
      if (NavigableSet.class.isAssignableFrom(type)) {
        return Collections.unmodifiableNavigableSet(readInto(kryo, input, size, new TreeSet<>(comparator)));
      } else if (SortedSet.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSortedSet(readInto(kryo, input, size, new TreeSet<>(comparator)));
      } else if (Set.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSet(readInto(kryo, input, size, new LinkedHashSet<>()));
      } else if (List.class.isAssignableFrom(type)) {
        return Collections.unmodifiableList(readInto(kryo, input, size, new ArrayList<>(size)));
      }
      return Collections.unmodifiableCollection(readInto(kryo, input, size, new ArrayList<>(size)));
    }

    private static <C extends Collection<Object>> C readInto(Kryo kryo, Input input, int size, C collection) {
      for (int i = 0; i < size; i++) {
        collection.add(kryo.readClassAndObject(input));
      }
      return collection;
    }
  }

  /** The {@code Collections.unmodifiable*} maps: comparator if sorted, then the entries. */
  private static final class UnmodifiableMapSerializer extends com.esotericsoftware.kryo.Serializer<Map<?, ?>> {
    @Override
    public void write(Kryo kryo, Output output, Map<?, ?> map) {
      if (map instanceof SortedMap<?, ?>) {
        kryo.writeClassAndObject(output, ((SortedMap<?, ?>) map).comparator());
      }
      output.writeVarInt(map.size(), true);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }

    @Override
    public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
      Comparator<Object> comparator =
          SortedMap.class.isAssignableFrom(type) ? comparator(kryo.readClassAndObject(input)) : null;
      int size = readCount(input);
      if (NavigableMap.class.isAssignableFrom(type)) {
        return Collections.unmodifiableNavigableMap(readInto(kryo, input, size, new TreeMap<>(comparator)));
      } else if (SortedMap.class.isAssignableFrom(type)) {
        return Collections.unmodifiableSortedMap(readInto(kryo, input, size, new TreeMap<>(comparator)));
      }
      return Collections.unmodifiableMap(readInto(kryo, input, size, new LinkedHashMap<>()));
    }

    private static <M extends Map<Object, Object>> M readInto(Kryo kryo, Input input, int size, M map) {
      for (int i = 0; i < size; i++) {
        map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
      return map;
    }
  }

  @SuppressWarnings("unchecked") // a comparator that compares the elements it was written with
  private static Comparator<Object> comparator(Object value) {
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
  private static final class ImmutableSerializer extends com.esotericsoftware.kryo.Serializer<Object> {
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
        Map<?, ?> map = (Map<?, ?>) value;
        output.writeVarInt(map.size(), true);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          kryo.writeClassAndObject(output, entry.getKey());
          kryo.writeClassAndObject(output, entry.getValue());
        }
      } else {
        Collection<?> collection = (Collection<?>) value;
        output.writeVarInt(collection.size(), true);
        for (Object element : collection) {
          kryo.writeClassAndObject(output, element);
        }
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      int size = readCount(input);
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
