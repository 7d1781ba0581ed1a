package dev.tiered.it.policy;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Reads {@code RACE}, losers {@code DROP}ped: the first hit wins, the loser is abandoned. */
@Tiered(
    name = "droprace",
    l1 = Backend.class,
    l2 = Backend.class,
    read = ReadPolicy.RACE,
    raceLoser = RaceLoserPolicy.DROP)
public interface DropRaceCatalog extends Lookup {}
