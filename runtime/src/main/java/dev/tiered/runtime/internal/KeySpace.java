package dev.tiered.runtime.internal;

/**
 * The keys of one cached method in one generation: the cache's name, its version, the method's name (with its
 * parameter types when the method is overloaded) and the generation. Immutable: {@code Invalidate(all = true)}
 * replaces a method's key space by the {@link #next} one, and since keys compare their spaces by identity, every
 * key made before stops matching without a scan.
 */
public final class KeySpace {
  private final String cacheName;
  private final int version;
  private final String methodName;
  private final long generation;
  /** The readable prefix of every key in this space: {@code users:v1:find}, or {@code users:v1:find#2}. */
  private final String prefix;
  private final int hash;

  /**
   * The first key space of a method: generation zero.
   *
   * @param cacheName the cache's name, the first part of every key
   * @param version the cache's version, bumped when cached classes change incompatibly
   * @param methodName the method's name, e.g. {@code find}, or {@code find(long)} when overloaded
   */
  KeySpace(String cacheName, int version, String methodName) {
    this(cacheName, version, methodName, 0);
  }

  private KeySpace(String cacheName, int version, String methodName, long generation) {
    this.cacheName = cacheName;
    this.version = version;
    this.methodName = methodName;
    this.generation = generation;
    String base = basePrefix();
    this.prefix = generation == 0 ? base : base + "#" + generation;
    this.hash = prefix.hashCode();
  }

  /** The cache's name. */
  public String cacheName() {
    return cacheName;
  }

  /** The method's name as it appears in keys. */
  public String methodName() {
    return methodName;
  }

  /** This space's generation; the first is zero. */
  public long generation() {
    return generation;
  }

  /** The space after this one: its generation is past both this one's and {@code floor}. */
  KeySpace next(long floor) {
    return new KeySpace(cacheName, version, methodName, Math.max(generation + 1, floor));
  }

  /** The space of generation {@code g} of the same method. */
  KeySpace withGeneration(long g) {
    return new KeySpace(cacheName, version, methodName, g);
  }

  /** The readable prefix of every key of this method in every generation, e.g. {@code users:v1:find}. */
  String basePrefix() {
    return cacheName + ":v" + version + ":" + methodName;
  }

  /** The readable prefix of keys made in this space. */
  String prefix() {
    return prefix;
  }

  /** A hash of the space, cheaper than {@link #hashCode()}'s identity hash to mix into every key's. */
  int hash() {
    return hash;
  }

  @Override
  public String toString() {
    return prefix;
  }
}
