package dev.tiered.it.shapes;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The delegate of the shape tests: computes answers from the arguments and counts every call by method. */
public final class RecordingShapes implements Shapes, OrderRepo, Shapes.Nested {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  /** When set, the asynchronous methods return this future instead of a completed one. */
  public volatile CompletableFuture<Order> pendingOrder;
  /** When set, the checked methods throw it. */
  public volatile IOException failure;

  /** How many times the delegate's {@code method} ran. */
  public int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  /** The order every method derives from an id. */
  public static Order order(long id) {
    return new Order(
        id,
        "customer-" + (id % 3),
        BigDecimal.valueOf(id * 100 + 99, 2),
        Instant.ofEpochSecond(1_700_000_000L + id),
        List.of(new Order.Line("sku-" + id, (int) id), new Order.Line("extra", 1)));
  }

  @Override
  public CompletableFuture<Order> orderAsync(long id) {
    count("orderAsync");
    CompletableFuture<Order> pending = pendingOrder;
    return pending != null ? pending : CompletableFuture.completedFuture(order(id));
  }

  @Override
  public CompletionStage<List<Order>> ordersAsync(String customer, String traceId) {
    count("ordersAsync");
    return CompletableFuture.supplyAsync(() -> List.of(order(1), order(4)));
  }

  @Override
  public Optional<Order> maybeOrder(long id) {
    count("maybeOrder");
    return id < 0 ? Optional.empty() : Optional.of(order(id));
  }

  @Override
  public Optional<Order> maybeOrderCachingEmpty(long id) {
    count("maybeOrderCachingEmpty");
    return id < 0 ? Optional.empty() : Optional.of(order(id));
  }

  @Override
  public int primitiveSum(int a, long b, double c, boolean d, char e) {
    count("primitiveSum");
    return (int) (a + b + c) + (d ? 1 : 0) + e;
  }

  @Override
  public byte[] bytes(String name) {
    count("bytes");
    return name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public Order[] orderArray(int n) {
    count("orderArray");
    Order[] orders = new Order[n];
    Arrays.setAll(orders, i -> order(i));
    return orders;
  }

  @Override
  public Map<String, List<Order>> byCustomer(Set<String> customers, Range range, Status status) {
    count("byCustomer");
    Map<String, List<Order>> result = new LinkedHashMap<>();
    for (String customer : new TreeSet<>(customers)) {
      result.put(customer, List.of(order(customer.length()), order(customer.length() + 1L)));
    }
    return result;
  }

  @Override
  public String describe(UUID id, List<Integer> numbers, Map<String, Integer> weights) {
    count("describe");
    return id + "/" + numbers + "/" + new java.util.TreeMap<>(weights);
  }

  @Override
  public String text(String value) {
    count("text(String)");
    return "string:" + value;
  }

  @Override
  public String text(long value) {
    count("text(long)");
    return "long:" + value;
  }

  @Override
  public String text(String value, String other) {
    count("text(String,String)");
    return "pair:" + value + "," + other;
  }

  @Override
  public Order checked(long id) throws IOException {
    count("checked");
    IOException f = failure;
    if (f != null) {
      throw f;
    }
    return order(id);
  }

  @Override
  public CompletableFuture<Order> checkedAsync(long id) throws IOException {
    count("checkedAsync");
    IOException f = failure;
    if (f != null) {
      throw f;
    }
    return CompletableFuture.completedFuture(order(id));
  }

  @Override
  public String clash(String key, String entry, String hit, String value, String delegate, String out) {
    count("clash");
    return String.join("+", key, entry, hit, value, delegate, out);
  }

  @Override
  public String nullable(String a, Integer b) {
    count("nullable");
    return a + "/" + b;
  }

  @Override
  public String sumOf(int[] numbers) {
    count("sumOf");
    return String.valueOf(Arrays.stream(numbers).sum());
  }

  @Override
  public CompletableFuture<Void> touchAsync(long id) {
    count("touchAsync");
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void resetTexts() {
    count("resetTexts");
  }

  @Override
  public String greeting(String name) {
    count("greeting");
    return "Hi, " + name;
  }

  // ---------------------------------------------------------------- OrderRepo

  @Override
  public Order find(Long id) {
    count("find");
    return order(id);
  }

  @Override
  public Optional<Order> maybe(Long id) {
    count("maybe");
    return Optional.of(order(id));
  }

  @Override
  public List<Order> all(List<Long> ids) {
    count("all");
    return ids.stream().map(RecordingShapes::order).collect(Collectors.toList());
  }

  @Override
  public long count() {
    count("count");
    return 42;
  }

  // ---------------------------------------------------------------- Nested

  @Override
  public String echo(String s) {
    count("echo");
    return s + s;
  }
}
