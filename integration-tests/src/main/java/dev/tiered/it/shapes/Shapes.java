package dev.tiered.it.shapes;

import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Key;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Every method shape a service interface has, each cached by the generated {@code TieredShapes}. */
@Tiered(name = "shapes", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Shapes {

  /** A key argument that is a record. */
  record Range(LocalDate from, LocalDate to) {}

  /** A key argument that is an enum. */
  enum Status {
    OPEN,
    CLOSED
  }

  CompletableFuture<Order> orderAsync(long id);

  CompletionStage<List<Order>> ordersAsync(@Key String customer, String traceId);

  Optional<Order> maybeOrder(long id);

  @Cached(cacheNulls = true)
  Optional<Order> maybeOrderCachingEmpty(long id);

  int primitiveSum(int a, long b, double c, boolean d, char e);

  byte[] bytes(String name);

  Order[] orderArray(int n);

  Map<String, List<Order>> byCustomer(Set<String> customers, Range range, Status status);

  String describe(UUID id, List<Integer> numbers, Map<String, Integer> weights);

  String text(String value);

  String text(long value);

  String text(String value, String other);

  Order checked(long id) throws IOException;

  CompletableFuture<Order> checkedAsync(long id) throws IOException;

  /** Parameters named like the generator's own locals. */
  String clash(String key, String entry, String hit, String value, String delegate, String out);

  String nullable(String a, Integer b);

  String sumOf(int[] numbers);

  @Invalidate(value = "orderAsync")
  CompletableFuture<Void> touchAsync(long id);

  @Invalidate(value = {"text", "describe"}, all = true)
  void resetTexts();

  default String greeting(String name) {
    return "Hello, " + name;
  }

  /** A nested interface: its decorator is {@code TieredShapes_Nested}. */
  @Tiered(name = "nested", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
  interface Nested {
    String echo(String s);
  }
}
