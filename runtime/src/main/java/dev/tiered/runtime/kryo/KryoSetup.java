package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.EnumNameSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.tiered.runtime.kryo.Guards.GuardedArraySerializer;
import dev.tiered.runtime.kryo.Guards.GuardedCollectionSerializer;
import dev.tiered.runtime.kryo.Guards.GuardedMapSerializer;
import dev.tiered.runtime.kryo.JdkCollectionSerializers.EnumMapSerializer;
import dev.tiered.runtime.kryo.JdkCollectionSerializers.ImmutableSerializer;
import dev.tiered.runtime.kryo.JdkCollectionSerializers.UnmodifiableCollectionSerializer;
import dev.tiered.runtime.kryo.JdkCollectionSerializers.UnmodifiableMapSerializer;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.objenesis.strategy.StdInstantiatorStrategy;

/** Builds the Kryo instances of the format: their settings, and which serializer writes which class. */
final class KryoSetup {
  /** The deepest nesting of objects a value may have. */
  static final int MAX_DEPTH = 256;

  private KryoSetup() {}

  static Kryo newKryo(SafeClassResolver resolver) {
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
    kryo.addDefaultSerializer(Enum.class, factory(KryoSetup::enumSerializer));
    kryo.addDefaultSerializer(UUID.class, new DefaultSerializers.UUIDSerializer());
    kryo.addDefaultSerializer(URI.class, new DefaultSerializers.URISerializer());
    kryo.addDefaultSerializer(EnumMap.class, new EnumMapSerializer());
    kryo.addDefaultSerializer(JdkClasses.UNMODIFIABLE_COLLECTION, new UnmodifiableCollectionSerializer());
    kryo.addDefaultSerializer(JdkClasses.UNMODIFIABLE_MAP, new UnmodifiableMapSerializer());
    for (Class<?> type : JdkClasses.IMMUTABLE_LISTS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.LIST));
    }
    for (Class<?> type : JdkClasses.IMMUTABLE_SETS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.SET));
    }
    for (Class<?> type : JdkClasses.IMMUTABLE_MAPS) {
      kryo.addDefaultSerializer(type, new ImmutableSerializer(ImmutableSerializer.MAP));
    }
    kryo.addDefaultSerializer(
        JdkClasses.ARRAYS_AS_LIST, new ImmutableSerializer(ImmutableSerializer.ARRAYS_AS_LIST));
    // The collections that Kryo pre-sizes from the length in the bytes.
    kryo.addDefaultSerializer(ArrayList.class, factory(type -> new GuardedCollectionSerializer()));
    kryo.addDefaultSerializer(HashSet.class, factory(type -> new GuardedCollectionSerializer()));
    kryo.addDefaultSerializer(HashMap.class, factory(type -> new GuardedMapSerializer()));
    // The fewest bytes Kryo writes per element: ints and longs are varints, the other primitives fixed, and an
    // object element at least its class id (or the null marker).
    Map<Class<?>, Integer> bytesEach = Map.of(byte[].class, 1, boolean[].class, 1, char[].class, 2,
        short[].class, 2, int[].class, 1, long[].class, 1, float[].class, 4, double[].class, 8);
    bytesEach.forEach((type, bytes) ->
        kryo.addDefaultSerializer(type, new GuardedArraySerializer(kryo.getDefaultSerializer(type), bytes)));
    kryo.addDefaultSerializer(Object[].class, factory(
        type -> new GuardedArraySerializer(new DefaultArraySerializers.ObjectArraySerializer(kryo, type), 1)));
    return kryo;
  }

  /** Enums by constant name, so that adding or reordering constants does not change what old entries mean. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // Kryo's EnumNameSerializer takes a raw enum class
  private static Serializer<?> enumSerializer(Class<?> type) {
    return new EnumNameSerializer((Class) type);
  }

  private static SerializerFactory<Serializer<?>> factory(Function<Class<?>, Serializer<?>> create) {
    return new SerializerFactory.BaseSerializerFactory<>() {
      @Override
      @SuppressWarnings("rawtypes") // the interface declares a raw Class
      public Serializer<?> newSerializer(Kryo kryo, Class type) {
        return create.apply(type);
      }
    };
  }
}
