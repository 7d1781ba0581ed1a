package dev.tiered.springtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.testing.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Closing the application closes its decorators, and with the last one the shared executor's threads. */
class LifecycleTest {

  @Test
  void noTieredThreadOutlivesTheContext() {
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
          .web(WebApplicationType.NONE)
          .run("--spring.data.redis.url=" + redis.uri(), "--spring.main.banner-mode=off");
      ProductService products = app.getBean(ProductService.class);
      products.findLater("threads-1").join(); // an asynchronous method reads Redis on the executor
      products.findLater("threads-1").join();
      assertTrue(tieredThreads() > 0, "the executor ran the Redis reads");

      app.close();

      assertEquals(0, tieredThreads(), "no tiered-* thread is left");
    }
  }

  private static long tieredThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("tiered-"))
        .count();
  }
}
