package dev.tiered.it.policy;

import dev.tiered.Cached;
import dev.tiered.ReadPolicy;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.Backend;

/**
 * Every policy and duration left at its default on the interface, and each overridden on one method: the method's
 * {@code @Cached} must win.
 */
@Tiered(name = "odef", l1 = Backend.class, l2 = Backend.class)
public interface OverridingDefaults {

  String inherited(long id);

  @Cached(read = ReadPolicy.RACE)
  String race(long id);

  @Cached(read = ReadPolicy.PARALLEL)
  String parallel(long id);

  @Cached(write = WritePolicy.SEQUENTIAL)
  String sequentialWrite(long id);

  @Cached(write = WritePolicy.RACE)
  String raceWrite(long id);

  @Cached(refill = RefillPolicy.NEVER)
  String noRefill(long id);

  @Cached(ttl = "1m")
  String shortTtl(long id);

  @Cached(l1Ttl = "1m")
  String shortL1Ttl(long id);

  @Cached(stale = "1m")
  String stale(long id);

  @Cached(cacheNulls = true)
  String nullable(long id);
}
