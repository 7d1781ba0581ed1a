package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.TRAP_INITIALISED;
import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.rename;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.kryo.TestValues.Evil;
import dev.tiered.runtime.kryo.TestValues.Order;
import dev.tiered.runtime.kryo.TestValues.Status;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The security boundary: decoding instantiates only the classes that the declared type reaches. */
class TypePolicyTest {
  @Test
  void aClassTheTypeDoesNotReachIsRejectedBeforeAnInstanceIsCreated() throws Exception {
    byte[] evil = codec(type(List.class, type(Evil.class)))
        .encode(new Entry<>(List.of(new Evil()), EXPIRES, STALE));
    int instances = Evil.INSTANCES.get();

    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> codec(type(List.class, type(Order.class))).decode(evil));

    assertTrue(e.getMessage().contains(Evil.class.getName() + " is not allowed"), e.getMessage());
    assertEquals(instances, Evil.INSTANCES.get());
  }

  @Test
  void aJdkClassOutsideTheAllowlistIsRejected() throws Exception {
    byte[] uris = codec(type(List.class, type(URI.class)))
        .encode(new Entry<>(List.of(URI.create("http://example.com")), EXPIRES, STALE));

    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> codec(type(List.class, type(String.class))).decode(uris));

    assertTrue(e.getMessage().contains("java.net.URI is not allowed"), e.getMessage());
  }

  @Test
  void aRejectedClassIsNeverInitialised() throws Exception {
    byte[] bytes = codec(type(Order.class)).encode(new Entry<>(new Order(1, "x", BigDecimal.ONE, Status.OPEN), 1, 1));
    byte[] trapped = rename(bytes, "$Order", "$Trap1");

    assertThrows(CorruptEntryException.class, () -> codec(type(Order.class)).decode(trapped));
    assertFalse(TRAP_INITIALISED.get(), "the class named in the bytes was initialised");
  }

  @Test
  void encodingAValueHoldingAClassTheTypeDoesNotAllowFails() {
    ValueCodec<List<Object>> codec = codec(type(List.class, type(Order.class)));
    List<Object> value = List.of(new Order(1, "x", BigDecimal.ONE, Status.OPEN), new Evil());

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Entry<>(value, EXPIRES, STALE)));

    assertTrue(e.getMessage().contains(Evil.class.getName() + " is not allowed"), e.getMessage());
  }
}
