package dev.tiered.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The delegate of the foundation tests: answers from a map and counts every call per method. */
public final class CountingDirectory implements Directory, Archive {
  private final String source;
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger version = new AtomicInteger();

  public CountingDirectory(String source) {
    this.source = source;
  }

  public int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  private Person person(long id) {
    return new Person(id, names.getOrDefault(id, source + "-" + id), version.incrementAndGet());
  }

  @Override
  public Person find(long id) {
    count("find");
    return person(id);
  }

  @Override
  public String join(String first, String last) {
    count("join");
    return first + "|" + last;
  }

  @Override
  public Person findNoRefill(long id) {
    count("findNoRefill");
    return person(id);
  }

  @Override
  public Person findShortL1(long id) {
    count("findShortL1");
    return person(id);
  }

  @Override
  public void rename(long id, String name) {
    count("rename");
    names.put(id, name);
  }

  @Override
  public Person live(long id) {
    count("live");
    return person(id);
  }
}
