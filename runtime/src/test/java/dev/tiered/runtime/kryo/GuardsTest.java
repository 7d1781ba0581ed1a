package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.HEADER_LENGTH;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.customer;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.kryo.TestValues.Customer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and damaged bytes fail as a corrupt entry, never as anything worse. */
class GuardsTest {
  @Test
  void everyTruncationIsACorruptEntry() throws Exception {
    ValueCodec<Customer> codec = codec(type(Customer.class));
    byte[] bytes = codec.encode(new Entry<>(customer(), EXPIRES, STALE));
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(CorruptEntryException.class, () -> codec.decode(truncated), "truncated to " + length);
    }
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(CorruptEntryException.class, () -> codec.decode(longer));
  }

  @Test
  void corruptBytesDecodeOrFailAsACorruptEntryButNeverWorse() throws Exception {
    ValueCodec<Customer> codec = codec(type(Customer.class));
    byte[] bytes = codec.encode(new Entry<>(customer(), EXPIRES, STALE));
    Random random = new Random(20250101L);
    int corrupt = 0;
    for (int round = 0; round < 1000; round++) {
      byte[] damaged = bytes.clone();
      for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
        int at = HEADER_LENGTH + random.nextInt(bytes.length - HEADER_LENGTH);
        damaged[at] = (byte) (random.nextBoolean() ? random.nextInt(256) : damaged[at] ^ (1 << random.nextInt(8)));
      }
      try {
        codec.decode(damaged);
      } catch (CorruptEntryException e) {
        corrupt++;
      } catch (Throwable t) {
        fail("round " + round + " failed with " + t, t);
      }
    }
    assertTrue(corrupt > 0, "no damage was detected");
  }
}
