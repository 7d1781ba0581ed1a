package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link OutOfLine} passes values and exceptions through unchanged, and the JIT of the JVM running the tests keeps
 * its target out of the caller's code: the property generated methods rely on to stay small enough to inline.
 */
class OutOfLineTest {

  @Test
  void callReturnsWhatTheTargetReturns() {
    assertEquals("found", OutOfLine.call(() -> "found"));
    assertEquals(null, OutOfLine.<String>call(() -> null));
  }

  @Test
  void callThrowsWhatTheTargetThrowsCheckedExceptionsIncluded() {
    IOException declared = new IOException("the delegate's own");
    assertSame(declared, assertThrows(IOException.class, () -> OutOfLine.call(() -> {
      throw declared;
    })));
    IllegalStateException unchecked = new IllegalStateException("unchecked");
    assertSame(unchecked, assertThrows(IllegalStateException.class, () -> OutOfLine.call(() -> {
      throw unchecked;
    })));
    StackOverflowError error = new StackOverflowError();
    assertSame(error, assertThrows(StackOverflowError.class, () -> OutOfLine.call(() -> {
      throw error;
    })));
  }

  @Test
  void theShapesWithoutALambdaPassTheirArgumentsAndExceptionsThrough() {
    StringBuilder self = new StringBuilder("self");
    assertEquals("self", OutOfLine.call(self, StringBuilder::toString));
    assertEquals("self:42", OutOfLine.callLong(self, 42L, (s, id) -> s + ":" + id));
    assertEquals("self:id", OutOfLine.callObject(self, "id", (s, name) -> s + ":" + name));
    IOException declared = new IOException("the delegate's own");
    assertSame(declared, assertThrows(IOException.class, () -> OutOfLine.call(self, s -> {
      throw declared;
    })));
    assertSame(declared, assertThrows(IOException.class, () -> OutOfLine.callLong(self, 1L, (s, id) -> {
      throw declared;
    })));
    assertSame(declared, assertThrows(IOException.class, () -> OutOfLine.callObject(self, "id", (s, name) -> {
      throw declared;
    })));
  }

  @Test
  void runRunsTheTaskOnceAndLetsWhatItThrowsThrough() {
    AtomicInteger runs = new AtomicInteger();
    OutOfLine.run(runs::incrementAndGet);
    assertEquals(1, runs.get());
    IllegalStateException unchecked = new IllegalStateException("refresh failed");
    assertSame(unchecked, assertThrows(IllegalStateException.class, () -> OutOfLine.run(() -> {
      throw unchecked;
    })));
  }

  /**
   * A JVM like this one, made to print C2's inlining decisions about {@link Probe#hot} alone, runs it until C2 has
   * compiled it: C2 inlines the first levels of {@link OutOfLine#call} and stops at the recursion limit, so the target
   * (the lambda) stays a call however often it ran. Should a JVM ever inline recursion deeper, this fails, and {@code
   * OutOfLine.HOPS} must grow.
   */
  @Test
  void theJitStopsAtTheRecursionAndLeavesTheTargetACall() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm = new ProcessBuilder(java, "-XX:-TieredCompilation", "-Xbatch", "-XX:CompileCommand=quiet",
        "-XX:CompileCommand=compileonly," + Probe.class.getName() + "::hot", "-XX:+UnlockDiagnosticVMOptions",
        "-XX:+PrintInlining", "-cp", System.getProperty("java.class.path"), Probe.class.getName())
        .redirectErrorStream(true)
        .start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the probe JVM ends");
    assertEquals(0, jvm.exitValue(), output);
    List<String> decisions = output.lines().filter(line -> line.contains("::")).toList();
    for (String method : List.of("OutOfLine::call ", "OutOfLine::callLong ")) {
      assertTrue(decisions.stream().anyMatch(line -> line.contains(method) && line.contains("recursive")),
          () -> "C2 did not stop inlining " + method + "at the recursion limit:\n" + String.join("\n", decisions));
    }
    assertTrue(decisions.stream().noneMatch(line -> line.contains("lambda$hot$") && line.contains("inline")),
        () -> "C2 inlined the target into the caller:\n" + String.join("\n", decisions));
  }

  /** Calls a small target through {@link OutOfLine} often enough that C2 compiles the caller and would inline it. */
  static final class Probe {
    private static final Probe PROBE = new Probe();
    private static long sum;

    public static void main(String[] args) {
      for (int i = 0; i < 2_000_000; i++) {
        sum += hot(i);
      }
      System.out.println("sum " + sum);
    }

    static long hot(long i) {
      return OutOfLine.call(() -> i + 1) + OutOfLine.callLong(PROBE, i, (probe, id) -> id + 1);
    }
  }
}
