package dev.tiered.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Boot's {@code spring.data.redis.*} properties, bound by the starter itself: Boot 3.5 keeps them in {@code
 * RedisProperties} and Boot 4.0 in {@code DataRedisProperties} of another module, under the same names. Only what a
 * Jedis client needs is here.
 */
public class SpringDataRedis {
  private String url;
  private String host = "localhost";
  private int port = 6379;
  private String username;
  private String password;
  private int database;
  private Duration timeout;
  private Duration connectTimeout;
  private String clientName;
  private final Ssl ssl = new Ssl();
  private final Sentinel sentinel = new Sentinel();
  private final Cluster cluster = new Cluster();
  private final Jedis jedis = new Jedis();

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public int getDatabase() {
    return database;
  }

  public void setDatabase(int database) {
    this.database = database;
  }

  public Duration getTimeout() {
    return timeout;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public String getClientName() {
    return clientName;
  }

  public void setClientName(String clientName) {
    this.clientName = clientName;
  }

  public Ssl getSsl() {
    return ssl;
  }

  public Sentinel getSentinel() {
    return sentinel;
  }

  public Cluster getCluster() {
    return cluster;
  }

  public Jedis getJedis() {
    return jedis;
  }

  /** {@code spring.data.redis.ssl.*}. */
  public static class Ssl {
    private Boolean enabled;
    private String bundle;

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getBundle() {
      return bundle;
    }

    public void setBundle(String bundle) {
      this.bundle = bundle;
    }

    /** As in Boot: enabled when set so, or when a bundle is named. */
    boolean isOn() {
      return enabled != null ? enabled : bundle != null;
    }
  }

  /** {@code spring.data.redis.sentinel.*}. */
  public static class Sentinel {
    private String master;
    private List<String> nodes = new ArrayList<>();
    private String username;
    private String password;

    public String getMaster() {
      return master;
    }

    public void setMaster(String master) {
      this.master = master;
    }

    public List<String> getNodes() {
      return nodes;
    }

    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** {@code spring.data.redis.cluster.*}. */
  public static class Cluster {
    private List<String> nodes = new ArrayList<>();
    private Integer maxRedirects;

    public List<String> getNodes() {
      return nodes;
    }

    public void setNodes(List<String> nodes) {
      this.nodes = nodes;
    }

    public Integer getMaxRedirects() {
      return maxRedirects;
    }

    public void setMaxRedirects(Integer maxRedirects) {
      this.maxRedirects = maxRedirects;
    }
  }

  /** {@code spring.data.redis.jedis.*}. */
  public static class Jedis {
    private final Pool pool = new Pool();

    public Pool getPool() {
      return pool;
    }
  }

  /** {@code spring.data.redis.jedis.pool.*}. */
  public static class Pool {
    private Integer maxActive;

    public Integer getMaxActive() {
      return maxActive;
    }

    public void setMaxActive(Integer maxActive) {
      this.maxActive = maxActive;
    }
  }
}
