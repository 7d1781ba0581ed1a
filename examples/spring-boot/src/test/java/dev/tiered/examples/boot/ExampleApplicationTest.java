package dev.tiered.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example answers over HTTP from its cache, and its actuator shows the cache. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
  private static final RedisServerProcess REDIS = RedisServerProcess.launch();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired Environment environment;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.port", REDIS::port);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Test
  void aSecondRequestIsAnsweredFromTheCacheAndTheActuatorShowsIt() throws Exception {
    String first = get("/prices/B-1001");
    String second = get("/prices/B-1001");

    assertEquals(first, second, "the same computedAt: served from the cache");
    assertTrue(get("/prices/stats").contains("\"l1Hits\":1"), get("/prices/stats"));
    assertTrue(get("/actuator/health").contains("\"tiered\""), get("/actuator/health"));
    assertTrue(get("/actuator/caches").contains("\"prices\""), get("/actuator/caches"));
    assertTrue(REDIS.keys("tiered-example:prices:*").size() == 1, REDIS.keys("*").toString());
  }

  private String get(String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return response.body();
  }
}
