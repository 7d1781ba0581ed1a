package dev.tiered.it.policy;

import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Refill {@code NEVER}: an L2 hit leaves L1 alone. */
@Tiered(name = "norefill", l1 = Backend.class, l2 = Backend.class, refill = RefillPolicy.NEVER)
public interface NoRefillCatalog extends Lookup {}
