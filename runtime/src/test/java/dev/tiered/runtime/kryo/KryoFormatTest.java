package dev.tiered.runtime.kryo;

import static dev.tiered.runtime.kryo.TestValues.EXPIRES;
import static dev.tiered.runtime.kryo.TestValues.STALE;
import static dev.tiered.runtime.kryo.TestValues.codec;
import static dev.tiered.runtime.kryo.TestValues.customer;
import static dev.tiered.runtime.kryo.TestValues.roundTrip;
import static dev.tiered.runtime.kryo.TestValues.type;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.Entry;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.TestValues.Circle;
import dev.tiered.runtime.kryo.TestValues.Collar;
import dev.tiered.runtime.kryo.TestValues.Customer;
import dev.tiered.runtime.kryo.TestValues.Dog;
import dev.tiered.runtime.kryo.TestValues.Item;
import dev.tiered.runtime.kryo.TestValues.Node;
import dev.tiered.runtime.kryo.TestValues.Order;
import dev.tiered.runtime.kryo.TestValues.Shape;
import dev.tiered.runtime.kryo.TestValues.Square;
import dev.tiered.runtime.kryo.TestValues.Status;
import dev.tiered.runtime.kryo.TestValues.Zoo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Values of every supported shape round trip through {@link KryoFormat}, from many threads at once. */
class KryoFormatTest {
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
