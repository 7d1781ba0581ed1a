package dev.tiered.it.policy;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.WritePolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Writes {@code RACE}, losers {@code OFFLOAD}ed: done at the first tier that takes the entry. */
@Tiered(
    name = "racewrite",
    l1 = Backend.class,
    l2 = Backend.class,
    write = WritePolicy.RACE,
    raceLoser = RaceLoserPolicy.OFFLOAD)
public interface RaceWriteCatalog extends Lookup {}
