package dev.tiered.processor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration strings of the annotations: {@code 250ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or
 * ISO-8601, read into {@link Duration}s and written back in the same short form for messages and summaries.
 */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /** The positive duration {@code text} stands for, or {@code null} when it is malformed, zero or negative. */
  static Duration parse(String text) {
    String s = text.trim();
    Duration d;
    Matcher m = SHORT.matcher(s);
    if (m.matches()) {
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      switch (m.group(2)) {
        case "ms":
          d = Duration.ofMillis(n);
          break;
        case "s":
          d = Duration.ofSeconds(n);
          break;
        case "m":
          d = Duration.ofMinutes(n);
          break;
        case "h":
          d = Duration.ofHours(n);
          break;
        default:
          d = Duration.ofDays(n);
          break;
      }
    } else {
      try {
        d = Duration.parse(s.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    return d.isZero() || d.isNegative() ? null : d;
  }

  /** {@code d} in the short form users write: {@code 10m}, {@code 1m30s}, {@code 0.25s}. */
  static String format(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
