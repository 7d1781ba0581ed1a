package dev.tiered.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of one cached method of one decorator: the cache's name, its version and the method's name (with its
 * parameter types when the method is overloaded). It also holds the method's generation, which {@code
 * Invalidate(all = true)} advances so that every earlier key of the method stops matching without a scan.
 */
public final class KeySpace {
  private final String cacheName;
  private final String methodName;
  private final String basePrefix;
  private final AtomicLong generation = new AtomicLong();
  private volatile CacheKey generationKey;

  /**
   * Creates the key space of one method.
   *
   * @param cacheName the cache's name, the first part of every key
   * @param version the cache's version, bumped when cached classes change incompatibly
   * @param methodName the method's name, e.g. {@code find}, or {@code find(long)} when overloaded
   */
  public KeySpace(String cacheName, int version, String methodName) {
    this.cacheName = cacheName;
    this.methodName = methodName;
    this.basePrefix = cacheName + ":v" + version + ":" + methodName;
  }

  /** The cache's name. */
  public String cacheName() {
    return cacheName;
  }

  /** The method's name as it appears in keys. */
  public String methodName() {
    return methodName;
  }

  /** The current generation; starts at zero. */
  public long generation() {
    return generation.get();
  }

  /**
   * Advances the generation past both its current value and {@code floor}: every key made before no longer
   * matches any made after. Returns the new generation.
   */
  public long advanceGeneration(long floor) {
    return generation.updateAndGet(g -> Math.max(g + 1, floor));
  }

  /**
   * The key under which a shared tier keeps this method's generation, e.g. {@code users:v1:find#generation}, so
   * that an {@code Invalidate(all = true)} in one instance reaches the others.
   */
  public CacheKey generationKey() {
    CacheKey key = generationKey;
    if (key == null) {
      key = new GenerationKey(this);
      generationKey = key;
    }
    return key;
  }

  /** The key of a method's shared generation; it has no arguments and no generation of its own. */
  private static final class GenerationKey extends CacheKey {
    GenerationKey(KeySpace space) {
      super(space, 0);
    }

    @Override
    protected boolean sameArguments(CacheKey other) {
      return true;
    }

    @Override
    protected void writeArguments(KeyWriter out) {}

    @Override
    String readable() {
      return space().basePrefix() + "#generation";
    }
  }

  /** Sets the generation, e.g. to one read from a shared tier; never moves it backwards. */
  public void catchUp(long shared) {
    long current;
    while ((current = generation.get()) < shared) {
      if (generation.compareAndSet(current, shared)) {
        return;
      }
    }
  }

  /** The readable prefix of a key made in generation {@code g}: {@code users:v1:find}, or {@code users:v1:find#2}. */
  String prefix(long g) {
    return g == 0 ? basePrefix : basePrefix + "#" + g;
  }

  /** The readable prefix of every key of this method in every generation, e.g. {@code users:v1:find}. */
  public String basePrefix() {
    return basePrefix;
  }

  @Override
  public String toString() {
    return basePrefix;
  }
}
