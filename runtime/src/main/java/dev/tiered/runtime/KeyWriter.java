package dev.tiered.runtime;

import java.util.Collection;
import java.util.Map;

/**
 * Writes the readable form of a {@link CacheKey}: arguments separated by {@code ':'}, groups (records, lists, maps)
 * in brackets with their parts separated by {@code ','}. Strings are escaped so that no two argument tuples share a
 * form, and {@code null} is written {@code \N}, which no string can produce.
 */
public final class KeyWriter {
  private final StringBuilder out;
  private int depth;
  private boolean first = true;

  KeyWriter(String prefix) {
    this.out = new StringBuilder(prefix.length() + 24).append(prefix);
    this.first = false;
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
      beginList();
      for (Object element : (Collection<?>) value) {
        add(element);
      }
      endList();
    } else if (value instanceof Map<?, ?>) {
      beginList();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        beginGroup();
        add(e.getKey());
        add(e.getValue());
        endGroup();
      }
      endList();
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

  private void escape(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
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

  @Override
  public String toString() {
    return out.toString();
  }
}
