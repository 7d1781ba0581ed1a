package dev.tiered.runtime;

/**
 * Turns cached values into bytes for a remote tier, and back. {@link dev.tiered.runtime.kryo.KryoFormat} is the default; a format of your
 * own (JSON, Protobuf, ...) implements this interface and is set on the decorator's builder.
 *
 * <p>A format only writes the value; the {@link ValueCodec} that wraps it adds the header (format id, expiry,
 * staleness, null marker), and never hands a {@code null} value to the format.
 */
public interface ValueFormat {

  /**
   * This format's id, stored in every entry's header so that an entry written by another format is recognised and
   * treated as a miss rather than misread. Ids 0 to 15 are reserved for Tiered's own formats.
   */
  byte id();

  /**
   * The serializer of values of {@code type}. Called once per cached method, when the decorator is built; the
   * serializer is then used concurrently.
   */
  <V> Serializer<V> serializer(ValueType type);

  /**
   * Writes and reads values of one type.
   *
   * @param <V> the type
   */
  interface Serializer<V> {

    /**
     * Writes {@code value} into a new array, leaving the first {@code offset} bytes free for the header.
     *
     * @throws Exception when the value cannot be written, e.g. a class its type does not allow
     */
    byte[] serialize(V value, int offset) throws Exception;

    /**
     * Reads a value from {@code bytes}, starting at {@code offset}.
     *
     * @throws Exception when the bytes do not hold a value of this type
     */
    V deserialize(byte[] bytes, int offset) throws Exception;
  }
}
