package dev.tiered.runtime;

import dev.tiered.runtime.internal.InvalidationBus;
import dev.tiered.runtime.internal.InvalidationBus.Change;
import dev.tiered.runtime.internal.LogText;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The invalidation bus of one {@link RedisBackend}: a channel per cache name, {@code <keyPrefix>{<keyPrefix>tiered}:
 * <cache>}, over Redis pub/sub (sharded pub/sub on a Cluster), and one {@link RedisSubscriber subscription} for all
 * of them.
 *
 * <p>Design note. Announcements are assumed lost now and then, and every way of losing them ends in a repair, an
 * eviction of every L1 entry of the affected cache (Hazelcast's near-cache repair, in spirit):
 * <ul>
 *   <li>the subscription drops or goes silent: every cache on the bus is repaired once it is subscribed again;
 *   <li>a sender could not publish (Redis unreachable): its next announcement on that channel carries a "lost before"
 *       flag, and a tick retries with a bare repair announcement until one gets through;
 *   <li>a receiver sees a sender's sequence number jump: it repairs.
 * </ul>
 * Each instance (this bus) has a random id, and numbers its announcements per channel; it skips its own, and hands
 * them to the other decorators of the same cache on this bus directly. All channels carry one hash tag, so that on a
 * Cluster they live in one slot and one subscription on one node serves them all.
 */
final class RedisBus implements InvalidationBus {
  private static final Logger LOGGER = System.getLogger("dev.tiered");
  /** How often the subscription is pinged and failed announcements retried. */
  private static final long TICK_MILLIS = 1_000;
  /** How long the first L1 writes of a cache wait for its first subscription, at most. */
  private static final long FIRST_SUBSCRIPTION_WAIT_MILLIS = 1_000;
  /** Senders remembered per channel for gap detection; one that was forgotten only starts a new baseline. */
  private static final int MAX_SENDERS = 1_024;

  private final RedisClients clients;
  /** Publishes through the backend's circuit breaker. */
  private final Publisher publisher;
  private final String keyPrefix;
  private final String origin = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  private final Map<String, CacheChannel> byName = new ConcurrentHashMap<>();
  private final RedisSubscriber subscriber;
  private final LongAdder published = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private final LongAdder repairs = new LongAdder();
  private final LongAdder repairedEntries = new LongAdder();
  private ScheduledFuture<?> ticks;
  private boolean closed;

  /** Sends one message through the backend, as any command: it throws when Redis does not take it. */
  @FunctionalInterface
  interface Publisher {
    void publish(byte[] channel, byte[] message);
  }

  RedisBus(RedisClients clients, String keyPrefix, Publisher publisher) {
    this.clients = clients;
    this.keyPrefix = keyPrefix;
    this.publisher = publisher;
    this.subscriber = new RedisSubscriber(clients, new RedisSubscriber.Listener() {
      @Override
      public void subscribed(String channel) {
        CacheChannel c = byName.get(channel);
        if (c != null) {
          repair(c, null);
          c.firstOutcome.countDown(); // after the repair: a write that waited for it is not cleared by it
        }
      }

      @Override
      public void down() {
        byName.values().forEach(c -> c.firstOutcome.countDown());
      }

      @Override
      public void message(String channel, byte[] message) {
        receive(channel, message);
      }
    });
  }

  /** The channel of {@code cacheName}: it starts with the key prefix, and its hash tag is the same for every cache. */
  String channelOf(String cacheName) {
    return keyPrefix + "{" + keyPrefix + "tiered}:" + cacheName;
  }

  @Override
  public Channel join(String cacheName, Member member) {
    String name = channelOf(cacheName);
    CacheChannel channel = byName.computeIfAbsent(name, n -> new CacheChannel(cacheName, n));
    channel.members.add(new WeakReference<>(member));
    synchronized (this) {
      if (!closed && ticks == null) {
        ticks = Ticker.start(this::tick);
      }
    }
    subscriber.add(name);
    return new Channel() {
      @Override
      public void awaitFirstSubscription() {
        channel.awaitFirstOutcome();
      }

      @Override
      public void invalidated(List<Change> changes) {
        announce(channel, member, (seq, lost) -> BusMessage.changes(origin, seq, lost, cacheName, changes));
      }

      @Override
      public void leave() {
        channel.members.removeIf(reference -> reference.get() == member);
      }
    };
  }

  InvalidationStats stats() {
    return new InvalidationStats(subscriber.state(), published.sum(), publishFailures.sum(), received.sum(),
        evicted.sum(), repairs.sum(), repairedEntries.sum());
  }

  /** Stops the ticks and the subscription, and waits (briefly) until their threads are gone. */
  void close() {
    ScheduledFuture<?> stopping;
    synchronized (this) {
      closed = true;
      stopping = ticks;
      ticks = null;
    }
    if (stopping != null) {
      Ticker.stop(stopping);
    }
    subscriber.close();
  }

  // ------------------------------------------------------------------------------------------------------ sending

  /** Makes a message with the sequence number and lost flag it is sent with. */
  @FunctionalInterface
  private interface Draft {
    BusMessage make(long sequence, boolean lostBefore);
  }

  /**
   * Sends a message on {@code channel}, then hands it to the channel's other members in this process, which do not
   * hear it from Redis (a bus skips its own messages). Numbering and sending under the channel's lock keeps the
   * numbers in order on the wire.
   */
  private void announce(CacheChannel channel, Member sender, Draft draft) {
    BusMessage message;
    synchronized (channel) {
      message = draft.make(++channel.sequence, channel.owed);
      send(channel, message);
    }
    channel.forEachMember(member -> {
      if (member != sender) {
        evicted.add(apply(member, message));
      }
    });
  }

  /** Sends under the channel's lock; a failure leaves the channel owing its receivers a repair. */
  private void send(CacheChannel channel, BusMessage message) {
    try {
      publisher.publish(channel.nameBytes, message.encode());
      published.increment();
      channel.owed = false;
    } catch (RuntimeException e) {
      publishFailures.increment();
      channel.owed = true;
    }
  }

  private void tick() {
    try {
      subscriber.tick();
      for (CacheChannel channel : byName.values()) {
        channel.members.removeIf(member -> member.get() == null);
        synchronized (channel) {
          if (channel.owed) {
            send(channel, BusMessage.repair(origin, ++channel.sequence, channel.cache));
          }
        }
      }
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "Tiered: the invalidation bus tick failed", e); // and runs again next time
    }
  }

  // ------------------------------------------------------------------------------------------------------ receiving

  /** Applies a message heard on {@code channelName}; on the subscriber's thread. */
  private void receive(String channelName, byte[] bytes) {
    CacheChannel channel = byName.get(channelName);
    if (channel == null) {
      return;
    }
    BusMessage message;
    try {
      message = BusMessage.decode(bytes);
    } catch (IllegalArgumentException e) {
      // Written by something else, or a newer version: what it said is unknown, so assume the worst.
      repair(channel, "an undecodable message (" + e.getMessage() + ")");
      return;
    }
    if (message.origin().equals(origin) || !message.cache().equals(channel.cache)) {
      return;
    }
    received.increment();
    Long previous = channel.lastSequence.put(message.origin(), message.sequence());
    if (message.lostBefore()) {
      repair(channel, "instance " + message.origin() + " could not announce invalidations");
    } else if (previous != null && message.sequence() > previous + 1) {
      repair(channel, (message.sequence() - previous - 1) + " lost announcements of instance " + message.origin());
    }
    channel.forEachMember(member -> evicted.add(apply(member, message)));
  }

  /** Evicts what {@code message} names from {@code member}'s L1 (a repair is done on receipt, by its lost flag). */
  private static int apply(Member member, BusMessage message) {
    int evicted = 0;
    for (Change change : message.changes()) {
      evicted += change.isAll()
          ? member.invalidatedAll(change.method(), change.generation())
          : member.invalidated(change.method(), change.argumentParts());
    }
    return evicted;
  }

  /** Clears the L1 of every member of {@code channel}; {@code reason} is logged, unless null (a new subscription). */
  private void repair(CacheChannel channel, String reason) {
    long[] cleared = new long[1];
    channel.forEachMember(member -> cleared[0] += member.repair());
    repairs.increment();
    repairedEntries.add(cleared[0]);
    if (reason != null) {
      LOGGER.log(Level.INFO, "Tiered: cleared {0} L1 entries of cache {1} after {2}", cleared[0],
          LogText.escape(channel.cache), LogText.escape(reason));
    }
  }

  /** The state of one cache's channel on this bus. */
  private static final class CacheChannel {
    final String cache;
    final byte[] nameBytes;
    final List<WeakReference<Member>> members = new CopyOnWriteArrayList<>();
    /** The last sequence number heard from each sender; touched by the subscriber's thread only. */
    final Map<String, Long> lastSequence = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
        return size() > MAX_SENDERS;
      }
    };
    /** Guarded by this channel. */
    long sequence;
    /** Whether an announcement failed since the last one that got through; guarded by this channel. */
    boolean owed;
    /** Released by the first subscription of the channel, or the first failure to subscribe. */
    final CountDownLatch firstOutcome = new CountDownLatch(1);

    CacheChannel(String cache, String name) {
      this.cache = cache;
      this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
    }

    void awaitFirstOutcome() {
      if (firstOutcome.getCount() == 0) {
        return;
      }
      try {
        firstOutcome.await(FIRST_SUBSCRIPTION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void forEachMember(Consumer<Member> action) {
      for (WeakReference<Member> reference : members) {
        Member member = reference.get();
        if (member != null) {
          action.accept(member);
        }
      }
    }
  }

  /**
   * One daemon thread ticks every open bus of the process (a tick only writes a few bytes or flips a flag); it stops
   * when the last bus closes, so that a closed application leaves no thread of ours behind.
   */
  private static final class Ticker {
    private static ScheduledExecutorService executor;
    private static int running;

    static synchronized ScheduledFuture<?> start(Runnable tick) {
      if (executor == null) {
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
          Thread thread = new Thread(task, "tiered-invalidations-ticker");
          thread.setDaemon(true);
          return thread;
        });
      }
      running++;
      return executor.scheduleWithFixedDelay(tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    static void stop(ScheduledFuture<?> ticks) {
      ScheduledExecutorService idle = null;
      synchronized (Ticker.class) {
        ticks.cancel(false);
        if (--running == 0) {
          idle = executor;
          executor = null;
        }
      }
      if (idle != null) {
        idle.shutdown();
        try {
          idle.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
