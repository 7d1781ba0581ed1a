package dev.tiered.it.fleet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database that every node of a fleet test shares: names by id, renamed one by one or all at once. {@code find}
 * answers {@code <name>@<id>}, so a test sees at once whether a node served the value from before a rename.
 */
public final class AccountStore implements Accounts, LocalAccounts {
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  private final AtomicInteger finds = new AtomicInteger();
  private volatile String everyone = "first";
  private volatile Runnable afterRead = () -> {};

  /** The calls of {@link #find} so far. */
  public int finds() {
    return finds.get();
  }

  /** Runs {@code hook} inside each {@link #find}, after it read its answer: a test holds a load there. */
  public void afterRead(Runnable hook) {
    this.afterRead = hook;
  }

  @Override
  public String find(long id) {
    finds.incrementAndGet();
    String answer = names.getOrDefault(id, everyone) + "@" + id;
    afterRead.run();
    return answer;
  }

  @Override
  public void rename(long id, String name) {
    names.put(id, name);
  }

  @Override
  public String owner(long id) {
    return names.getOrDefault(id, everyone).toUpperCase(java.util.Locale.ROOT) + "@" + id;
  }

  @Override
  public void transfer(long id, String name) {
    names.put(id, name);
  }

  @Override
  public void renameAll(String name) {
    names.clear();
    everyone = name;
  }
}
