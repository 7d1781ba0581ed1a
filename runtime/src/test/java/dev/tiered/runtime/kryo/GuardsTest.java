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

import com.esotericsoftware.kryo.io.Output;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.TestValues.Customer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Truncated, damaged and hostile bytes fail as a corrupt entry, never as anything worse. */
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

  /** A record without components: its field count is the last thing written. */
  record Empty() {}

  /** A record of one string, so that its one field's 4-byte length is easy to find. */
  record One(String text) {}

  /** A length that no entry can hold: about a billion elements. */
  private static final int HUGE = 1 << 30;

  @Test
  void aHostileLengthFailsAsACorruptEntryBeforeAnythingIsAllocatedForIt() throws Exception {
    assertHostile(type(byte[].class), new byte[0], 1, varInt(HUGE));
    assertHostile(type(long[].class), new long[0], 1, varInt(HUGE));
    assertHostile(type(double[].class), new double[0], 1, varInt(HUGE));
    assertHostile(type(String[].class), new String[0], 1, varInt(HUGE));
    assertHostile(type(List.class, type(String.class)), new ArrayList<String>(), 1, varIntFlag(false, HUGE));
    assertHostile(type(Set.class, type(String.class)), new HashSet<String>(), 1, varIntFlag(false, HUGE));
    assertHostile(type(Map.class, type(String.class), type(String.class)), new HashMap<String, String>(), 1,
        varInt(HUGE));
    assertHostile(type(List.class, type(String.class)), List.of(), 1, varInt(HUGE));
    assertHostile(type(Map.class, type(String.class), type(String.class)), Map.of(), 1, varInt(HUGE));
    assertHostile(type(Empty.class), new Empty(), 1, varInt(HUGE));
    // A non-ASCII string: its character count comes first, with a flag.
    assertHostile(type(String.class), "\u00e9", 3, varIntFlag(true, HUGE));
    // A field's 4-byte length, then its string's class and one ASCII character.
    assertHostile(type(One.class), new One("x"), 6, new byte[] {0x7f, -1, -1, -1, 1, (byte) ('x' | 0x80)});
  }

  /**
   * Encodes {@code value}, replaces its last {@code tail} bytes (where the length under test was written) with
   * {@code hostile} followed by a few more bytes, and expects the decode to fail as a corrupt entry.
   */
  private static <V> void assertHostile(ValueType type, V value, int tail, byte[] hostile) throws Exception {
    ValueCodec<V> codec = codec(type);
    byte[] bytes = codec.encode(new Entry<>(value, EXPIRES, STALE));
    byte[] damaged = Arrays.copyOf(bytes, bytes.length - tail + hostile.length + 8);
    System.arraycopy(hostile, 0, damaged, bytes.length - tail, hostile.length);

    CorruptEntryException e = assertThrows(CorruptEntryException.class, () -> codec.decode(damaged), type.toString());
    assertTrue(e.getMessage().contains("corrupt length"), e.getMessage());
  }

  private static byte[] varInt(int value) {
    Output output = new Output(8);
    output.writeVarInt(value, true);
    return output.toBytes();
  }

  private static byte[] varIntFlag(boolean flag, int value) {
    Output output = new Output(8);
    output.writeVarIntFlag(flag, value, true);
    return output.toBytes();
  }

  @Test
  void anArrayLengthIsBoundedByTheFewestBytesItsElementsTake() throws Exception {
    // A thousand doubles need 8,000 bytes: with a thousand bytes left, the length is corrupt before allocation.
    byte[] tail = Arrays.copyOf(varInt(1001), varInt(1001).length + 1000);
    assertHostile(type(double[].class), new double[0], 1, tail);
    assertHostile(type(float[].class), new float[0], 1, tail);
    assertHostile(type(char[].class), new char[0], 1, tail);
  }
}
