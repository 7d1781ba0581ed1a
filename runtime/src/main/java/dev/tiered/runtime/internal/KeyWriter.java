package dev.tiered.runtime.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Writes the readable form of a {@link MethodKey}: arguments separated by {@code ':'}, groups (records, lists, maps)
 * in brackets with their parts separated by {@code ','}. Strings are escaped so that no two argument tuples share a
 * form, {@code null} is written {@code \N} and an empty string inside a group {@code \E}, which no string can
 * produce, and the elements of unordered collections are sorted so that equal sets agree.
 */
public final class KeyWriter {
  private static final int[] NO_SETS = {};
  /** A writer per thread, reused for the Redis key and the index hash of each L2 read and write. */
  private static final ThreadLocal<KeyWriter> REUSED = ThreadLocal.withInitial(() -> new KeyWriter(""));
  /** A reused writer whose buffer grew past this is not kept (one huge key must not stay held by a thread). */
  private static final int KEPT_CAPACITY = 1_024;

  private StringBuilder out;
  private int depth;
  private boolean first = true;
  /** Where the open sets' elements start in {@link #out}, innermost last. */
  private int[] setStarts = NO_SETS;
  private int openSets;
  /** Whether this thread's reused writer is writing a key: a key argument's toString may render another key. */
  private boolean busy;

  KeyWriter(String prefix) {
    this.out = new StringBuilder(prefix.length() + 24).append(prefix);
    this.first = false;
  }

  /** A writer starting with {@code prefix}: this thread's reused one, unless it is busy; {@link #close} it. */
  static KeyWriter open(String prefix) {
    KeyWriter writer = REUSED.get();
    if (writer.busy) {
      return new KeyWriter(prefix);
    }
    writer.busy = true;
    writer.out.setLength(0);
    writer.out.append(prefix);
    writer.depth = 0;
    writer.first = false;
    writer.openSets = 0;
    return writer;
  }

  /** Ends the use of a writer from {@link #open}. */
  void close() {
    busy = false;
    if (out.capacity() > KEPT_CAPACITY) {
      out = new StringBuilder(KEPT_CAPACITY / 8);
    }
  }

  private void separate() {
    if (depth == 0) {
      out.append(':');
    } else if (!first) {
      out.append(',');
    }
    first = false;
  }

