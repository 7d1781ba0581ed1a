package dev.tiered.runtime;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One announcement on a cache's invalidation channel: who sent it (an instance id and its sequence number on that
 * channel), whether the sender failed to announce something before it, and what was removed: keys of a method, every
 * entry of a method (with the generation it moved to), or nothing in particular ({@link Kind#REPAIR}: "clear the
 * cache, you may have missed something").
 *
 * <p>Binary, so that any key travels unchanged: a version byte, the kind, a flags byte, then length-prefixed UTF-8
 * strings and big-endian numbers. Decoding checks every length against the bytes left, so a malformed message is
 * rejected whole, never half-applied.
 */
record BusMessage(
    String origin, long sequence, boolean lostBefore, String cache, Kind kind, String method, List<String> keys,
    long generation) {
  private static final byte VERSION = 1;
  private static final int LOST_BEFORE = 1;

  /** What an announcement removed. */
  enum Kind {
    /** The entries of {@link #method} named by {@link #keys} (argument parts of readable keys). */
    KEYS,
    /** Every entry of {@link #method}: it moved to {@link #generation}. */
    ALL,
    /** Nothing named: the sender lost announcements, so every receiver clears the cache. */
    REPAIR
  }

  static BusMessage keys(
      String origin, long sequence, boolean lostBefore, String cache, String method, List<String> keys) {
    return new BusMessage(origin, sequence, lostBefore, cache, Kind.KEYS, method, List.copyOf(keys), 0);
  }

  static BusMessage all(
      String origin, long sequence, boolean lostBefore, String cache, String method, long generation) {
    return new BusMessage(origin, sequence, lostBefore, cache, Kind.ALL, method, List.of(), generation);
  }

  static BusMessage repair(String origin, long sequence, String cache) {
    return new BusMessage(origin, sequence, true, cache, Kind.REPAIR, "", List.of(), 0);
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(kind.ordinal());
      out.writeByte(lostBefore ? LOST_BEFORE : 0);
      writeString(out, origin);
      out.writeLong(sequence);
      writeString(out, cache);
      writeString(out, method);
      if (kind == Kind.ALL) {
        out.writeLong(generation);
      }
      out.writeInt(keys.size());
      for (String key : keys) {
        writeString(out, key);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array stream does not fail
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a message.
   *
   * @throws IllegalArgumentException when {@code bytes} are not a message of this version
   */
  static BusMessage decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      if (in.get() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " invalidation message");
      }
      int kindIndex = in.get();
      if (kindIndex < 0 || kindIndex >= Kind.values().length) {
        throw new IllegalArgumentException("unknown kind " + kindIndex);
      }
      Kind kind = Kind.values()[kindIndex];
      boolean lost = (in.get() & LOST_BEFORE) != 0;
      String origin = readString(in);
      long sequence = in.getLong();
      String cache = readString(in);
      String method = readString(in);
      long generation = kind == Kind.ALL ? in.getLong() : 0;
      int count = in.getInt();
      // Each key takes at least its 4-byte length: a count the bytes cannot hold is rejected before allocating.
      if (count < 0 || count > in.remaining() / 4) {
        throw new IllegalArgumentException("a count of " + count + " keys in " + in.remaining() + " bytes");
      }
      List<String> keys = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        keys.add(readString(in));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the message");
      }
      return new BusMessage(origin, sequence, lost, cache, kind, method, List.copyOf(keys), generation);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("a truncated invalidation message", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("a string of " + length + " bytes in " + in.remaining());
    }
    byte[] utf8 = new byte[length];
    in.get(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
