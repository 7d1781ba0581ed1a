package dev.tiered.it.policy;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Reads {@code RACE}, losers {@code OFFLOAD}ed: the first hit wins, the loser finishes in the background. */
@Tiered(
    name = "race",
    l1 = Backend.class,
    l2 = Backend.class,
    read = ReadPolicy.RACE,
    raceLoser = RaceLoserPolicy.OFFLOAD)
public interface RaceCatalog extends Lookup {}