  /** Writes an {@code int} argument. */
  public KeyWriter add(int value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a {@code long} argument. */
  public KeyWriter add(long value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a {@code double} argument. */
  public KeyWriter add(double value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a {@code float} argument. */
  public KeyWriter add(float value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a {@code boolean} argument. */
  public KeyWriter add(boolean value) {
    separate();
    out.append(value);
    return this;
  }

  /** Writes a {@code char} argument, escaped like a string. */
  public KeyWriter add(char value) {
    separate();
    escape(String.valueOf(value));
    return this;
  }

  /** Writes a string argument, escaped, or {@code \N} for {@code null}. */
  public KeyWriter add(String value) {
    separate();
    if (value == null) {
      out.append("\\N");
    } else {
      escape(value);
    }
    return this;
  }

  /**
   * Writes a value with a stable string form: a box, an enum (its name), a {@code UUID}, a {@code java.time} value,
   * a {@code BigDecimal}, a collection or map of those, or any value whose class overrides {@code toString}.
   * {@code null} is written {@code \N}.
   */
  public KeyWriter add(Object value) {
    if (value == null) {
      separate();
      out.append("\\N");
    } else if (value instanceof Enum<?>) {
      separate();
      escape(((Enum<?>) value).name());
    } else if (value instanceof Collection<?>) {
      boolean unordered = value instanceof Set<?> && !(value instanceof SortedSet<?>);
      if (unordered) {
        beginSet();
      } else {
        beginList();
      }
      for (Object element : (Collection<?>) value) {
        add(element);
      }
      if (unordered) {
        endSet();
      } else {
        endList();
      }
    } else if (value instanceof Map<?, ?>) {
      boolean unordered = !(value instanceof SortedMap<?, ?>);
      if (unordered) {
        beginSet();
      } else {
        beginList();
      }
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        beginGroup();
        add(e.getKey());
        add(e.getValue());
        endGroup();
      }
      if (unordered) {
        endSet();
      } else {
        endList();
      }
    } else {
      separate();
      escape(value.toString());
    }
    return this;
  }

  /** Starts a group, e.g. a record's components; close it with {@link #endGroup()}. */
  public KeyWriter beginGroup() {
    separate();
    out.append('(');
    depth++;
    first = true;
    return this;
  }

  /** Ends a group started with {@link #beginGroup()}. */
  public KeyWriter endGroup() {
    depth--;
    out.append(')');
    first = false;
    return this;
  }

  /** Starts a list, e.g. a collection's or an array's elements; close it with {@link #endList()}. */
  public KeyWriter beginList() {
    separate();
    out.append('[');
    depth++;
    first = true;
    return this;
  }

  /** Ends a list started with {@link #beginList()}. */
  public KeyWriter endList() {
    depth--;
    out.append(']');
    first = false;
    return this;
  }

  /**
   * Starts the elements of an unordered collection (a hash set, a hash map's entries); {@link #endSet()} writes
   * them sorted, so that two equal sets whose iteration orders differ still have the same readable form.
   */
  public KeyWriter beginSet() {
    beginList();
    if (openSets == setStarts.length) {
      setStarts = Arrays.copyOf(setStarts, Math.max(4, openSets * 2));
    }
    setStarts[openSets++] = out.length();
    return this;
  }

  /** Ends a set started with {@link #beginSet()}, sorting its elements. */
  public KeyWriter endSet() {
    int start = setStarts[--openSets];
    List<String> elements = new ArrayList<>();
    int level = 0;
    int from = start;
    for (int i = start; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '\\') {
        i++; // An escaped character is part of its element.
      } else if (c == '(' || c == '[') {
        level++;
      } else if (c == ')' || c == ']') {
        level--;
      } else if (c == ',' && level == 0) {
        elements.add(out.substring(from, i));
        from = i + 1;
      }
    }
    if (from < out.length()) {
      elements.add(out.substring(from));
    }
    Collections.sort(elements);
    out.setLength(start);
    out.append(String.join(",", elements));
    return endList();
  }

  private void escape(String s) {
    if (s.isEmpty() && depth > 0) {
      // Inside a list an empty string must not vanish: [""] would read as the empty list.
      out.append("\\E");
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        boolean paired =
            Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        if (paired) {
          out.append(c).append(s.charAt(++i));
        } else {
          // UTF-8 cannot carry a lone surrogate (it would become '?' and collide with a real '?'): write it as an
          // escape no other string produces, since a backslash is otherwise only followed by one of \:,()[]NE.
          out.append("\\u").append(String.format("%04X", (int) c));
        }
        continue;
      }
      switch (c) {
        case '\\':
        case ':':
        case ',':
        case '(':
        case ')':
        case '[':
        case ']':
          out.append('\\');
          break;
        default:
          break;
      }
      out.append(c);
    }
  }

  /**
   * The form written so far in UTF-8, after {@code head}: one array, without the string and the copies that {@code
   * (head + key).getBytes(UTF_8)} makes, for the Redis key of every L2 read and write.
   */
  byte[] toUtf8(byte[] head) {
    int length = out.length();
    byte[] bytes = new byte[head.length + length];
    System.arraycopy(head, 0, bytes, 0, head.length);
    for (int i = 0; i < length; i++) {
      char c = out.charAt(i);
      if (c >= 0x80) {
        // Not ASCII: let the JDK encode (lone surrogates were escaped, so nothing is lost).
        byte[] rest = out.substring(i).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(bytes, head.length + i + rest.length);
        System.arraycopy(rest, 0, all, head.length + i, rest.length);
        return all;
      }
      bytes[head.length + i] = (byte) c;
    }
    return bytes;
  }

  /** {@link #hash(CharSequence, CharSequence)} of the form written so far. */
  long hash() {
    return hash(out, "");
  }

  /**
   * A 64-bit hash (FNV-1a over the UTF-16 units, then a final mix) of the readable form {@code head + tail}: what
   * {@link L1Sync}'s index is keyed by, so that a write renders no string and an announcement is matched by its text.
   */
  static long hash(CharSequence head, CharSequence tail) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < head.length(); i++) {
      h = (h ^ head.charAt(i)) * 0x100000001b3L;
    }
    for (int i = 0; i < tail.length(); i++) {
      h = (h ^ tail.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
