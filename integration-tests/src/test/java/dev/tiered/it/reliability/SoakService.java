package dev.tiered.it.reliability;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The delegate of {@link Soak}: each value is a pure function of its arguments, so a wrong value shows. */
class SoakService implements Soak {
  private final AtomicInteger calls;

  SoakService(AtomicInteger calls) {
    this.calls = calls;
  }

  @Override
  public String find(long id) {
    calls.incrementAndGet();
    return "find:" + id;
  }

  @Override
  public String race(long id) {
    calls.incrementAndGet();
    return "race:" + id;
  }

  @Override
  public CompletableFuture<String> findAsync(long id) {
    calls.incrementAndGet();
    return CompletableFuture.completedFuture("findAsync:" + id);
  }

  @Override
  public String echo(String text) {
    calls.incrementAndGet();
    return "echo:" + text;
  }
}
