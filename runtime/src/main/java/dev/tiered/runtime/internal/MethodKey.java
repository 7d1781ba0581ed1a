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

  /** A hash of the key arguments, consistent with {@link #equals}. */
  protected abstract int argumentsHash();

  /**
   * Whether {@code other} is a key of this class, made in the same space, with equal arguments; written by each key
   * class as {@code other instanceof FindKey that && sameSpace(that) && this.id == that.id}. An L1 lookup inlines it
   * (twice: for a bin's first entry and for the rest), so it makes one type check, where a {@code getClass()}
   * comparison and a cast would make two; each check that the JIT never saw fail becomes a deoptimization path of
   * its own, and their code counts against the size up to which the JIT inlines a generated method into its callers.
   */
  @Override
  public abstract boolean equals(Object other);

  /** Whether {@code other} was made in this key's space: keys of different spaces are never equal. */
  protected final boolean sameSpace(MethodKey other) {
    return space == other.space;
  }

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
