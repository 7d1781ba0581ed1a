package dev.tiered.runtime.kryo;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KryoFormatTest {
  private static final long EXPIRES = 1_700_000_600_000L;
  private static final long STALE = 1_700_000_300_000L;
  /** The length of the entry header that ValueCodec writes in front of the value (see its javadoc). */
  private static final int HEADER_LENGTH = 19;

  private final KryoFormat format = KryoFormat.create();

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
    private final String name;
    private final List<String> labels;

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

  private static ValueType type(Class<?> raw, ValueType... arguments) {
    return ValueType.of(raw, arguments);
  }

  private <V> ValueCodec<V> codec(ValueType type) {
    return ValueCodec.of(format, type);
  }

  private <V> V roundTrip(ValueType type, V value) throws CorruptEntryException {
    ValueCodec<V> codec = codec(type);
    Entry<V> back = codec.decode(codec.encode(new Entry<>(value, EXPIRES, STALE)));
    assertEquals(EXPIRES, back.expiresAt());
    assertEquals(STALE, back.staleAt());
    return back.value();
  }

  /** Renames a class in encoded bytes; Kryo writes an ASCII name with the high bit set on its last character. */
  private static byte[] rename(byte[] bytes, String from, String to) {
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

  private static Customer customer() {
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

  // ---------------------------------------------------------------------------------------------------------------
  // Round trips

  @Test
  void recordRoundTrips() throws Exception {
    Order order = new Order(42, "lamp", new BigDecimal("19.99"), Status.SHIPPED);
    Order back = roundTrip(type(Order.class), order);
    assertEquals(order, back);
    assertSame(Status.SHIPPED, back.status());
  }

  @Test
  void genericMapOfListsComesBackWithDeclaredElementClasses() throws Exception {
    Map<String, List<Order>> value = new LinkedHashMap<>();
    value.put("a", new ArrayList<>(List.of(new Order(1, "a", BigDecimal.TEN, Status.OPEN))));
    value.put("b", new LinkedList<>(List.of(new Order(2, "b", BigDecimal.ZERO, Status.SHIPPED))));
    ValueType type = type(Map.class, type(String.class), type(List.class, type(Order.class)));

    Map<String, List<Order>> back = roundTrip(type, value);

    assertEquals(value, back);
    assertSame(LinkedHashMap.class, back.getClass());
    assertEquals(List.of("a", "b"), new ArrayList<>(back.keySet()));
    assertSame(ArrayList.class, back.get("a").getClass());
    assertSame(LinkedList.class, back.get("b").getClass());
    assertInstanceOf(Order.class, back.get("a").get(0));
  }

  @Test
  void nestedGenericTypesInRecordComponentsRoundTrip() throws Exception {
    Customer customer = customer();
    Customer back = roundTrip(type(Customer.class), customer);

    assertEquals(customer.name(), back.name());
    assertEquals(customer.ordersByItem(), back.ordersByItem());
    assertInstanceOf(Order.class, back.ordersByItem().get("book").get(1));
    assertEquals(customer.counts(), back.counts());
    assertSame(EnumMap.class, back.counts().getClass());
    assertEquals(customer.tags(), back.tags());
    assertSame(TreeSet.class, back.tags().getClass());
    assertEquals(customer.lastSeen(), back.lastSeen());
    assertArrayEquals(customer.scores(), back.scores());
  }

  @Test
  void plainClassWithSuperclassAndNoDefaultConstructorRoundTrips() throws Exception {
    Item back = roundTrip(type(Item.class), new Item(9, "chair", List.of("oak", "brown")));
    assertEquals(9, back.id);
    assertEquals("chair", back.name);
    assertEquals(List.of("oak", "brown"), back.labels);
  }

  @Test
  void jdkValueTypesRoundTrip() throws Exception {
    List<Object> values = Arrays.asList(
        "text", 'c', (byte) 1, (short) 2, 3, 4L, 5.5f, 6.5d, true,
        new BigDecimal("123.456"), new BigInteger("123456789012345678901234567890"), UUID.randomUUID(),
        new Date(1_700_000_000_000L), Instant.parse("2025-05-06T07:08:09.123Z"), Duration.ofMinutes(90),
        LocalDate.of(2025, 2, 28), LocalDateTime.of(2025, 2, 28, 13, 14),
        OffsetDateTime.parse("2025-02-28T13:14:15+02:00"),
        ZonedDateTime.of(2025, 2, 28, 13, 14, 15, 0, ZoneId.of("Europe/Paris")), ZoneId.of("Asia/Tokyo"),
        Month.MARCH, Optional.of("x"), Optional.empty());
    for (Object value : values) {
      Object back = roundTrip(type(Object.class), value);
      assertEquals(value, back, () -> "round trip of " + value.getClass().getName());
      assertSame(value.getClass(), back.getClass());
    }
    int primitive = roundTrip(type(int.class), 7);
    assertEquals(7, primitive);
  }

  @Test
  void jdkCollectionsComeBackAsTheSameKindOfCollection() throws Exception {
    List<Object> values = List.of(
        List.of(), List.of(1), List.of(1, 2, 3), Stream.of("a", null, "b").toList(), List.of(1, 2, 3).subList(0, 2),
        Set.of(), Set.of("x"), Set.of("x", "y", "z"), Map.of(), Map.of("k", 1), Map.of("k", 1, "l", 2),
        Arrays.asList("p", "q"), Collections.emptyList(), Collections.emptySet(), Collections.emptyMap(),
        Collections.singletonList("s"), Collections.singleton("s"), Collections.singletonMap("s", 1),
        Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))),
        Collections.unmodifiableSet(new HashSet<>(Set.of(1, 2))),
        Collections.unmodifiableMap(new HashMap<>(Map.of("m", 1))),
        Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(3, 1, 2))),
        Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of("b", 2, "a", 1))),
        Collections.emptySortedSet(),
        new ArrayDeque<>(List.of(1, 2)), new TreeMap<>(Map.of("z", 26, "y", 25)));
    for (Object value : values) {
      Object back = roundTrip(type(Object.class), value);
      if (value instanceof ArrayDeque<?>) {
        assertEquals(new ArrayList<>((ArrayDeque<?>) value), new ArrayList<>((ArrayDeque<?>) back));
      } else {
        assertEquals(value, back, () -> "round trip of " + value.getClass().getName());
      }
      Class<?> expected = expectedClass(value);
      assertTrue(expected.isInstance(back), () -> value.getClass().getName() + " came back as " + back.getClass());
    }
    // Enum collections, with their enum reachable from the type.
    ValueType statusSet = type(Set.class, type(Status.class));
    assertEquals(EnumSet.of(Status.SHIPPED), roundTrip(statusSet, EnumSet.of(Status.SHIPPED)));
    assertEquals(EnumSet.noneOf(Status.class), roundTrip(statusSet, EnumSet.noneOf(Status.class)));
    ValueType statusMap = type(Map.class, type(Status.class), type(String.class));
    EnumMap<Status, String> full = new EnumMap<>(Map.of(Status.OPEN, "o", Status.SHIPPED, "s"));
    assertEquals(full, roundTrip(statusMap, full));
    // An empty EnumMap keeps its key type: a key of another enum is refused.
    EnumMap<Status, String> empty = roundTrip(statusMap, new EnumMap<>(Status.class));
    assertEquals(Map.of(), empty);
    @SuppressWarnings({"unchecked", "rawtypes"}) // to try a key of the wrong enum
    Map<Object, String> raw = (Map) empty;
    assertThrows(ClassCastException.class, () -> raw.put(Month.MAY, "no"));
  }

  /** The class a collection comes back as: its own, except for a few JDK classes that only differ by a detail. */
  private static Class<?> expectedClass(Object value) {
    if (value instanceof EnumSet<?>) {
      return EnumSet.class; // which implementation depends on the enum's size
    } else if (value.getClass().getSimpleName().equals("SubList")) {
      return List.class; // a view of a List.of list comes back as a List.of list
    } else if (value == Collections.emptySortedSet()) {
      return Collections.unmodifiableNavigableSet(new TreeSet<>()).getClass(); // the empty one is a subclass
    }
    return value.getClass();
  }

  @Test
  void arraysRoundTrip() throws Exception {
    Order[] orders = {new Order(1, "x", BigDecimal.ONE, Status.OPEN), null};
    assertArrayEquals(orders, roundTrip(type(Order[].class), orders));
    String[][] grid = {{"a", "b"}, {}, null};
    assertArrayEquals(grid, roundTrip(type(String[][].class), grid));
    byte[] bytes = {1, 2, 3};
    assertArrayEquals(bytes, roundTrip(type(byte[].class), bytes));
  }

  @Test
  void nullValueGoesThroughTheCodecHeader() throws Exception {
    ValueCodec<Order> codec = codec(type(Order.class));
    byte[] bytes = codec.encode(new Entry<>(null, EXPIRES, Entry.NEVER));
    Entry<Order> back = codec.decode(bytes);
    assertNull(back.value());
    assertEquals(EXPIRES, back.expiresAt());
    assertEquals(Entry.NEVER, back.staleAt());
  }

  @Test
  void sealedPermitsAndImplementationsOfReachableInterfacesAreAllowed() throws Exception {
    List<Shape> shapes = List.of(new Circle(1.5), new Square(2));
    assertEquals(shapes, roundTrip(type(List.class, type(Shape.class)), shapes));

    Zoo zoo = new Zoo(List.of(new Dog("rex", new Collar("red"))));
    Zoo back = roundTrip(type(Zoo.class), zoo);
    Dog dog = (Dog) back.animals().get(0);
    assertEquals("rex", dog.name());
    assertEquals(new Collar("red"), dog.collar());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Safety

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

  @Test
  void encodingALambdaOrAValueOfAnotherTypeFails() {
    ValueCodec<Object> lambdas = codec(type(Object.class));
    Runnable lambda = () -> { };
    assertThrows(IllegalArgumentException.class, () -> lambdas.encode(new Entry<>(lambda, EXPIRES, STALE)));

    ValueCodec<Object> orders = codec(type(Order.class));
    assertThrows(IllegalArgumentException.class, () -> orders.encode(new Entry<>("not an order", EXPIRES, STALE)));
  }

  @Test
  void aCyclicValueFailsToEncodeInsteadOfOverflowingTheStack() {
    Node node = new Node();
    node.next = node;
    ValueCodec<Node> codec = codec(type(Node.class));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Entry<>(node, EXPIRES, STALE)));

    assertTrue(e.getMessage().contains("depth"), e.getMessage());
  }

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

  // ---------------------------------------------------------------------------------------------------------------
  // Class changes

  @Test
  void aRecordComponentAddedSinceTheEntryWasWrittenGetsItsDefault() throws Exception {
    byte[] v1 = codec(type(OrderV1.class)).encode(new Entry<>(new OrderV1(5, "desk", new Extra("fragile")), 1, 1));

    OrderV2 v2 = this.<OrderV2>codec(type(OrderV2.class)).decode(rename(v1, "$OrderV1", "$OrderV2")).value();

    assertEquals(new OrderV2(5, "desk", new Extra("fragile"), 0, null), v2);
  }

  @Test
  void aRecordComponentRemovedSinceTheEntryWasWrittenIsSkippedEvenWhenItsClassIsNoLongerReachable() throws Exception {
    byte[] v1 = codec(type(OrderV1.class)).encode(new Entry<>(new OrderV1(5, "desk", new Extra("fragile")), 1, 1));

    OrderV3 v3 = this.<OrderV3>codec(type(OrderV3.class)).decode(rename(v1, "$OrderV1", "$OrderV3")).value();

    assertEquals(new OrderV3(5), v3);
  }

  @Test
  void aClassWhoseFieldsChangedKeepsTheFieldsItStillHas() throws Exception {
    ItemV1 v1 = new ItemV1();
    v1.name = "lamp";
    v1.count = 3;
    byte[] bytes = codec(type(ItemV1.class)).encode(new Entry<>(v1, 1, 1));

    ItemV2 v2 = this.<ItemV2>codec(type(ItemV2.class)).decode(rename(bytes, "$ItemV1", "$ItemV2")).value();

    assertEquals("lamp", v2.name);
    assertEquals(7, v2.weight, "a new field keeps the value its no-arg constructor gives it");
  }

  @Test
  void aFieldWhoseTypeChangedMakesTheEntryCorrupt() throws Exception {
    byte[] bytes = codec(type(IdV1.class)).encode(new Entry<>(new IdV1("x"), 1, 1));
    byte[] renamed = rename(bytes, "$IdV1", "$IdV2");

    assertThrows(CorruptEntryException.class, () -> codec(type(IdV2.class)).decode(renamed));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Concurrency

  @Test
  void oneSerializerIsUsedConcurrently() throws Exception {
    ValueCodec<Customer> codec = codec(type(Customer.class));
    Customer customer = customer();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        tasks.add(() -> {
          for (int i = 0; i < 300; i++) {
            Customer back = codec.decode(codec.encode(new Entry<>(customer, EXPIRES, STALE))).value();
            if (!back.ordersByItem().equals(customer.ordersByItem())) {
              return false;
            }
          }
          return true;
        });
      }
      for (Future<Boolean> result : pool.invokeAll(tasks)) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }
}
