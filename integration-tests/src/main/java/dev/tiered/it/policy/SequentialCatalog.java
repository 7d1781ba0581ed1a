package dev.tiered.it.policy;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Reads {@code SEQUENTIAL}: L1, then L2 only when L1 misses. */
@Tiered(name = "seq", l1 = Backend.class, l2 = Backend.class, read = ReadPolicy.SEQUENTIAL)
public interface SequentialCatalog extends Lookup {}
