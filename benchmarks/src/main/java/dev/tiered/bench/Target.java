package dev.tiered.bench;

import java.util.Locale;

/**
 * A target for a ratio, and how a ratio and its error meet it. A ratio that meets the target is a pass; one that
 * meets it only once its error bar is allowed for is "pass (within error)" while the bar is within 25% of the ratio,
 * and "inconclusive" beyond: a loaded machine must not pass a miss.
 */
abstract class Target {
  /** Above this relative error (of the ratio), a verdict that needs the error to pass is not trusted. */
  private static final double NOISY = 0.25;

  /** What the target column shows, e.g. {@code ≤ 1.50}. */
  final String text;

  Target(String text) {
    this.text = text;
  }

  /** "pass", "pass (within error)", "inconclusive", "FAIL", or {@code null} when there is no target. */
  abstract String judge(double ratio, double error);

  /** The ratio is at most {@code limit}. */
  static Target atMost(double limit) {
    return atMost(limit, "");
  }

  /** The ratio is at most {@code limit}; {@code note} follows the limit in the target column. */
  static Target atMost(double limit, String note) {
    return new Target("≤ " + limit(limit) + note) {
      @Override
      String judge(double ratio, double error) {
        return verdict(ratio <= limit, ratio - error <= limit, ratio, error);
      }
    };
  }

  /** The ratio is at least {@code limit}. */
  static Target atLeast(double limit) {
    return new Target("≥ " + limit(limit)) {
      @Override
      String judge(double ratio, double error) {
        return verdict(ratio >= limit, ratio + error >= limit, ratio, error);
      }
    };
  }

  /** A limit as the target column shows it, always to two decimals: {@code 0.50}, {@code 1.05}, {@code 5.00}. */
  private static String limit(double limit) {
    return String.format(Locale.ROOT, "%.2f", limit);
  }

  /** No target: the row is there for information. */
  static Target info() {
    return new Target("—") {
      @Override
      String judge(double ratio, double error) {
        return null;
      }
    };
  }

  /**
   * A count of bytes at most {@code limit}, shown as {@code text}. Allocation per call is as good as exact once
   * compiled (JMH's {@code gc.alloc.rate.norm}), so there is no error bar to allow for; the count is judged to the
   * nearest byte, as it carries a fraction of a byte of JMH's own allocations spread over millions of calls (24.003
   * B/op), while an object allocated on every call is at least 16 bytes.
   */
  static Target bytesAtMost(double limit, String text) {
    return new Target(text) {
      @Override
      String judge(double bytes, double error) {
        return Math.round(bytes) <= limit ? "pass" : "FAIL";
      }
    };
  }

  /**
   * A pass when the ratio itself meets the target; "within error" when only the error bar reaches it and the bar is
   * narrow; "inconclusive" when only a wide bar reaches it (a loaded machine), so that noise never passes a miss.
   */
  private static String verdict(boolean met, boolean metWithinError, double ratio, double error) {
    double relative = error / ratio;
    String noise = String.format(Locale.ROOT, "±%.0f%%", 100 * relative);
    if (met) {
      return relative > NOISY ? "pass (noisy " + noise + ")" : "pass";
    }
    if (metWithinError) {
      return relative > NOISY ? "inconclusive (" + noise + ")" : "pass (within error)";
    }
    return "FAIL";
  }
}
