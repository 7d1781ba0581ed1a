package dev.tiered.springtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.TieredCache;
import dev.tiered.testing.RedisClusterProcess;
import dev.tiered.testing.RedisSentinelProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.Jedis;

/**
 * The shared tier built from Boot's own {@code spring.data.redis.cluster.*} and {@code spring.data.redis.sentinel.*}
 * properties: an application on a real Redis Cluster, and one behind a real Sentinel, caches in Redis through them.
 */
class ConnectionTest {

  @Test
  void aClusterFromBootsPropertiesHoldsTheSharedTier() {
    try (RedisClusterProcess cluster = RedisClusterProcess.launch(3)) {
      long sets = cluster.commandCalls("psetex");
      assertSecondNodeHitsL2("--spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()));
      assertTrue(cluster.commandCalls("psetex") > sets, "the entry went to the cluster");
    }
  }

  @Test
  void aSentinelFromBootsPropertiesLeadsToTheMaster() {
    try (RedisSentinelProcess sentinel = RedisSentinelProcess.launch()) {
      assertSecondNodeHitsL2(
          "--spring.data.redis.sentinel.master=" + sentinel.masterName(),
          "--spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinels()));
      try (Jedis master = new Jedis("127.0.0.1", sentinel.masterPort())) {
        // The test application's key prefix (application.properties) comes first.
        assertNotNull(master.get("boot-test:products:v1:find:via-boot".getBytes(StandardCharsets.UTF_8)),
            "the entry is on the master the Sentinel named");
      }
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    String[] args = new String[properties.length + 1];
    System.arraycopy(properties, 0, args, 0, properties.length);
    args[properties.length] = "--spring.main.banner-mode=off";
    return new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE).run(args);
  }

  /** A miss on one node writes both tiers; a second node, with an L1 of its own, then hits L2. */
  private static void assertSecondNodeHitsL2(String... properties) {
    try (ConfigurableApplicationContext first = start(properties);
         ConfigurableApplicationContext second = start(properties)) {
      assertEquals("via-boot", first.getBean(ProductService.class).find("via-boot").sku());
      ProductService products = second.getBean(ProductService.class);
      assertEquals("via-boot", products.find("via-boot").sku());
      TieredCache cache = (TieredCache) products;
      assertEquals(1, cache.stats().l2Hits(), cache.stats().toString());
      assertEquals(0, second.getBean(CatalogService.class).loads(), "the second node never called its delegate");
    }
  }
}
