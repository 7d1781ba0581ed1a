package dev.tiered.runtime.internal;

import dev.tiered.runtime.Entry;

/**
 * A live entry and the tier it came from: the outcome of a read that ran both tiers.
 *
 * @param entry the entry
 * @param fromL2 whether L2 answered
 * @param <V> the value's type
 */
public record Hit<V>(Entry<V> entry, boolean fromL2) {

  /** The entry's value. */
  public V value() {
    return entry.value();
  }
}
