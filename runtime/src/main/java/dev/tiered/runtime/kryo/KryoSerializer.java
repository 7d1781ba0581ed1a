package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tiered.runtime.ValueFormat;
import dev.tiered.runtime.ValueType;
import java.util.Objects;

/** Reads and writes the values of one type, with the format's workers bound to that type's policy. */
final class KryoSerializer<V> implements ValueFormat.Serializer<V> {
  private static final byte[] NO_BYTES = new byte[0];

  private final ValueType type;
  private final Class<?> boxed;
  private final TypePolicy policy;
  private final TypeCheck check;
  private final Workers workers;

  KryoSerializer(ValueType type, Workers workers) {
    this.type = type;
    this.boxed = JdkClasses.box(type.raw());
    this.policy = new TypePolicy(type);
    this.check = new TypeCheck(type);
    this.workers = workers;
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
    Workers.Worker worker = workers.obtain(policy);
    boolean healthy = false;
    try {
      Output output = worker.output;
      if (output.getBuffer().length < offset + Workers.INITIAL_BUFFER) {
        output.setBuffer(new byte[offset + Workers.INITIAL_BUFFER], -1);
      }
      output.reset();
      // The header goes in front: write the value after it, then copy once to an array of the exact length.
      output.setPosition(offset);
      worker.kryo.writeClassAndObject(output, value);
      // What could not be read back is not written: after Kryo, whose policy check names a refused class.
      check.check(value);
      byte[] bytes = output.toBytes();
      if (output.getBuffer().length > Workers.RETAINED_BUFFER) {
        output.setBuffer(new byte[Workers.INITIAL_BUFFER], -1);
      }
      healthy = true;
      return bytes;
    } finally {
      workers.release(worker, healthy);
    }
  }

  @Override
  public V deserialize(byte[] bytes, int offset) {
    Workers.Worker worker = workers.obtain(policy);
    boolean healthy = false;
    try {
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
      check.check(value);
      input.setBuffer(NO_BYTES);
      healthy = true;
      @SuppressWarnings("unchecked") // checked against the type just above
      V result = (V) value;
      return result;
    } finally {
      workers.release(worker, healthy);
    }
  }

  @Override
  public String toString() {
    return "KryoFormat.serializer(" + type + ")";
  }
}
