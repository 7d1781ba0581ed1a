package dev.tiered.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hit counts of one cached method: L1 hits, L2 hits and stale hits, each thread counting in a cell of its own.
 *
 * <p>Why not a {@code LongAdder}: an L1 hit costs a few nanoseconds beyond its map lookup, and an adder's increment
 * is an atomic read-modify-write of a cache line that every core writes; with more threads than cores (measured:
 * eight on two) its cells bounce between the cores and hits cost ten times more. A thread's own cell is written
 * with a plain increment and an opaque store, which no other thread writes: exact, and as cheap as a hit can count.
 *
 * <p>Why not a {@code ThreadLocal} of cells: finding a thread's cell through it is a chain of dependent loads (the
 * thread's map, its table, the entry, its referent, the value) on every hit. Here a thread finds its cell in a table
 * indexed by its id: the table, the slot, a comparison of the cell's owner with the current thread. Thread ids are
 * handed out in sequence, so the threads of a pool fill distinct slots; the table doubles (up to {@link #MAX_SLOTS})
 * when two live threads want one slot, and a thread that still finds no slot counts in shared adders.
 *
 * <p>A cell outlives its thread until a sum, or a thread that wants its slot, finds the thread ended and folds its
 * counts into {@link #ended}; so short-lived threads leave nothing behind but their counts.
 */
final class HitCounts {
  static final int L1 = 0;
  static final int L2 = 1;
  static final int STALE = 2;
  private static final int MIN_SLOTS = 8;
  private static final int MAX_SLOTS = 1 << 10;
  private static final VarHandle L1_COUNT = field("l1");
  private static final VarHandle L2_COUNT = field("l2");
  private static final VarHandle STALE_COUNT = field("stale");

  /**
   * The most slots the table may have: {@link #MAX_SLOTS} (1,024: a server's thread pools, at 4 KiB of table and 152
   * bytes a padded cell per method), less in tests.
   */
  private final int maxSlots;
  /**
   * The slot of no thread: a table's empty slots hold it rather than {@code null}, so that a hit finds its cell with
   * one comparison (of the owner) where a null check would be a second, in code that the JIT inlines into every
   * generated method's hit.
   */
  private static final Cell EMPTY = new Cell(null);

  /** Cells by thread id modulo the length; a slot is set under this object's lock, the table replaced under it. */
  private volatile Cell[] slots = emptyTable(MIN_SLOTS);
  /** Whether the table reached {@link #maxSlots} and a thread found no slot in it. */
  private volatile boolean full;
  /** Cells of live threads that lost their slot when the table grew: still counted; guarded by this lock. */
  private final List<Cell> displaced = new ArrayList<>();
  /** The counts of threads that ended; guarded by this object's lock. */
  private final long[] ended = new long[3];
  /** Hits of threads that found no slot of their own. */
  private final LongAdder[] shared = {new LongAdder(), new LongAdder(), new LongAdder()};

  HitCounts() {
    this(MAX_SLOTS);
  }

  /** Counts with at most {@code maxSlots} cells in the table (a power of two); for tests. */
  HitCounts(int maxSlots) {
    this.maxSlots = maxSlots;
  }

  /** Counts one hit of {@code kind} ({@link #L1}, {@link #L2} or {@link #STALE}) on this thread. */
  void add(int kind) {
    Thread thread = Thread.currentThread();
    Cell[] table = slots;
    Cell cell = table[index(thread, table.length)];
    if (cell.owner == thread) {
      cell.add(kind);
    } else {
      addAfterMiss(thread, kind);
    }
  }

  /** The hits of {@code kind} so far, over every thread. */
  long sum(int kind) {
    return sums()[kind];
  }

  /** The hits of every kind so far, over every thread, indexed by kind: one sweep and one pass for a snapshot. */
  synchronized long[] sums() {
    sweep();
    long[] sums = ended.clone();
    for (Cell cell : slots) {
      if (cell != EMPTY) {
        cell.addTo(sums);
      }
    }
    for (Cell cell : displaced) {
      cell.addTo(sums);
    }
    for (int kind = 0; kind < sums.length; kind++) {
      sums[kind] += shared[kind].sum();
    }
    return sums;
  }

  /** The cells held now, after a sweep; for tests. */
  synchronized int cells() {
    sweep();
    int held = displaced.size();
    for (Cell cell : slots) {
      if (cell != EMPTY) {
        held++;
      }
    }
    return held;
  }

  /** The length of the table now; for tests. */
  int slots() {
    return slots.length;
  }

  @SuppressWarnings("deprecation") // Thread.getId(): threadId() is Java 19; the id is the same.
  private static int index(Thread thread, int length) {
    return (int) thread.getId() & (length - 1);
  }

  /** The first hit of a thread, or a hit of a thread that found its slot taken: claims a slot, or counts shared. */
  private void addAfterMiss(Thread thread, int kind) {
    if (full) {
      Cell[] table = slots;
      if (table[index(thread, table.length)] != EMPTY) {
        // Taken, and the table cannot grow: shared, without the lock (a sum frees the slot once its thread ends).
        shared[kind].increment();
        return;
      }
    }
    claim(thread, kind);
  }

  private synchronized void claim(Thread thread, int kind) {
    Cell[] table = slots;
    int i = index(thread, table.length);
    Cell cell = table[i];
    if (cell != EMPTY && cell.owner != thread && !cell.owner.isAlive()) {
      cell.addTo(ended);
      table[i] = cell = EMPTY;
    }
    if (cell == EMPTY) {
      cell = new Cell(thread);
      table[i] = cell;
    } else if (cell.owner != thread) {
      cell = grownFor(thread);
    }
    if (cell != null) {
      cell.add(kind);
    } else {
      shared[kind].increment();
    }
  }

  /**
   * Doubles the table until {@code thread} has a slot of its own (up to {@link #maxSlots}), keeping every live
   * thread's cell: in a slot, or {@link #displaced} when two of them want one slot of the larger table. Threads still
   * counting in the old table count in the same cell objects, so nothing is lost while the table is replaced.
   *
   * @return the thread's new cell, or {@code null} when the table cannot grow enough
   */
  private Cell grownFor(Thread thread) {
    Cell[] table = slots;
    while (table.length < maxSlots) {
      Cell[] larger = emptyTable(table.length * 2);
      List<Cell> moved = new ArrayList<>(displaced);
      displaced.clear();
      for (Cell cell : table) {
        if (cell != EMPTY) {
          moved.add(cell);
        }
      }
      for (Cell cell : moved) {
        int i = index(cell.owner, larger.length);
        if (!cell.owner.isAlive()) {
          cell.addTo(ended);
        } else if (larger[i] == EMPTY) {
          larger[i] = cell;
        } else {
          displaced.add(cell);
        }
      }
      table = larger;
      int mine = index(thread, table.length);
      Cell cell = table[mine];
      if (cell == EMPTY) {
        cell = new Cell(thread);
        table[mine] = cell;
      }
      if (cell.owner == thread) { // a new cell, or the one the thread had lost to a neighbour
        slots = table;
        return cell;
      }
    }
    slots = table;
    full = true;
    return null;
  }

  /**
   * Folds the cells of ended threads into {@link #ended}: an ended thread writes no more, and its writes happen
   * before {@code isAlive()} returns false. Under the lock, so that a sum sees each count exactly once.
   */
  private void sweep() {
    Cell[] table = slots;
    for (int i = 0; i < table.length; i++) {
      Cell cell = table[i];
      if (cell != EMPTY && !cell.owner.isAlive()) {
        cell.addTo(ended);
        table[i] = EMPTY;
      }
    }
    displaced.removeIf(cell -> {
      if (cell.owner.isAlive()) {
        return false;
      }
      cell.addTo(ended);
      return true;
    });
  }

  private static Cell[] emptyTable(int length) {
    Cell[] table = new Cell[length];
    Arrays.fill(table, EMPTY);
    return table;
  }

  private static VarHandle field(String name) {
    try {
      return MethodHandles.lookup().findVarHandle(Counts.class, name, long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Room before a cell's counts, so that no other object's fields share their cache line. */
  @SuppressWarnings("unused")
  private abstract static class PaddingBefore {
    long p1, p2, p3, p4, p5, p6, p7;
  }

  /**
   * One thread's counts, written only by that thread. It holds its thread strongly: an ended thread's object stays
   * reachable until the next sum, or a claim of its slot, frees the cell (at most the table's length of them).
   *
   * <p>Padded on both sides ({@link PaddingBefore}, {@link Cell}): the collector copies a table's cells next to each
   * other, and two threads incrementing counts in one cache line would make it bounce between their cores on every
   * hit (measured: two threads on two cores at half the throughput of one cell a line).
   */
  private abstract static class Counts extends PaddingBefore {
    final Thread owner;
    long l1;
    long l2;
    long stale;

    Counts(Thread owner) {
      this.owner = owner;
    }

    void add(int kind) {
      if (kind == L1) {
        L1_COUNT.setOpaque(this, l1 + 1);
      } else if (kind == L2) {
        L2_COUNT.setOpaque(this, l2 + 1);
      } else {
        STALE_COUNT.setOpaque(this, stale + 1);
      }
    }

    void addTo(long[] sums) {
      sums[L1] += (long) L1_COUNT.getOpaque(this);
      sums[L2] += (long) L2_COUNT.getOpaque(this);
      sums[STALE] += (long) STALE_COUNT.getOpaque(this);
    }
  }

  /** A thread's counts with room after them. */
  @SuppressWarnings("unused")
  private static final class Cell extends Counts {
    long q1, q2, q3, q4, q5, q6, q7;

    Cell(Thread owner) {
      super(owner);
    }
  }
}
