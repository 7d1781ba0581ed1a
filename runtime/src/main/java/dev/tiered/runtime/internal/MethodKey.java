package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;

/**
 * The base of the key classes that generated decorators write, one small final class per cached method holding the
 * key arguments in their own types: no boxing and no string building on a hit. It keeps only a reference to its
 * {@link KeySpace}, which carries the method and generation, so a key of one {@code long} argument is 24 bytes.
 * Keys of different spaces are never equal: spaces are compared by identity.
 */
public abstract class MethodKey implements CacheKey {
  private final KeySpace space;

  /** Creates a key in {@code space}, which the generated code takes from its method's cache. */
  protected MethodKey(KeySpace space) {
    this.space = space;
  }

  /** A hash of the key arguments, consistent with {@link #sameArguments}. */
  protected abstract int argumentsHash();

  /** Whether {@code other}, a key of the same class and space, holds equal arguments. */
  protected abstract boolean sameArguments(MethodKey other);

  /** Writes the key arguments, in order, to {@code out}. */
  protected abstract void writeArguments(KeyWriter out);

  /** The space the key was made in. */
  final KeySpace space() {
    return space;
  }

  @Override
  public final String cacheName() {
    return space.cacheName();
  }

  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    MethodKey other = (MethodKey) o;
    return space == other.space && sameArguments(other);
  }

  @Override
  public final int hashCode() {
    return 31 * space.hash() + argumentsHash();
  }

  /** The readable form in UTF-8 after {@code head} (a backend's key prefix): a Redis key, rendered in one array. */
  public final byte[] toUtf8(byte[] head) {
    KeyWriter out = KeyWriter.open(space.prefix());
    try {
      writeArguments(out);
      return out.toUtf8(head);
    } finally {
      out.close();
    }
  }

  /** {@link KeyWriter#hash(CharSequence, CharSequence)} of the readable form, rendering no string. */
  final long readableHash() {
    KeyWriter out = KeyWriter.open(space.prefix());
    try {
      writeArguments(out);
      return out.hash();
    } finally {
      out.close();
    }
  }

  /** The readable form, e.g. {@code users:v1:find:42}, or {@code users:v1:find#2:42} after an invalidation of all. */
  @Override
  public final String toString() {
    KeyWriter out = new KeyWriter(space.prefix());
    writeArguments(out);
    return out.toString();
  }
}
