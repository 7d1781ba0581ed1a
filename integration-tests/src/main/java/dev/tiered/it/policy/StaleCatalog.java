package dev.tiered.it.policy;

import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Entries live 10 minutes and are stale after 1 minute: served, then refreshed once in the background. */
@Tiered(name = "stale", l1 = Backend.class, l2 = Backend.class, ttl = "10m", stale = "1m")
public interface StaleCatalog extends Lookup {}
