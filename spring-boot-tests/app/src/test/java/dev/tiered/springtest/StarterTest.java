package dev.tiered.springtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredCache;
import dev.tiered.spring.TieredDecorators;
import dev.tiered.springtest.ProductService.Product;
import dev.tiered.testing.RedisServerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Boot application with only the starter and Boot's own Jedis, and an aspect on the cached interface, against a
 * real redis-server: the same test runs under Boot 3.5 (Jedis 6) and Boot 4.0 (Jedis 7).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // LifecycleTest counts threads after it
class StarterTest {
  private static final RedisServerProcess REDIS = RedisServerProcess.launch();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired ProductService products;
  @Autowired TieredDecorators decorators;
  @Autowired RedisBackend redis;
  @Autowired CatalogService catalog;
  @Autowired CallCountingAspect aspect;
  @Autowired MeterRegistry meters;
  @Autowired ApplicationContext context;
  @Autowired Environment environment;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Test
  void theInterfaceIsServedThroughItsDecoratorAsTheOneBeanAndTheAspectSeesEveryCall() {
    assertEquals(1, context.getBeansOfType(ProductService.class).size(), "no second bean, no @Primary");
    assertSame(products, catalog, "the bean stays injectable by its own class");
    TieredCache cache = assertInstanceOf(TieredCache.class, products, "the cache view survives the proxy");
    assertEquals("products", cache.cacheName());
    int loads = catalog.loads();
    int calls = aspect.calls();

    Product first = products.find("served-1");
    Product again = products.find("served-1");

    assertEquals(first, again);
    assertEquals(loads + 1, catalog.loads(), "the second call is a hit");
    assertEquals(calls + 2, aspect.calls(), "the aspect sees hits too");
    // users:v1:find:served-1, or find#<generation> after the caches endpoint cleared the cache
    assertTrue(REDIS.keys("boot-test:products:v1:find*").stream().anyMatch(k -> k.endsWith(":served-1")),
        "written to Redis under the key prefix: " + REDIS.keys("*"));
  }

  @Test
  void callsAreCachedInBothTiersAndTheStandardCacheMetersCountHitsAndMisses() {
    TieredCache cache = (TieredCache) products;
    CaffeineBackend l1 = (CaffeineBackend) decorators.named("products").orElseThrow().l1();
    products.find("metered-1"); // a miss: written to both tiers
    products.find("metered-1"); // an L1 hit
    long l2Hits = cache.stats().l2Hits();
    int loads = catalog.loads();

    l1.clear();
    products.find("metered-1"); // only Redis has it now

    assertEquals(l2Hits + 1, cache.stats().l2Hits(), cache.stats().toString());
    assertEquals(loads, catalog.loads());
    products.findLater("metered-2").join();
    assertTrue(meters.get("cache.gets").tags("cache", "products", "result", "hit").functionCounter().count() >= 1);
    assertTrue(meters.get("cache.gets").tags("cache", "products", "result", "miss").functionCounter().count() >= 2);
    assertTrue(meters.get("cache.puts").tags("cache", "products").functionCounter().count() >= 2);
    meters.get("cache.evictions").tags("cache", "products", "cache.manager", "tieredCacheManager").functionCounter();
    assertTrue(meters.get("tiered.requests").tags("cache", "products", "method", "find", "source", "l1").counter()
        .count() >= 1);
    assertTrue(meters.get("tiered.calls").tags("cache", "products", "method", "find", "source", "l2").timer()
        .count() >= 1, "the L2 hit was timed");
    assertTrue(meters.get("tiered.calls").tags("cache", "products", "method", "findLater", "source", "async").timer()
        .count() >= 1);
  }

  @Test
  void healthShowsTieredUpWhileRedisAnswersAndDownWhenItIsKilledWithoutFailingCalls() throws Exception {
    HttpResponse<String> up = get("/actuator/health/tiered");
    assertEquals(200, up.statusCode(), up.body());
    assertTrue(up.body().contains("\"status\":\"UP\""), up.body());
    assertTrue(up.body().contains("\"circuit\":\"CLOSED\""), up.body());
    assertTrue(up.body().contains("\"subscription\":\"SUBSCRIBED\""), up.body());

    REDIS.stop();
    try {
      int loads = catalog.loads();
      assertEquals("down-1", products.find("down-1").sku(), "calls go on without Redis");
      assertEquals(loads + 1, catalog.loads());
      HttpResponse<String> down = get("/actuator/health/tiered");
      assertEquals(503, down.statusCode(), down.body());
      assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
    } finally {
      REDIS.start();
    }
    assertEquals(200, get("/actuator/health/tiered").statusCode());
    // Calls skip Redis until its circuit closes again (within tiered.redis.fail-fast): wait, for the other tests.
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (int i = 0; redis.circuit() != RedisBackend.Circuit.CLOSED && System.nanoTime() < deadline; i++) {
      products.find("probe-" + i); // an L1 miss, so that a call reaches Redis and probes it
      Thread.sleep(20);
    }
    assertEquals(RedisBackend.Circuit.CLOSED, redis.circuit());
  }

  @Test
  void theCachesEndpointListsAndClearsTheCache() throws Exception {
    products.find("cleared-1");
    int loads = catalog.loads();

    HttpResponse<String> caches = get("/actuator/caches");
    assertEquals(200, caches.statusCode(), caches.body());
    assertTrue(caches.body().contains("\"tieredCacheManager\"") && caches.body().contains("\"products\""),
        caches.body());
    HttpResponse<String> cleared = send(HttpRequest.newBuilder(url("/actuator/caches/products")).DELETE());
    assertEquals(204, cleared.statusCode(), cleared.body());

    products.find("cleared-1");
    assertEquals(loads + 1, catalog.loads(), "cleared from both tiers");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url(path)).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
  }
}
