package dev.tiered.runtime.internal;

/**
 * Makes text from outside (keys built from callers' arguments, server replies) safe to put in a log line: control
 * characters and line breaks are written as escapes, so an argument can never forge a line of its own.
 */
public final class LogText {
  private LogText() {}

  /** {@code text} with every control character written as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
