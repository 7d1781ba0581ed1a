package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * Guards against what corrupt or hostile bytes make up: every length read from the bytes (collections, maps, arrays,
 * strings, byte runs, field counts) is checked against the bytes that remain before anything is allocated for it,
 * and the class of the value and of each field against the declared one before it is read, so that a flipped bit
 * fails as a {@link KryoException} and never as an {@link OutOfMemoryError}.
 */
final class Guards {
  private Guards() {}

  /** Fails when {@code count} items, each at least one byte, cannot fit in what is left of the input. */
  static void checkCount(Input input, long count) {
    checkCount(input, count, 1);
  }

  /** Fails when {@code count} items of at least {@code bytesEach} bytes cannot fit in what is left of the input. */
  static void checkCount(Input input, long count, int bytesEach) {
    long left = (long) input.limit() - input.position();
    if (count < 0 || count > left / bytesEach) {
      throw new KryoException("corrupt length " + count + " with " + left + " bytes left");
    }
  }

  /**
   * Reads an object whose class must be {@code expected}, checking the class named in the bytes before its
   * serializer allocates anything (see {@link #checkClass}). For a field: the value's own class is checked by
   * {@link SafeClassResolver#expectRoot}, as reading a class outside an object would reset Kryo's class ids.
   */
  static Object readAs(Kryo kryo, Input input, Class<?> expected, String field, Object owner) {
    Registration registration = kryo.readClass(input);
    Class<?> read = registration == null ? null : registration.getType();
    checkClass(read, expected, field, owner);
    return read == null ? null : kryo.readObject(input, read, registration.getSerializer());
  }

  /**
   * Fails unless {@code read}, the class named in the bytes ({@code null} for a null), may stand where {@code
   * expected} is declared: a {@code long[]} where a record is declared fails here, before a length in the bytes is
   * allocated for.
   *
   * @param field the name of the field read, or {@code null} for a whole value
   * @param owner the class of that field, or the declared type of the value, for the message
   */
  static void checkClass(Class<?> read, Class<?> expected, String field, Object owner) {
    if (read == null ? expected.isPrimitive() : !JdkClasses.box(expected).isAssignableFrom(JdkClasses.box(read))) {
      throw new KryoException((field == null ? "a value of type " + owner : "field " + field + " of " + owner)
          + " is a " + expected.getName() + " but the bytes hold " + (read == null ? "null" : read.getName()));
    }
  }

  static int readCount(Input input) {
    int count = input.readVarInt(true);
    checkCount(input, count);
    return count;
  }

  /** An input that checks string and byte-run lengths before allocating for them. */
  static final class GuardedInput extends Input {
    private static final byte[] NO_BYTES = new byte[0];

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

    /** The characters the string buffer holds; it grows to the longest string read. */
    int charCapacity() {
      return chars.length;
    }

    /**
     * Lets go of the value's bytes, and of a string buffer that grew beyond {@code maxChars}: Kryo keeps it at the
     * size of the longest string read, so a pooled input would hold a huge string's buffer for good.
     */
    void trim(int maxChars) {
      setBuffer(NO_BYTES);
      if (chars.length > maxChars) {
        chars = new char[32];
      }
    }
  }

  /**
   * Checks an array's length before Kryo's own serializer allocates it, at the fewest bytes an element of the array
   * takes (8 for a {@code double}, 1 for a varint {@code long}), so that the array is never larger than the bytes
   * could fill.
   */
  static final class GuardedArraySerializer extends Serializer<Object> {
    private final Serializer<Object> delegate;
    private final int bytesEach;

    @SuppressWarnings("unchecked") // an array serializer, used only for its own array class
    GuardedArraySerializer(Serializer<?> delegate, int bytesEach) {
      super(true);
      this.delegate = (Serializer<Object>) delegate;
      this.bytesEach = bytesEach;
    }

    @Override
    public void write(Kryo kryo, Output output, Object array) {
      delegate.write(kryo, output, array);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
      int start = input.position();
      int lengthPlusOne = input.readVarInt(true); // zero for a null array
      checkCount(input, Math.max(lengthPlusOne - 1L, 0), bytesEach);
      input.setPosition(start);
      return delegate.read(kryo, input, type);
    }
  }

  static final class GuardedCollectionSerializer extends CollectionSerializer<Collection<Object>> {
    @Override
    protected Collection<Object> create(
        Kryo kryo, Input input, Class<? extends Collection<Object>> type, int size) {
      checkCount(input, size);
      return super.create(kryo, input, type, size);
    }
  }

  static final class GuardedMapSerializer extends MapSerializer<Map<Object, Object>> {
    @Override
    protected Map<Object, Object> create(Kryo kryo, Input input, Class<? extends Map<Object, Object>> type, int size) {
      checkCount(input, size);
      return super.create(kryo, input, type, size);
    }
  }
}
