package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import dev.tiered.runtime.ValueFormat;
import dev.tiered.runtime.ValueType;
import java.util.Objects;

/**
 * Reads and writes the values of one type, with the format's workers bound to that type's policy: entries no larger
 * than the format's maximum, on a stack deep enough for the value, checked against the declared type.
 */
final class KryoSerializer<V> implements ValueFormat.Serializer<V> {
  private final ValueType type;
  private final Class<?> boxed;
  private final TypePolicy policy;
  private final TypeCheck check;
  private final Workers workers;
  private final DeepStack deepStack;

  KryoSerializer(ValueType type, Workers workers, DeepStack deepStack) {
    this.type = type;
    this.boxed = JdkClasses.box(type.raw());
    this.policy = new TypePolicy(type);
    this.check = new TypeCheck(type);
    this.workers = workers;
    this.deepStack = deepStack;
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
    return deepStack.run(maxDepth -> write(value, offset, maxDepth));
  }

  private byte[] write(V value, int offset, int maxDepth) {
    Workers.Worker worker = workers.obtain(policy, maxDepth);
    boolean healthy = false;
    try {
      Output output = worker.output;
      if (output.getBuffer().length < offset + Workers.INITIAL_BUFFER) {
        int size = Math.min(offset + Workers.INITIAL_BUFFER, workers.maximumEntrySize);
        output.setBuffer(new byte[size], workers.maximumEntrySize);
      }
      output.reset();
      // The header goes in front: write the value after it, then copy once to an array of the exact length.
      output.setPosition(offset);
      worker.kryo.writeClassAndObject(output, value);
      // What could not be read back is not written: after Kryo, whose policy check names a refused class.
      check.check(value);
      byte[] bytes = output.toBytes();
      healthy = true;
      return bytes;
    } catch (KryoBufferOverflowException e) {
      throw new KryoException("the value takes more than the maximum entry size of " + workers.maximumEntrySize
          + " bytes (KryoFormat.builder().maximumEntrySize)", e);
    } finally {
      workers.release(worker, healthy);
    }
  }

  @Override
  public V deserialize(byte[] bytes, int offset) {
    if (bytes.length > workers.maximumEntrySize) {
      throw new KryoException("the entry of " + bytes.length + " bytes is larger than the maximum entry size of "
          + workers.maximumEntrySize + " bytes");
    }
    return deepStack.run(maxDepth -> read(bytes, offset, maxDepth));
  }

  private V read(byte[] bytes, int offset, int maxDepth) {
    Workers.Worker worker = workers.obtain(policy, maxDepth);
    boolean healthy = false;
    try {
      Input input = worker.input;
      input.setBuffer(bytes, offset, bytes.length - offset);
      worker.resolver.expectRoot(boxed);
      Object value = worker.kryo.readClassAndObject(input);
      if (input.position() != input.limit()) {
        throw new KryoException((input.limit() - input.position()) + " bytes are left after the value");
      }
      if (!boxed.isInstance(value)) {
        throw new KryoException("read " + (value == null ? "null" : value.getClass().getName())
            + " where a " + type + " was expected");
      }
      check.check(value);
      healthy = true;
      @SuppressWarnings("unchecked") // checked against the type just above
      V result = (V) value;
      return result;
    } catch (OutOfMemoryError e) {
      // The guards keep every allocation within a small multiple of the entry (8 bytes per varint of a long[]), and
      // the entry within the maximum size; a heap too small even for that fails this read, not the caller. What the
      // read allocated is garbage once this returns.
      throw new KryoException("the value needs more memory than is free: " + e.getMessage());
    } finally {
      workers.release(worker, healthy);
    }
  }

  @Override
  public String toString() {
    return "KryoFormat.serializer(" + type + ")";
  }
}
