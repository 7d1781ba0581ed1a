package dev.tiered.runtime;

import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.internal.LogText;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;

/**
 * The subscription of one backend's invalidation bus: one daemon thread holding one connection, subscribed to the
 * channel of every cache that joined, which connects again with backoff whenever the connection drops.
 *
 * <p>A subscribed connection waits for messages without a timeout (Jedis makes it infinite), so a server that hangs,
 * or a network that silently drops packets, would leave it deaf forever. So the bus {@link #tick ticks} it: each tick
 * sends {@code PING} through it (sharded subscriptions have no {@code PING}; repeating {@code SSUBSCRIBE} draws a
 * confirmation that serves as well), and when nothing at all came back for {@link #SILENCE_NANOS}, closes the
 * connection, which ends the wait; the thread connects again. A tick that finds that the Sentinels moved the master
 * does the same. Every (re)subscription is followed by the listener's repair of the caches on that channel, as their
 * announcements may have been lost meanwhile.
 */
final class RedisSubscriber {
  private static final Logger LOGGER = System.getLogger("dev.tiered");
  /** How long a subscribed connection may stay silent despite pings before it is taken for dead. */
  static final long SILENCE_NANOS = TimeUnit.SECONDS.toNanos(3);
  private static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** What the subscription tells the bus. Called on the subscriber's thread. */
  interface Listener {
    /** {@code channel} is subscribed on a new connection: what was announced before may have been missed. */
    void subscribed(String channel);

    /** A message arrived on {@code channel}. */
    void message(String channel, byte[] message);

    /** An attempt to subscribe failed, or a subscription ended. */
    void down();
  }

  private final RedisClients clients;
  private final Listener listener;
  private final Set<String> channels = ConcurrentHashMap.newKeySet();
  /** Guards {@link #link} and every write to its connection from threads other than the subscriber's. */
  private final Object lock = new Object();
  private Link link;
  private Thread thread;
  /** Whether the subscription's being down was logged; on the subscriber's thread only. */
  private boolean reportedDown;
  private volatile boolean closed;
  private volatile Subscription state = Subscription.IDLE;

