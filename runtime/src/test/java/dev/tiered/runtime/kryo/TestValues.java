package dev.tiered.runtime.kryo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The value classes and helpers that the Kryo tests share. */
final class TestValues {
  static final long EXPIRES = 1_700_000_600_000L;
  static final long STALE = 1_700_000_300_000L;
  /** The length of the entry header that ValueCodec writes in front of the value (see its javadoc). */
  static final int HEADER_LENGTH = 19;
  /** One format for the tests that do not need their own: formats are thread-safe. */
  static final KryoFormat FORMAT = KryoFormat.create();

  private TestValues() {}

  // ---------------------------------------------------------------------------------------------------------------
  // Value classes

  enum Status {
    OPEN,
    SHIPPED {
      @Override
      public String toString() {
        return "shipped!"; // a constant with a body is an anonymous subclass of the enum
      }
    }
  }

  record Order(long id, String item, BigDecimal amount, Status status) {}

  record Customer(
      String name,
      Map<String, List<Order>> ordersByItem,
      EnumMap<Status, Integer> counts,
      Set<String> tags,
      Optional<Instant> lastSeen,
      int[] scores) {}

  sealed interface Shape permits Circle, Square {}

  record Circle(double radius) implements Shape {}

  record Square(double side) implements Shape {}

  /** Open: implementations are not named by any declared type. */
  interface Animal {
    String name();
  }

  /** Reachable only as an implementation of {@link Animal}; its {@link Collar} is reachable only through it. */
  static final class Dog implements Animal {
    private final String name;
    private final Collar collar;

    Dog(String name, Collar collar) {
      this.name = name;
      this.collar = collar;
    }

    @Override
    public String name() {
      return name;
    }

    Collar collar() {
      return collar;
    }
  }

  record Collar(String colour) {}

  record Zoo(List<Animal> animals) {}

  /** A plain class with a superclass and no no-arg constructor. */
  static class Base {
    protected final long id;

    Base(long id) {
      this.id = id;
    }
  }

  static final class Item extends Base {
    final String name;
    final List<String> labels;

    Item(long id, String name, List<String> labels) {
      super(id);
      this.name = name;
      this.labels = labels;
    }
  }

  static final class Node {
    Node next;
  }

  /** Counts its instances: decoding must never make one where it is not allowed. */
  static final class Evil {
    static final AtomicInteger INSTANCES = new AtomicInteger();
    final String payload;

    Evil() {
      INSTANCES.incrementAndGet();
      payload = "boom";
    }
  }

  /** Set by {@link Trap1}'s static initialiser; read here so that reading it does not initialise Trap1. */
  static final AtomicBoolean TRAP_INITIALISED = new AtomicBoolean();

  /** Same name length as {@link Order}, so that it can be swapped in for it in encoded bytes. */
  static final class Trap1 {
    static {
      TRAP_INITIALISED.set(true);
    }
  }

  // Versions of one class over time, with names of equal length so that a test can rename one into the next in
  // encoded bytes, as if the class had been changed and the application redeployed.
  record Extra(String note) {}

  record OrderV1(long id, String item, Extra extra) {}

  record OrderV2(long id, String item, Extra extra, int quantity, List<String> notes) {}

  record OrderV3(long id) {}

  record IdV1(String id) {}

  record IdV2(long id) {}

  static final class ItemV1 {
    String name;
    int count;
  }

  static final class ItemV2 {
    String name;
    long weight = 7;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  static ValueType type(Class<?> raw, ValueType... arguments) {
    return ValueType.of(raw, arguments);
  }

  static <V> ValueCodec<V> codec(ValueType type) {
    return ValueCodec.of(FORMAT, type);
  }

  static <V> V roundTrip(ValueType type, V value) throws CorruptEntryException {
    ValueCodec<V> codec = codec(type);
    Entry<V> back = codec.decode(codec.encode(new Entry<>(value, EXPIRES, STALE)));
    assertEquals(EXPIRES, back.expiresAt());
    assertEquals(STALE, back.staleAt());
    return back.value();
  }

  /** Renames a class in encoded bytes; Kryo writes an ASCII name with the high bit set on its last character. */
  static byte[] rename(byte[] bytes, String from, String to) {
    assertEquals(from.length(), to.length(), "a rename must keep the length");
    byte[] pattern = from.getBytes(US_ASCII);
    pattern[pattern.length - 1] |= (byte) 0x80;
    byte[] replacement = to.getBytes(US_ASCII);
    replacement[replacement.length - 1] |= (byte) 0x80;
    byte[] out = bytes.clone();
    int found = 0;
    for (int i = 0; i + pattern.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + pattern.length, pattern, 0, pattern.length)) {
        System.arraycopy(replacement, 0, out, i, replacement.length);
        found++;
      }
    }
    assertTrue(found > 0, from + " is not in the bytes");
    return out;
  }

  static Customer customer() {
    Map<String, List<Order>> byItem = new HashMap<>();
    byItem.put("book", new ArrayList<>(List.of(
        new Order(1, "book", new BigDecimal("12.50"), Status.OPEN),
        new Order(2, "book", new BigDecimal("7.00"), Status.SHIPPED))));
    byItem.put("pen", new ArrayList<>(List.of(new Order(3, "pen", BigDecimal.ONE, Status.OPEN))));
    EnumMap<Status, Integer> counts = new EnumMap<>(Status.class);
    counts.put(Status.OPEN, 2);
    counts.put(Status.SHIPPED, 1);
    return new Customer("ada", byItem, counts, new TreeSet<>(Set.of("vip", "early")),
        Optional.of(Instant.parse("2025-01-02T03:04:05Z")), new int[] {3, 1, 4});
  }
}
