package dev.tiered.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The hit counts of one cached method: L1 hits, L2 hits and stale hits, each thread counting in cells of its own.
 *
 * <p>Why not a {@code LongAdder}: an L1 hit costs a few nanoseconds beyond its map lookup, and an adder's increment
 * is an atomic read-modify-write of a cache line that every core writes; with more threads than cores (measured:
 * eight on two) its cells bounce between the cores and hits cost ten times more. A thread's own cell is written
 * with a plain increment and an opaque store, which no other thread writes: exact, and as cheap as a hit can count.
 *
 * <p>A reader sums every cell. A cell outlives its thread until a sum, or the registration of a later thread, finds
 * the thread ended and folds its counts into {@link #ended}; so short-lived threads leave nothing behind but their
 * counts.
 */
final class HitCounts {
  static final int L1 = 0;
  static final int L2 = 1;
  static final int STALE = 2;
  private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
  /** Registrations between two looks for cells of ended threads. */
  private static final int SWEEP_EVERY = 64;

  private final ThreadLocal<Cell> mine = ThreadLocal.withInitial(this::register);
  private final Set<Cell> cells = ConcurrentHashMap.newKeySet();
  private final AtomicInteger registrations = new AtomicInteger();
  /** The counts of threads that ended; guarded by this object's lock, as are removals from {@link #cells}. */
  private final long[] ended = new long[3];

  /** Counts one hit of {@code kind} ({@link #L1}, {@link #L2} or {@link #STALE}) on this thread. */
  void add(int kind) {
    long[] counts = mine.get().counts;
    COUNT.setOpaque(counts, kind, counts[kind] + 1);
  }

  /** The hits of {@code kind} so far, over every thread. */
  long sum(int kind) {
    return sums()[kind];
  }

  /** The hits of every kind so far, over every thread, indexed by kind: one sweep and one pass for a snapshot. */
  synchronized long[] sums() {
    sweep();
    long[] sums = ended.clone();
    for (Cell cell : cells) {
      for (int kind = 0; kind < sums.length; kind++) {
        sums[kind] += (long) COUNT.getOpaque(cell.counts, kind);
      }
    }
    return sums;
  }

  /** The cells held now, after a sweep; for tests. */
  synchronized int cells() {
    sweep();
    return cells.size();
  }

  private Cell register() {
    Cell cell = new Cell(Thread.currentThread());
    cells.add(cell);
    if (registrations.incrementAndGet() % SWEEP_EVERY == 0) {
      sweep();
    }
    return cell;
  }

  /**
   * Folds the cells of ended threads into {@link #ended}: an ended thread writes no more, and its writes happen
   * before {@code isAlive()} returns false. Under the lock, so that a sum sees each count exactly once.
   */
  private synchronized void sweep() {
    for (Cell cell : cells) {
      Thread owner = cell.owner.get();
      if (owner == null || !owner.isAlive()) {
        cells.remove(cell);
        for (int kind = 0; kind < ended.length; kind++) {
          ended[kind] += (long) COUNT.getOpaque(cell.counts, kind);
        }
      }
    }
  }

  /** One thread's counts. */
  private static final class Cell {
    final long[] counts = new long[3];
    final WeakReference<Thread> owner;

    Cell(Thread owner) {
      this.owner = new WeakReference<>(owner);
    }
  }
}
