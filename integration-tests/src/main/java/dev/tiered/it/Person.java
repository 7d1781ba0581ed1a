package dev.tiered.it;

/** A cached value of the foundation tests. */
public record Person(long id, String name, int version) {}
