package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kryo instances of one format. Kryo instances are not thread-safe and are costly to build: a pool holds
 * {@link Worker}s, and each operation borrows one and binds its type's policy. A worker whose operation threw is
 * dropped rather than returned, as Kryo's state after an exception is not specified.
 */
final class Workers {
  static final int INITIAL_BUFFER = 256;
  /** Buffers that grew beyond this many bytes are not kept in the pool, so one huge value does not pin its memory. */
  static final int RETAINED_BUFFER = 64 * 1024;

  /** The largest entry, header included, that is written or read. */
  final int maximumEntrySize;
  private final Pool<Worker> pool;

  Workers(int maximumEntrySize) {
    this.maximumEntrySize = maximumEntrySize;
    int capacity = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    this.pool = new Pool<>(true, true, capacity) {
      @Override
      protected Worker create() {
        return new Worker(maximumEntrySize);
      }
    };
  }

  /** Borrows a worker bound to {@code policy}, for values nested at most {@code maxDepth} deep. */
  Worker obtain(TypePolicy policy, int maxDepth) {
    Worker worker = pool.obtain();
    worker.resolver.policy = policy;
    worker.kryo.setMaxDepth(maxDepth);
    return worker;
  }

  /** Unbinds {@code worker}, and returns it to the pool if its operation completed. */
  void release(Worker worker, boolean healthy) {
    worker.resolver.policy = null;
    worker.resolver.expectRoot(null);
    if (healthy) {
      // One huge value must not pin its buffers in the pool for good.
      if (worker.output.getBuffer().length > RETAINED_BUFFER) {
        worker.output.setBuffer(new byte[INITIAL_BUFFER], maximumEntrySize);
      }
      worker.input.trim(RETAINED_BUFFER / 2);
      pool.free(worker);
    }
  }

  /** The largest buffer, in bytes, that a pooled worker keeps between operations; for tests. */
  long largestPooledBuffer() {
    List<Worker> borrowed = new ArrayList<>();
    long largest = 0;
    for (int i = pool.getFree(); i > 0; i--) {
      Worker worker = pool.obtain();
      borrowed.add(worker);
      largest = Math.max(largest, Math.max(worker.output.getBuffer().length, worker.input.getBuffer().length));
      largest = Math.max(largest, 2L * worker.input.charCapacity());
    }
    borrowed.forEach(pool::free);
    return largest;
  }

  /** One Kryo instance with its resolver and reusable buffers; used by one operation at a time. */
  static final class Worker {
    final SafeClassResolver resolver = new SafeClassResolver();
    final Kryo kryo = KryoSetup.newKryo(resolver);
    final Output output;
    final Guards.GuardedInput input = new Guards.GuardedInput();

    Worker(int maximumEntrySize) {
      this.output = new Output(INITIAL_BUFFER, maximumEntrySize);
    }
  }
}
