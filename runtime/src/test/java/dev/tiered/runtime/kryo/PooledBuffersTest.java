package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A large value does not leave the pooled Kryo instances holding buffers of its size. */
class PooledBuffersTest {
  /** Two million characters: a 4 MB char buffer when read, several MB of bytes when written. */
  private static final int LARGE = 2_000_000;
  /** What a pooled instance may keep: the 64 KiB that a usual value fits in. */
  private static final long SMALL = Workers.RETAINED_BUFFER;

  @Test
  void buffersAreTrimmedAfterALargeRoundTrip() throws Exception {
    KryoFormat format = KryoFormat.create();
    for (String large : List.of("é".repeat(LARGE), "a".repeat(LARGE))) { // UTF-8 and ASCII strings read apart
      ValueCodec<String> codec = ValueCodec.of(format, type(String.class));

      String back = codec.decode(codec.encode(new Entry<>(large, EXPIRES, STALE))).value();

      assertEquals(large, back);
      long kept = format.largestPooledBuffer();
      assertTrue(kept <= SMALL, "a pooled instance keeps a buffer of " + kept + " bytes");
    }
  }

  @Test
  void smallBuffersAreKeptForTheNextValue() throws Exception {
    KryoFormat format = KryoFormat.create();
    ValueCodec<String> codec = ValueCodec.of(format, type(String.class));
    String small = "é".repeat(1000);

    assertEquals(small, codec.decode(codec.encode(new Entry<>(small, EXPIRES, STALE))).value());

    assertTrue(format.largestPooledBuffer() >= 2000, "the buffers of a usual value are reused, not made anew");
  }
}
