package dev.tiered.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.KryoFormat;
import dev.tiered.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A hostile 40 MiB entry read by a JVM with a 256 MiB heap: one-byte elements that would decode into a 320 MiB
 * {@code long[]}, under the key of a method that returns a {@code String}. The caller must get the delegate's value.
 */
class SmallHeapTest {

  @Test
  void aHostileEntryCannotExhaustASmallHeap() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      KryoFormat permissive = KryoFormat.builder().maximumEntrySize(64 << 20).build();
      byte[] hostile = ValueCodec.of(permissive, ValueType.of(long[].class))
          .encode(new Entry<>(new long[40 << 20], Long.MAX_VALUE, Entry.NEVER));
      assertTrue(hostile.length >= 40 << 20, "the entry is " + hostile.length + " bytes");
      redis.set("soak:v1:find:1", hostile);

      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              Caller.class.getName(),
              redis.uri())
          .redirectErrorStream(true)
          .start();
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      // Before: every call of the key threw OutOfMemoryError to the caller, and the entry was never deleted.
      assertEquals(0, child.exitValue(), output);
      assertTrue(output.contains("value=find:1"), output);
      assertTrue(output.contains("l2Errors=1"), output);
      assertTrue(redis.get("soak:v1:find:1").length < 1_024, "the corrupt entry was replaced by the delegate's value");
    }
  }

  /** The child JVM: one call of {@code find(1)} through a decorator over the hostile Redis. */
  public static final class Caller {
    private Caller() {}

    public static void main(String[] args) throws IOException {
      // A patient socket: the test is about decoding 40 MiB, not about reading them within the default timeout.
      try (RedisBackend l2 = RedisBackend.builder().uri(args[0]).socketTimeout(Duration.ofSeconds(10)).build()) {
        TieredSoak cached = new TieredSoak(new SoakService(new AtomicInteger()), CaffeineBackend.create(10), l2);
        String value = cached.find(1);
        System.out.println("value=" + value + " " + cached.stats());
      }
    }
  }
}
