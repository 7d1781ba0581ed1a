package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.type;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Decoding is bounded in the memory and the stack it uses, whatever the bytes say. */
class BoundedDecodingTest {
  /** The nesting of a legitimate deep value: below the format's maximum depth of 256, far above what fits inline. */
  private static final int DEEP = 250;
  /** The stack of the caller's thread in the deep tests, as small as the issue that found the overflow had it. */
  private static final long SMALL_STACK = 128 * 1024;

  record Nest(Nest inner, int level) {}

  private final KryoFormat format = KryoFormat.create();

  private static Nest nest(int depth) {
    Nest nest = null;
    for (int level = 0; level < depth; level++) {
      nest = new Nest(nest, level);
    }
    return nest;
  }

  private static int depthOf(Nest nest) {
    int depth = 0;
    for (Nest n = nest; n != null; n = n.inner()) {
      depth++;
    }
    return depth;
  }

  /** Nested unmodifiable lists: the shape whose decoding takes the most stack per level. */
  private static Object lists(int depth) {
    Object value = "bottom";
    for (int level = 0; level < depth; level++) {
      value = Collections.unmodifiableList(new ArrayList<>(List.of(value)));
    }
    return value;
  }

  /** Runs {@code task} on a new thread with a 128 KiB stack and returns what it returned, or throws what it threw. */
  private static <T> T onSmallStack(Supplier<T> task) throws Exception {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(task.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small", SMALL_STACK);
    thread.start();
    thread.join(TimeUnit.MINUTES.toMillis(1));
    assertNull(failure.get(), () -> "the small-stack thread failed with " + failure.get());
    return result.get();
  }

  @Test
  void aValueNested250DeepThatTheLibraryEncodedDecodesOnA128KiBStack() throws Exception {
    ValueCodec<Nest> codec = ValueCodec.of(format, type(Nest.class));
    byte[] bytes = codec.encode(new Entry<>(nest(DEEP), EXPIRES, STALE));

    Nest back = onSmallStack(() -> decode(codec, bytes));

    assertEquals(DEEP, depthOf(back));
  }

  @Test
  void theDeepestShapeEncodesAndDecodesOnA128KiBStack() throws Exception {
    ValueCodec<Object> codec = ValueCodec.of(format, type(Object.class));

    byte[] bytes = onSmallStack(() -> codec.encode(new Entry<>(lists(DEEP), EXPIRES, STALE)));
    Object back = onSmallStack(() -> decode(codec, bytes));

    assertEquals(lists(DEEP), back);
  }

  @Test
  void aValueAsDeepAsTheInlineLimitDecodesOnTheCallersOwn128KiBStack() throws Exception {
    ValueCodec<Object> codec = ValueCodec.of(format, type(Object.class));
    Object value = lists(DeepStack.INLINE_DEPTH - 1); // the string at the bottom is one more level
    byte[] bytes = codec.encode(new Entry<>(value, EXPIRES, STALE));

    // Some frames of the caller's own first, as a decorator and a backend would have on the stack.
    Object back = onSmallStack(() -> belowFrames(CALLER_FRAMES, () -> decode(codec, bytes)));

    assertEquals(value, back);
    assertEquals(0, format.deepHandOvers(), "the value was handed over to a deep thread");
  }

  @Test
  void aValueDeeperThanTheInlineLimitIsHandedOverOnce() throws Exception {
    ValueCodec<Object> codec = ValueCodec.of(format, type(Object.class));
    Object value = lists(DeepStack.INLINE_DEPTH);
    byte[] bytes = codec.encode(new Entry<>(value, EXPIRES, STALE));
    long encoded = format.deepHandOvers();

    assertEquals(value, decode(codec, bytes));
    assertEquals(1, format.deepHandOvers() - encoded);
  }

  /** Frames a caller of the codec has below it: the generated decorator, the method cache, the backend. */
  private static final int CALLER_FRAMES = 30;

  private static <T> T belowFrames(int frames, Supplier<T> task) {
    return frames == 0 ? task.get() : belowFrames(frames - 1, task);
  }

  private static <V> V decode(ValueCodec<V> codec, byte[] bytes) {
    try {
      return codec.decode(bytes).value();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aHostile40MiBEntryIsACorruptEntryInAJvmOf256MiB() throws Exception {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    File log = File.createTempFile("hostile-entry", ".log");
    log.deleteOnExit();
    Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        HostileEntryCheck.class.getName())
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = Files.readString(log.toPath(), UTF_8);

    assertTrue(exited, "the JVM reading hostile entries did not finish: " + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains(": ok"), output);
  }

  @Test
  void theMaximumEntrySizeIs16MiBUnlessSet() {
    assertEquals(16 * 1024 * 1024, KryoFormat.create().maximumEntrySize());
    assertEquals(KryoFormat.DEFAULT_MAXIMUM_ENTRY_SIZE, KryoFormat.builder().build().maximumEntrySize());
    assertEquals(4096, KryoFormat.builder().maximumEntrySize(4096).build().maximumEntrySize());
  }

  @Test
  void theBuilderChecksItsArguments() {
    for (int size : new int[] {-1, 0, 1023, Integer.MIN_VALUE}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> KryoFormat.builder().maximumEntrySize(size));
      assertEquals("maximum entry size must be at least 1024 bytes but was " + size, e.getMessage());
    }
    KryoFormat.Builder builder = KryoFormat.builder().maximumEntrySize(2048);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder.maximumEntrySize(4096));
    assertEquals("maximum entry size was already set to 2048", e.getMessage());
  }

  @Test
  void anEntryLargerThanTheMaximumIsCorruptBeforeItIsDecoded() throws Exception {
    String text = "x".repeat(2000);
    byte[] bytes = ValueCodec.of(format, type(String.class)).encode(new Entry<>(text, EXPIRES, STALE));
    ValueCodec<String> small = ValueCodec.of(KryoFormat.builder().maximumEntrySize(1024).build(), type(String.class));

    CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> small.decode(bytes));

    assertTrue(e.getMessage().contains("is larger than the maximum entry size of 1024 bytes"), e.getMessage());
  }

  @Test
  void aValueLargerThanTheMaximumIsNotWrittenAndTheFormatGoesOn() throws Exception {
    ValueCodec<String> small = ValueCodec.of(KryoFormat.builder().maximumEntrySize(1024).build(), type(String.class));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> small.encode(new Entry<>("x".repeat(2000), EXPIRES, STALE)));

    assertTrue(e.getMessage().contains("more than the maximum entry size of 1024 bytes"), e.getMessage());
    String fits = "x".repeat(900);
    assertEquals(fits, small.decode(small.encode(new Entry<>(fits, EXPIRES, STALE))).value());
  }
}
