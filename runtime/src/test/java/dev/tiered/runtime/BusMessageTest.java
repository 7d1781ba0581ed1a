package dev.tiered.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tiered.runtime.internal.InvalidationBus.Change;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusMessageTest {

  @Test
  void everyKindSurvivesTheWireWithAnyKey() {
    List<BusMessage> messages = List.of(
        BusMessage.changes("a1", 7, false, "users",
            List.of(Change.keys("find(long)", List.of(":42", ":\\N", ":wh\u00e4t:\uD83D\uDE00", "")))),
        BusMessage.changes("a1", 8, true, "users", List.of(Change.all("find", 1_700_000_000_123L))),
        BusMessage.changes("a1", 9, false, "users", List.of(
            Change.keys("find", List.of(":1", ":2")), Change.all("page", 3), Change.keys("byEmail", List.of(":a@b")))),
        BusMessage.repair("b2", 1, "users"));
    for (BusMessage message : messages) {
      assertEquals(message, BusMessage.decode(message.encode()));
    }
  }

  @Test
  void aMalformedMessageIsRejectedWhole() {
    byte[] good = BusMessage.changes("a1", 7, false, "users", List.of(Change.keys("find", List.of(":42")))).encode();
    for (int length = 0; length < good.length; length++) {
      byte[] truncated = Arrays.copyOf(good, length);
      assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(truncated), "truncated to " + length);
    }
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(trailing));
    byte[] otherVersion = good.clone();
    otherVersion[0] = 1; // the first release's, which named one method
    assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(otherVersion));
    byte[] unknownKind = good.clone();
    unknownKind[1] = 9;
    assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(unknownKind));
    // A key count that the bytes left cannot hold is refused before anything is allocated for it.
    byte[] hugeCount = good.clone();
    ByteBuffer.wrap(hugeCount).putInt(good.length - 4 - 3 - 4, Integer.MAX_VALUE);
    assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(hugeCount));
    // A change that names a generation and keys at once is not one this version writes.
    byte[] allWithKeys = good.clone();
    ByteBuffer.wrap(allWithKeys).putLong(good.length - 4 - 3 - 4 - 8, 5);
    assertThrows(IllegalArgumentException.class, () -> BusMessage.decode(allWithKeys));
  }
}
