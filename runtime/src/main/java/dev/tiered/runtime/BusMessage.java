package dev.tiered.runtime;

import dev.tiered.runtime.internal.InvalidationBus;
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
 * channel), whether the sender failed to announce something before it, and what one invalidating call removed: for
 * each method it named, keys or every entry (with the generation it moved to) ({@link Kind#CHANGES}); or nothing in
 * particular ({@link Kind#REPAIR}: "clear the cache, you may have missed something").
 *
 * <p>Binary, so that any key travels unchanged: a version byte, the kind, a flags byte, then length-prefixed UTF-8
 * strings and big-endian numbers. Decoding checks every length against the bytes left, so a malformed message is
 * rejected whole, never half-applied. Version 2 carries several methods per message; a receiver that gets a version
 * it does not know (an instance of another release) clears the cache, as for any message it cannot read.
 */
record BusMessage(
    String origin, long sequence, boolean lostBefore, String cache, Kind kind, List<InvalidationBus.Change> changes) {
  private static final byte VERSION = 2;
  private static final int LOST_BEFORE = 1;

  /** What an announcement says. */
  enum Kind {
    /** The {@link #changes} of one invalidating call. */
    CHANGES,
    /** Nothing named: the sender lost announcements, so every receiver clears the cache. */
    REPAIR
  }

  BusMessage {
    changes = List.copyOf(changes);
  }

  static BusMessage changes(
      String origin, long sequence, boolean lostBefore, String cache, List<InvalidationBus.Change> changes) {
    return new BusMessage(origin, sequence, lostBefore, cache, Kind.CHANGES, changes);
  }

  static BusMessage repair(String origin, long sequence, String cache) {
    return new BusMessage(origin, sequence, true, cache, Kind.REPAIR, List.of());
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
      out.writeInt(changes.size());
      for (InvalidationBus.Change change : changes) {
        writeString(out, change.method());
        out.writeLong(change.generation());
        out.writeInt(change.argumentParts().size());
        for (String key : change.argumentParts()) {
          writeString(out, key);
        }
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
      // Each change takes at least 16 bytes, each key 4: a count the bytes cannot hold is rejected before allocating.
      int count = count(in, 16, "changes");
      List<InvalidationBus.Change> changes = new ArrayList<>(count);
      for (int c = 0; c < count; c++) {
        String method = readString(in);
        long generation = in.getLong();
        int keyCount = count(in, 4, "keys");
        List<String> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
          keys.add(readString(in));
        }
        if (generation < -1 || generation >= 0 && !keys.isEmpty()) {
          throw new IllegalArgumentException("a change of " + method + " with generation " + generation + " and keys");
        }
        changes.add(new InvalidationBus.Change(method, keys, generation));
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the message");
      }
      return new BusMessage(origin, sequence, lost, cache, kind, changes);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("a truncated invalidation message", e);
    }
  }

  private static int count(ByteBuffer in, int leastBytesEach, String what) {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / leastBytesEach) {
      throw new IllegalArgumentException("a count of " + count + " " + what + " in " + in.remaining() + " bytes");
    }
    return count;
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
