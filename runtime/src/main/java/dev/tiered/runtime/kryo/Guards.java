package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.Map;

/**
 * Guards against the lengths that corrupt or hostile bytes make up: every length read from the bytes (collections,
 * maps, arrays, strings, byte runs, field counts) is checked against the bytes that remain before anything is
 * allocated for it, so that a flipped bit fails as a {@link KryoException} and never as an {@link OutOfMemoryError}.
 */
final class Guards {
  private Guards() {}

  /** Fails when {@code count} items, each at least one byte, cannot fit in what is left of the input. */
  static void checkCount(Input input, long count) {
    long left = (long) input.limit() - input.position();
    if (count < 0 || count > left) {
      throw new KryoException("corrupt length " + count + " with " + left + " bytes left");
    }
  }

  static int readCount(Input input) {
    int count = input.readVarInt(true);
    checkCount(input, count);
    return count;
  }

  /** An input that checks string and byte-run lengths before allocating for them. */
  static final class GuardedInput extends Input {
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
  static final class GuardedArraySerializer extends Serializer<Object> {
    private final Serializer<Object> delegate;

    @SuppressWarnings("unchecked") // an array serializer, used only for its own array class
    GuardedArraySerializer(Serializer<?> delegate) {
      super(true);
      this.delegate = (Serializer<Object>) delegate;
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
