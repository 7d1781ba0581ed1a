package dev.tiered.runtime;

import java.util.Objects;

/**
 * Encodes the {@link Entry entries} of one cached method into bytes and back: a small versioned header followed by
 * the value as written by a {@link ValueFormat} that knows the value's full type.
 *
 * <p>The header is 19 bytes: a header version (1), the format's id, flags (bit 0: the value is {@code null}), the
 * expiry time and the staleness time (8 bytes each, big-endian milliseconds).
 *
 * @param <V> the value's type
 */
public final class ValueCodec<V> {
  static final byte HEADER_VERSION = 1;
  static final int HEADER_LENGTH = 19;
  private static final byte NULL_FLAG = 1;

  private final ValueFormat format;
  private final ValueFormat.Serializer<V> serializer;
  private final ValueType type;

  private ValueCodec(ValueFormat format, ValueType type) {
    this.format = format;
    this.type = type;
    this.serializer = format.serializer(type);
  }

  /** The codec of values of {@code type} written with {@code format}. */
  public static <V> ValueCodec<V> of(ValueFormat format, ValueType type) {
    return new ValueCodec<>(Objects.requireNonNull(format, "format"), Objects.requireNonNull(type, "type"));
  }

  /** The type of the values this codec writes. */
  public ValueType type() {
    return type;
  }

  /**
   * Encodes {@code entry}.
   *
   * @throws IllegalArgumentException when the format cannot write the value
   */
  public byte[] encode(Entry<V> entry) {
    byte[] bytes;
    byte flags = 0;
    if (entry.value() == null) {
      bytes = new byte[HEADER_LENGTH];
      flags = NULL_FLAG;
    } else {
      try {
        bytes = serializer.serialize(entry.value(), HEADER_LENGTH);
      } catch (Exception e) {
        throw new IllegalArgumentException("cannot encode a value of type " + type + ": " + e.getMessage(), e);
      }
    }
    bytes[0] = HEADER_VERSION;
    bytes[1] = format.id();
    bytes[2] = flags;
    putLong(bytes, 3, entry.expiresAt());
    putLong(bytes, 11, entry.staleAt());
    return bytes;
  }

  /**
   * Decodes bytes written by {@link #encode}.
   *
   * @throws CorruptEntryException when the header is not recognised or the value does not decode
   */
  public Entry<V> decode(byte[] bytes) throws CorruptEntryException {
    if (bytes.length < HEADER_LENGTH) {
      throw new CorruptEntryException("entry of " + bytes.length + " bytes is shorter than its header");
    }
    if (bytes[0] != HEADER_VERSION) {
      throw new CorruptEntryException("unknown entry header version " + bytes[0]);
    }
    if (bytes[1] != format.id()) {
      throw new CorruptEntryException("entry written by format " + bytes[1] + ", expected " + format.id());
    }
    long expiresAt = getLong(bytes, 3);
    long staleAt = getLong(bytes, 11);
    if ((bytes[2] & NULL_FLAG) != 0) {
      return new Entry<>(null, expiresAt, staleAt);
    }
    try {
      return new Entry<>(serializer.deserialize(bytes, HEADER_LENGTH), expiresAt, staleAt);
    } catch (Exception | LinkageError e) {
      throw new CorruptEntryException("value does not decode as " + type + ": " + e, e);
    } catch (StackOverflowError | OutOfMemoryError e) {
      // A format should bound what its bytes can make it use (KryoFormat does); one that does not still fails
      // this read rather than the caller. What the decode held is unreachable once it has unwound.
      throw new CorruptEntryException("value of type " + type + " is too large or deep to decode here: " + e, e);
    }
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }

  private static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }
}
