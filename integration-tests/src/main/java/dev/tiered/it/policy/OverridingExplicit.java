package dev.tiered.it.policy;

import dev.tiered.Cached;
import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.Backend;

/**
 * Every policy and duration set away from its default on the interface, and each set back on one method, most of
 * them to the annotation's own default value: an explicit {@code @Cached} member must win even when it equals the
 * member's default.
 */
@Tiered(
    name = "oexp",
    l1 = Backend.class,
    l2 = Backend.class,
    read = ReadPolicy.RACE,
    write = WritePolicy.RACE,
    raceLoser = RaceLoserPolicy.DROP,
    refill = RefillPolicy.NEVER,
    ttl = "1h",
    l1Ttl = "30m",
    stale = "20m",
    cacheNulls = true)
public interface OverridingExplicit {

  String inherited(long id);

  @Cached(read = ReadPolicy.SEQUENTIAL)
  String sequential(long id);

  @Cached(read = ReadPolicy.PARALLEL)
  String parallel(long id);

  @Cached(write = WritePolicy.OPTIMISTIC_PARALLEL)
  String optimisticWrite(long id);

  @Cached(write = WritePolicy.SEQUENTIAL)
  String sequentialWrite(long id);

  @Cached(refill = RefillPolicy.ALWAYS)
  String refill(long id);

  /** A longer ttl: the interface's l1Ttl and stale still fit under it and are kept. */
  @Cached(ttl = "2h")
  String longTtl(long id);

  /** A ttl shorter than the interface's l1Ttl: L1 then keeps entries for this ttl. */
  @Cached(ttl = "10m", stale = "5m")
  String shortTtl(long id);

  @Cached(l1Ttl = "1m")
  String shortL1Ttl(long id);

  @Cached(stale = "1m")
  String earlyStale(long id);

  @Cached(cacheNulls = false)
  String noNulls(long id);
}
