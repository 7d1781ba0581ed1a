package dev.tiered.runtime;

/** Thrown when a stored entry cannot be decoded: a truncated header, an unknown format, or a payload that fails. */
public final class CorruptEntryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says what was wrong with the stored bytes. */
  public CorruptEntryException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the decoder's own failure. */
  public CorruptEntryException(String message, Throwable cause) {
    super(message, cause);
  }
}
