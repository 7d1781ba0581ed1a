package dev.tiered.runtime.internal;

/**
 * Calls that the JIT compiles apart from their caller: how a generated method keeps its L1 miss and its stale refresh
 * out of the machine code of its hit.
 *
 * <p>Why. A generated method serves an L1 hit inline and hands a miss to a helper ({@code findFromL2}). HotSpot's C2
 * inlines a callee that has run often enough (a hundred calls at the call site on JDK 17, a quarter of the calls on
 * later ones), and an L1 starts empty, so by the time the method is compiled its miss path has run often: the helper,
 * and the L2 read, load and refill under it, were compiled into the method. That made it larger than C2 inlines into
 * its callers ({@code InlineSmallCode}: 2,500 bytes of machine code; the benchmarks' {@code find} was 3,520 with its
 * miss path in, and is 2,272 with it out of line), so every hit paid a call, and a caller's loop kept nothing of the
 * lookup in registers (two threads of hits: 145 calls a microsecond, against 175 with {@code find} inlined).
 *
 * <p>How. C2 inlines a method into itself once at most ({@code MaxRecursiveInlineLevel}, 1 since JDK 8), so a call
 * that recurses {@value #HOPS} times before it calls its target stays a call after the first levels are inlined, and
 * the target is compiled apart, whatever the profile says ({@code OutOfLineTest} checks it on the JVM that runs the
 * tests). The levels inlined cost no code, since the count is a constant; the call about what a plain call costs. A
 * method handle that C2 cannot inline through would do the same for about 300 bytes more of the caller's code (its
 * type check, customization check and exception path), more than the room there was under the limit. A helper of no
 * argument, one {@code long} or one object goes as a lambda that captures nothing, with its receiver and argument
 * beside it, so its miss allocates nothing here; others as a lambda that captures their arguments, made on the miss
 * path only.
 */
public final class OutOfLine {
  /** Levels of recursion before the target is called: past the one level that C2 inlines, with room to spare. */
  private static final int HOPS = 3;

  private OutOfLine() {}

  /** A call of a generated helper, which throws what the generated method declares and nothing else. */
  @FunctionalInterface
  public interface Call<R> {
    R call() throws Exception;
  }

  /** A generated helper without arguments, as a method reference: {@code TieredUserService::countFromL2}. */
  @FunctionalInterface
  public interface SelfCall<T, R> {
    R call(T self) throws Exception;
  }

  /** A generated helper of one {@code long}, as a method reference: {@code TieredUserService::findFromL2}. */
  @FunctionalInterface
  public interface LongCall<T, R> {
    R call(T self, long argument) throws Exception;
  }

  /** A generated helper of one object, as a method reference: {@code TieredUserService::byEmailFromL2}. */
  @FunctionalInterface
  public interface ObjectCall<T, A, R> {
    R call(T self, A argument) throws Exception;
  }

  /**
   * Returns what {@code call} returns, or throws what it throws, checked exceptions included: the helpers a generated
   * method calls here declare the method's own exceptions, so nothing undeclared escapes. The lambda that carries
   * the arguments is an allocation of the miss; the methods below take the commonest helpers (no argument, one
   * {@code long}, one object) without one, as method references that capture nothing.
   */
  public static <R> R call(Call<R> call) {
    return call(call, HOPS);
  }

  /** {@link #call(Call)} of {@code helper} on {@code self}, allocating nothing. */
  public static <T, R> R call(T self, SelfCall<T, R> helper) {
    return call(self, helper, HOPS);
  }

  /** {@link #call(Call)} of {@code helper} on {@code self} and {@code argument}, allocating nothing. */
  public static <T, R> R callLong(T self, long argument, LongCall<T, R> helper) {
    return callLong(self, argument, helper, HOPS);
  }

  /** {@link #call(Call)} of {@code helper} on {@code self} and {@code argument}, allocating nothing. */
  public static <T, A, R> R callObject(T self, A argument, ObjectCall<T, A, R> helper) {
    return callObject(self, argument, helper, HOPS);
  }

  /** Runs {@code task}, letting what it throws through. */
  public static void run(Runnable task) {
    run(task, HOPS);
  }

  private static <R> R call(Call<R> call, int hops) {
    if (hops > 0) {
      return call(call, hops - 1);
    }
    try {
      return call.call();
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  private static <T, R> R call(T self, SelfCall<T, R> helper, int hops) {
    if (hops > 0) {
      return call(self, helper, hops - 1);
    }
    try {
      return helper.call(self);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  private static <T, R> R callLong(T self, long argument, LongCall<T, R> helper, int hops) {
    if (hops > 0) {
      return callLong(self, argument, helper, hops - 1);
    }
    try {
      return helper.call(self, argument);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  private static <T, A, R> R callObject(T self, A argument, ObjectCall<T, A, R> helper, int hops) {
    if (hops > 0) {
      return callObject(self, argument, helper, hops - 1);
    }
    try {
      return helper.call(self, argument);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  private static void run(Runnable task, int hops) {
    if (hops > 0) {
      run(task, hops - 1);
    } else {
      task.run();
    }
  }
}
