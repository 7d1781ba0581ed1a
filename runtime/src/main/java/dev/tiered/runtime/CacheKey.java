package dev.tiered.runtime;

/**
 * The key of one cached call: which method of which cache, and the values of its key arguments.
 *
 * <p>Generated decorators subclass it once per cached method with a small final class that holds the key arguments
 * in their own types (no boxing, no string building on a hit). Its {@code equals} and {@code hashCode} are cheap, so
 * an in-process tier can use the key object itself; its {@link #toString()} is the readable form that remote tiers
 * use, e.g. {@code users:v1:find:42}: the cache's name, the cache's version, the method, then each argument,
 * separated by {@code ':'}. In the readable form a {@code null} argument is written {@code \N}, and the characters
 * {@code \ : , ( ) [ ]} inside a string are escaped with a backslash, so two different argument tuples never share
 * a string.
 */
public abstract class CacheKey {
  private final KeySpace space;
  private final long generation;
  private final int hash;
  /**
   * The readable form once made: a miss renders it for the L2 read and again for the L2 write. Racy but benign (a
   * String is immutable, and a second rendering is equal), and free for most keys, whose objects have padding
   * enough for one reference.
   */
  private String rendered;

  /**
   * Creates a key.
   *
   * @param space the cached method the key belongs to
   * @param argumentsHash a hash of the key arguments, consistent with {@link #sameArguments}
   */
  protected CacheKey(KeySpace space, int argumentsHash) {
    this.space = space;
    this.generation = space.generation();
    this.hash = 31 * space.hashCode() + argumentsHash;
  }

  /** The cached method this key belongs to. */
  public final KeySpace space() {
    return space;
  }

  /** Whether {@code other}, a key of the same class and space, holds equal arguments. */
  protected abstract boolean sameArguments(CacheKey other);

  /** Writes the key arguments, in order, to {@code out}. */
  protected abstract void writeArguments(KeyWriter out);

  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CacheKey) || o.getClass() != getClass()) {
      return false;
    }
    CacheKey other = (CacheKey) o;
    return hash == other.hash
        && space == other.space
        && generation == other.generation
        && sameArguments(other);
  }

  @Override
  public final int hashCode() {
    return hash;
  }

  /**
   * The readable form of this key, e.g. {@code users:v1:find:42}; remote tiers store entries under it. It carries
   * the method's current generation, which another instance may have advanced since this key was made.
   */
  @Override
  public final String toString() {
    String r = rendered;
    if (r == null) {
      r = readable();
      rendered = r;
    }
    return r;
  }

  /** The readable form; overridden by the key of a method's shared generation, which has no arguments. */
  String readable() {
    KeyWriter out = new KeyWriter(space.prefix(space.generation()));
    writeArguments(out);
    return out.toString();
  }
}
