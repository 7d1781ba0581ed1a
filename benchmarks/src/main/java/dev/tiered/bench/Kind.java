package dev.tiered.bench;

/** The kind of account a search asks for: the enum half of the two-argument key. */
public enum Kind {
  PERSON,
  TEAM,
  SERVICE,
  ROBOT
}