  RedisSubscriber(RedisClients clients, Listener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  Subscription state() {
    return state;
  }

  /** Subscribes to {@code channel} too; starts the subscription on the first channel. Never blocks on Redis. */
  void add(String channel) {
    synchronized (lock) {
      if (closed || !channels.add(channel)) {
        return;
      }
      if (thread == null) {
        state = Subscription.CONNECTING;
        thread = new Thread(this::run, "tiered-invalidations " + clients.description);
        thread.setDaemon(true);
        thread.start();
      } else if (link != null && link.confirmed()) {
        link.requested.add(channel);
        state = Subscription.CONNECTING; // until this channel is confirmed too
        Link current = link;
        current.write(() -> current.subscribe(channel));
      }
      // Otherwise the connection being made subscribes to it: see run() and confirmed().
    }
  }

  /** Pings the connection, or ends it when it went silent or its server is no longer the master. */
  void tick() {
    synchronized (lock) {
      Link current = link;
      if (current == null || !current.confirmed()) {
        return;
      }
      HostAndPort server = clients.currentServer();
      if (System.nanoTime() - current.lastHeard > SILENCE_NANOS) {
        LOGGER.log(Level.WARNING, "Tiered: the invalidation subscription to {0} went silent; reconnecting",
            clients.description);
        current.abort();
      } else if (server != null && current.at != null && !server.equals(current.at)) {
        LOGGER.log(Level.INFO, "Tiered: the master moved from {0} to {1}; moving the invalidation subscription",
            current.at, server);
        current.abort();
      } else {
        current.write(current::ping);
      }
    }
  }

  /** Ends the subscription and waits (briefly) for its thread to end. */
  void close() {
    Thread running;
    synchronized (lock) {
      closed = true;
      state = Subscription.CLOSED;
      if (link != null) {
        link.abort();
      }
      running = thread;
    }
    if (running != null && running != Thread.currentThread()) {
      running.interrupt();
      try {
        running.join(TimeUnit.SECONDS.toMillis(2)); // closing the connection ends its wait at once
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long backoff = MIN_BACKOFF_NANOS;
    while (!closed) {
      Link current = null;
      try {
        current = open();
        String[] names;
        synchronized (lock) {
          if (closed) {
            break;
          }
          link = current;
          names = channels.toArray(String[]::new);
          current.requested.addAll(Set.of(names));
        }
        current.run(names);
      } catch (RuntimeException e) {
        listener.down();
        if (!closed && !reportedDown && (current == null || !current.aborted)) {
          reportedDown = true;
          LOGGER.log(Level.WARNING, "Tiered: the invalidation subscription to {0} is down ({1}); until it is back, "
              + "other instances'' invalidations are not heard", clients.description, LogText.escape(e.toString()));
        }
      } finally {
        synchronized (lock) {
          link = null;
          if (!closed) {
            state = Subscription.CONNECTING;
          }
        }
        if (current != null) {
          current.close();
        }
      }
      if (current != null && current.confirmed()) {
        backoff = MIN_BACKOFF_NANOS; // it was up: try again at once
      }
      if (!closed) {
        LockSupport.parkNanos(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
        backoff = Math.min(2 * backoff, MAX_BACKOFF_NANOS);
      }
    }
  }

  private Link open() {
    String any = channels.iterator().next();
    RedisClients.Opened opened = clients.openSubscription(any);
    return new Link(opened.connection(), opened.server());
  }

  /** Called on the subscriber's thread for each confirmation. */
  private void onConfirmation(Link current, String channel) {
    current.lastHeard = System.nanoTime();
    boolean first;
    synchronized (lock) {
      if (current.confirmedChannels.isEmpty()) {
        // Channels added while this connection was being made: subscribe to them now that it is up.
        for (String wanted : channels) {
          if (current.requested.add(wanted)) {
            current.write(() -> current.subscribe(wanted));
          }
        }
      }
      first = current.confirmedChannels.add(channel);
      if (first && current.confirmedChannels.containsAll(channels)) {
        state = Subscription.SUBSCRIBED;
      }
    }
    if (first) {
      if (reportedDown) {
        reportedDown = false;
        LOGGER.log(Level.INFO, "Tiered: the invalidation subscription to {0} is back", clients.description);
      }
      listener.subscribed(channel);
    }
  }

  /**
   * One connection's subscription: over plain or sharded pub/sub, on a connection of its own, or (for a client that
   * gives none) through the client's own {@code subscribe}.
   */
  private final class Link {
    final Connection connection;
    /** The server subscribed to, when it can move (Sentinel). */
    final HostAndPort at;
    /** Channels subscribed to, and confirmed by the server; guarded by the subscriber's lock. */
    final Set<String> requested = new HashSet<>();
    final Set<String> confirmedChannels = new HashSet<>();
    volatile long lastHeard = System.nanoTime();
    /** Whether {@link #abort} ended it, having said why. */
    volatile boolean aborted;
    private final BinaryJedisPubSub plain;
    private final BinaryJedisShardedPubSub sharded;

    Link(Connection connection, HostAndPort at) {
      this.connection = connection;
      this.at = at;
      Link self = this;
      if (clients.sharded()) {
        this.plain = null;
        this.sharded = new BinaryJedisShardedPubSub() {
          @Override
          public void onSSubscribe(byte[] channel, int subscribedChannels) {
            onConfirmation(self, text(channel));
          }

          @Override
          public void onSMessage(byte[] channel, byte[] message) {
            lastHeard = System.nanoTime();
            listener.message(text(channel), message);
          }
        };
      } else {
        this.sharded = null;
        this.plain = new BinaryJedisPubSub() {
          @Override
          public void onSubscribe(byte[] channel, int subscribedChannels) {
            onConfirmation(self, text(channel));
          }

          @Override
          public void onMessage(byte[] channel, byte[] message) {
            lastHeard = System.nanoTime();
            listener.message(text(channel), message);
          }

          @Override
          public void onPong(byte[] pattern) {
            lastHeard = System.nanoTime();
          }
        };
      }
    }

    boolean confirmed() {
      synchronized (lock) {
        return !confirmedChannels.isEmpty();
      }
    }

    /** Subscribes and handles messages until the subscription ends; throws when the connection fails. */
    void run(String[] channelNames) {
      byte[][] names = new byte[channelNames.length][];
      for (int i = 0; i < names.length; i++) {
        names[i] = channelNames[i].getBytes(StandardCharsets.UTF_8);
      }
      if (sharded != null) {
        sharded.proceed(connection, names);
      } else if (connection != null) {
        plain.proceed(connection, names);
      } else {
        clients.subscribe(plain, names);
      }
    }

    void subscribe(String channel) {
      byte[] name = channel.getBytes(StandardCharsets.UTF_8);
      if (sharded != null) {
        sharded.ssubscribe(name);
      } else {
        plain.subscribe(name);
      }
    }

    void ping() {
      if (sharded != null) {
        sharded.ssubscribe(confirmedChannels.stream().map(c -> c.getBytes(StandardCharsets.UTF_8))
            .toArray(byte[][]::new));
      } else {
        plain.ping();
      }
    }

    /** Runs a write on the connection from a thread other than the subscriber's; a failure ends the link. */
    void write(Runnable write) {
      try {
        write.run();
      } catch (RuntimeException e) {
        abort();
      }
    }

    /** Ends the subscription from another thread: closing the connection ends the subscriber's wait. */
    void abort() {
      aborted = true;
      try {
        if (connection != null) {
          connection.disconnect();
        } else if (plain.isSubscribed()) {
          plain.unsubscribe();
        }
      } catch (RuntimeException e) {
        // Closing a broken connection may fail; it is closed all the same.
      }
    }

    void close() {
      if (connection != null) {
        try {
          connection.close();
        } catch (RuntimeException e) {
          // A dead connection fails to close cleanly; nothing is left to release.
        }
      }
    }
  }

  private static String text(byte[] channel) {
    return new String(channel, StandardCharsets.UTF_8);
  }
}
