package dev.tiered.it.policy;

import java.util.concurrent.CompletableFuture;

/** The delegate of every {@link Lookup} interface of the scenarios: answers as its {@link Script} says. */
final class ScriptedCatalog
    implements SequentialCatalog,
        RaceCatalog,
        DropRaceCatalog,
        ParallelCatalog,
        SequentialWriteCatalog,
        OptimisticWriteCatalog,
        RaceWriteCatalog,
        DropRaceWriteCatalog,
        ShortL1Catalog,
        NoRefillCatalog,
        StaleCatalog,
        Users,
        RacingUsers,
        DualRedisRace,
        DualRedisSequential,
        InvalidatingCatalog {
  private final Script script;

  ScriptedCatalog(Script script) {
    this.script = script;
  }

  @Override
  public String find(long id) {
    return script.answer("find", id);
  }

  @Override
  public CompletableFuture<String> findAsync(long id) {
    return script.answerAsync("findAsync", id);
  }

  @Override
  public String profile(long id) {
    return script.answer("profile", id);
  }

  @Override
  public void evict(long id) {
    script.answer("evict", id);
  }

  @Override
  public CompletableFuture<Void> evictAsync(long id) {
    return script.answerAsync("evictAsync", id).thenApply(answer -> null);
  }
}
