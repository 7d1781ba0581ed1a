package dev.tiered.runtime.kryo;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a JVM of its own with a small heap ({@link BoundedDecodingTest}): decodes hostile 40 MiB entries and prints
 * one line per scenario, {@code ok} when the decode failed as a corrupt entry and {@code FAILED} otherwise. Exits 1
 * if any scenario failed.
 */
final class HostileEntryCheck {
  /** Forty million one-byte varints: 40 MiB of bytes that a {@code long[]} would make 320 MiB. */
  static final int ELEMENTS = 40_000_000;

  record Tag(String name) {}

  record Ids(long[] ids) {}

  private HostileEntryCheck() {}

  public static void main(String[] args) {
    boolean allOk = true;
    ValueType tags = ValueType.of(List.class, ValueType.of(Tag.class));
    // The default maximum entry size (16 MiB) refuses the entry before decoding.
    allOk &= scenario("a long[] under List<Tag>, default format", KryoFormat.create(), rootArray(new long[0]), tags);
    // With room for the entry, each guard must refuse it before the 320 MiB are allocated.
    KryoFormat roomy = KryoFormat.builder().maximumEntrySize(64 * 1024 * 1024).build();
    allOk &= scenario("a long[] under List<Tag>, 64 MiB entries (the root's class)", roomy, rootArray(new long[0]),
        tags);
    allOk &= scenario("a long[] under Ids, 64 MiB entries (the root's class, where long[] is reachable)", roomy,
        rootArray(new long[0]), ValueType.of(Ids.class));
    allOk &= scenario("a long[] inside a List<Tag>, 64 MiB entries (the type policy)", roomy,
        nestedArray(new long[0]), tags);
    allOk &= scenario("a double[] of 40M under double[], 64 MiB entries (8 bytes an element)", roomy,
        rootArray(new double[0]), ValueType.of(double[].class));
    // Legitimate bytes whose value the heap cannot hold: nothing to prevent, but no Error reaches the caller.
    allOk &= scenario("a long[] of 40M varints under long[], 64 MiB entries (the heap)", roomy,
        rootArray(new long[0]), ValueType.of(long[].class));
    System.exit(allOk ? 0 : 1);
  }

  static boolean scenario(String name, KryoFormat format, byte[] entry, ValueType declared) {
    try {
      ValueCodec.of(format, declared).decode(entry);
      System.out.println(name + ": FAILED, decoded");
      return false;
    } catch (CorruptEntryException e) {
      System.out.println(name + ": ok, " + e.getMessage().lines().findFirst().orElse(""));
      return true;
    } catch (Throwable t) {
      System.out.println(name + ": FAILED, " + t);
      return false;
    }
  }

  /**
   * An entry holding {@code empty}, an empty primitive array, with its length replaced by {@link #ELEMENTS}
   * followed by as many zero bytes: valid varints, and valid fixed-width elements for a width of one byte.
   */
  static byte[] rootArray(Object empty) {
    byte[] bytes = ValueCodec.of(KryoFormat.create(), ValueType.of(empty.getClass()))
        .encode(new Entry<>(empty, Long.MAX_VALUE, Long.MAX_VALUE));
    return withLength(bytes, bytes.length - 1);
  }

  /** An entry holding a {@code List<Object>} of one empty primitive array, whose length is then made hostile. */
  static byte[] nestedArray(Object empty) {
    ValueType objects = ValueType.of(List.class, ValueType.of(Object.class));
    byte[] bytes = ValueCodec.of(KryoFormat.create(), objects).encode(new Entry<>(List.of(empty), 1, 1));
    return withLength(bytes, bytes.length - 1);
  }

  /** {@code bytes} with the one-byte length varint at {@code at} (the last byte) set to {@link #ELEMENTS}. */
  static byte[] withLength(byte[] bytes, int at) {
    byte[] length = varInt(ELEMENTS + 1);
    byte[] entry = Arrays.copyOf(bytes, at + length.length + ELEMENTS);
    System.arraycopy(length, 0, entry, at, length.length);
    return entry;
  }

  static byte[] varInt(int value) {
    com.esotericsoftware.kryo.io.Output output = new com.esotericsoftware.kryo.io.Output(8);
    output.writeVarInt(value, true);
    return output.toBytes();
  }
}
