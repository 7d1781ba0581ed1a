package dev.tiered.bench;

import java.io.Serializable;

/**
 * The cached value: a small record, as a service would return it. Serializable only because JetCache's remote tier
 * is configured with Java serialization, its documented default; Tiered writes it with Kryo.
 */
public record User(long id, String name, String email, Kind kind, long createdAtMillis) implements Serializable {
  private static final long serialVersionUID = 1L;
}
