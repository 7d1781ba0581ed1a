package dev.tiered.it.policy;

import dev.tiered.WritePolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Writes {@code SEQUENTIAL}: L1, then L2 only when L1 took the entry. */
@Tiered(name = "seqwrite", l1 = Backend.class, l2 = Backend.class, write = WritePolicy.SEQUENTIAL)
public interface SequentialWriteCatalog extends Lookup {}
