package dev.tiered.it.policy;

/** The delegate of {@link OverridingDefaults} and {@link OverridingExplicit}: each method answers by its name. */
final class ScriptedOverrides implements OverridingDefaults, OverridingExplicit {
  private final Script script;

  ScriptedOverrides(Script script) {
    this.script = script;
  }

  @Override
  public String inherited(long id) {
    return script.answer("inherited", id);
  }

  @Override
  public String race(long id) {
    return script.answer("race", id);
  }

  @Override
  public String parallel(long id) {
    return script.answer("parallel", id);
  }

  @Override
  public String sequential(long id) {
    return script.answer("sequential", id);
  }

  @Override
  public String sequentialWrite(long id) {
    return script.answer("sequentialWrite", id);
  }

  @Override
  public String optimisticWrite(long id) {
    return script.answer("optimisticWrite", id);
  }

  @Override
  public String raceWrite(long id) {
    return script.answer("raceWrite", id);
  }

  @Override
  public String noRefill(long id) {
    return script.answer("noRefill", id);
  }

  @Override
  public String refill(long id) {
    return script.answer("refill", id);
  }

  @Override
  public String longTtl(long id) {
    return script.answer("longTtl", id);
  }

  @Override
  public String shortTtl(long id) {
    return script.answer("shortTtl", id);
  }

  @Override
  public String shortL1Ttl(long id) {
    return script.answer("shortL1Ttl", id);
  }

  @Override
  public String stale(long id) {
    return script.answer("stale", id);
  }

  @Override
  public String earlyStale(long id) {
    return script.answer("earlyStale", id);
  }

  @Override
  public String nullable(long id) {
    return script.answer("nullable", id);
  }

  @Override
  public String noNulls(long id) {
    return script.answer("noNulls", id);
  }
}
