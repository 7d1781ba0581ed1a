package dev.tiered.runtime.internal;

import dev.tiered.runtime.Entry;

/**
 * A live entry and the tier it came from: the outcome of a read that ran both tiers.
 *
 * @param entry the entry
 * @param tier the tier that answered
 * @param <V> the value's type
 */
public record Hit<V>(Entry<V> entry, Tier tier) {

  /** The entry's value. */
  public V value() {
    return entry.value();
  }
}
