package dev.tiered.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The announcement of one invalidating call that removes entries of several methods: each removal adds what it
 * removed, and {@link #announce()} tells the other instances all of it in one message, once every removal is done
 * (after L2's, lest an instance that evicts reload the old entry from L2). A call with one target needs none: its
 * removal announces itself.
 */
public final class Invalidation {
  private final List<InvalidationBus.Change> changes = new ArrayList<>();
  /** The decorator's channel, known from the first removal; none when its L1 is not synced. */
  private InvalidationBus.Channel channel;

  /** A batch with nothing in it yet. */
  public Invalidation() {}

  /** Adds a removal, to announce on {@code channel}; keys of the method the last removal named join that removal. */
  synchronized void add(InvalidationBus.Change change, InvalidationBus.Channel channel) {
    this.channel = channel;
    int last = changes.size() - 1;
    InvalidationBus.Change previous = last < 0 ? null : changes.get(last);
    if (previous != null && !change.isAll() && !previous.isAll() && previous.method().equals(change.method())) {
      List<String> parts = new ArrayList<>(previous.argumentParts());
      parts.addAll(change.argumentParts());
      changes.set(last, InvalidationBus.Change.keys(change.method(), parts));
    } else {
      changes.add(change);
    }
  }

  /** Sends what the removals added, in one message; nothing when they added nothing. Never throws. */
  public void announce() {
    List<InvalidationBus.Change> sent;
    InvalidationBus.Channel to;
    synchronized (this) {
      sent = List.copyOf(changes);
      changes.clear();
      to = channel;
    }
    if (to != null && !sent.isEmpty()) {
      to.invalidated(sent);
    }
  }

  /** {@link #announce()} once {@code removals} (which never fail) are done; the future completes after it. */
  public CompletableFuture<Void> announceAfter(CompletableFuture<?>... removals) {
    return CompletableFuture.allOf(removals).whenComplete((done, never) -> announce());
  }
}
