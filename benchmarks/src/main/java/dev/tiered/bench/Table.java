package dev.tiered.bench;

import dev.tiered.bench.Report.Score;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's table: rows that compare one benchmark's score with a baseline's from the same run, each with its
 * target and verdict, in sections; then every score. {@link Targets} says which rows there are; this class computes
 * and lays them out. A row whose benchmark has no score is left out of a filtered run and is an error in a complete
 * one.
 */
final class Table {
  private final Map<String, Score> scores;
  private final boolean complete;
  private final List<String> rows = new ArrayList<>();
  private String pendingSection;
  private int passed;
  private int failed;
  private int inconclusive;
  /** Rows without a result in a complete run: a benchmark that failed, e.g. one of its checks. */
  int missing;

  /** The table of {@code scores}; when {@code complete}, every benchmark was run and a missing one is an error. */
  Table(Map<String, Score> scores, boolean complete) {
    this.scores = scores;
    this.complete = complete;
  }

  /** Starts a section; its title is written with its first row, so a section with no scores is left out. */
  void section(String title) {
    pendingSection = "| **" + title + "** | | | | | |";
  }

  /** A row of time per call of {@code subject} ÷ that of {@code baseline} (for throughputs, the inverse ratio). */
  void ratio(String label, String subject, String baseline, Target target) {
    compare(label, subject, baseline, false, target);
  }

  /**
   * A row of the throughput of {@code subject} ÷ that of {@code baseline}, both measured in operations per unit of
   * time: above 1.0 the subject is faster. The label says "throughput", as the table's ratios are otherwise of time.
   */
  void throughput(String label, String subject, String baseline, Target target) {
    compare(label + ", throughput", subject, baseline, true, target);
  }

  private void compare(String label, String subject, String baseline, boolean throughput, Target target) {
    Score a = scores.get(subject);
    Score b = scores.get(baseline);
    if (a == null || b == null) {
      noResult(label, a == null ? subject : baseline);
      return;
    }
    double ratio = throughput ? b.time() / a.time() : a.time() / b.time();
    double error = ratio * (a.relativeError() + b.relativeError());
    if (Double.isNaN(error)) {
      row(label, a.formatted(), b.formatted(), Report.number(ratio), target, target.judge(ratio, 0));
    } else {
      row(label, a.formatted(), b.formatted(), Report.number(ratio) + " ± " + Report.number(error), target,
          target.judge(ratio, error));
    }
  }

  /** A row of how much time per call {@code subject} saves over {@code baseline}, for information. */
  void saving(String label, String subject, String baseline) {
    Score a = scores.get(subject);
    Score b = scores.get(baseline);
    if (a == null || b == null || !a.unit().equals(b.unit())) {
      return;
    }
    row(label, a.formatted(), b.formatted(),
        Report.number(b.score() - a.score()) + " " + a.unit().replace("/op", ""), Target.info(), null);
  }

  /**
   * A row of the bytes {@code subject} allocates per call, judged by {@code target} on that count alone; {@code
   * baseline}'s bytes are shown beside it for comparison, with the ratio of the two.
   */
  void bytes(String label, String subject, String baseline, Target target) {
    Score a = scores.get(subject);
    Score b = scores.get(baseline);
    if (a == null || Double.isNaN(a.bytesPerOp())) {
      noResult(label, subject);
      return;
    }
    boolean compared = b != null && !Double.isNaN(b.bytesPerOp());
    String baselineText = compared ? Report.number(b.bytesPerOp()) + " B/op" : "";
    String ratio = compared && b.bytesPerOp() != 0 ? Report.number(a.bytesPerOp() / b.bytesPerOp()) : "";
    row(label, Report.number(a.bytesPerOp()) + " B/op", baselineText, ratio, target,
        target.judge(a.bytesPerOp(), 0));
  }

  /**
   * A row of the bytes {@code subject} allocates per call beyond what {@code baseline} allocates, at most {@code
   * allowance}.
   */
  void bytesBeyond(String label, String subject, String baseline, long allowance) {
    Score a = scores.get(subject);
    Score b = scores.get(baseline);
    if (a == null || Double.isNaN(a.bytesPerOp()) || b == null || Double.isNaN(b.bytesPerOp())) {
      noResult(label, a == null || Double.isNaN(a.bytesPerOp()) ? subject : baseline);
      return;
    }
    double beyond = a.bytesPerOp() - b.bytesPerOp();
    Target target = Target.bytesAtMost(allowance, "≤ baseline + " + allowance + " B");
    row(label, Report.number(a.bytesPerOp()) + " B/op", Report.number(b.bytesPerOp()) + " B/op",
        (beyond > 0 ? "+" : "") + Report.number(beyond) + " B", target, target.judge(beyond, 0));
  }

  /** A row whose benchmark produced no score: an error in a complete run, left out of a filtered one. */
  private void noResult(String label, String benchmark) {
    if (complete) {
      missing++;
      row(label, "no result: " + benchmark + " failed, see the log", "", "", Target.info(), "FAIL");
    }
  }

  private void row(String label, String score, String baseline, String ratio, Target target, String result) {
    if (pendingSection != null) {
      rows.add(pendingSection);
      pendingSection = null;
    }
    if (result != null && result.startsWith("pass")) {
      passed++;
    } else if (result != null && result.startsWith("FAIL")) {
      failed++;
    } else if (result != null && result.startsWith("inconclusive")) {
      inconclusive++;
    }
    rows.add("| " + label + " | " + score + " | " + baseline + " | " + ratio + " | " + target.text + " | "
        + (result == null ? "info" : result) + " |");
  }

  /** The report in Markdown: the run's settings, the rows, the tally, and every score. */
  String render(String settings, Duration took) {
    StringBuilder out = new StringBuilder();
    out.append("# Tiered benchmarks\n\n");
    out.append(settings).append("; took ").append(took.toString().substring(2).toLowerCase(Locale.ROOT))
        .append(".\n\n");
    out.append("Ratios are of time per call (below 1.0: the first is faster), except in rows that say throughput:\n"
        + "those are of calls per unit of time (above 1.0: the first is faster). Indicative only on a shared\n"
        + "machine.\n\n");
    out.append("| benchmark | score | baseline | ratio | target | result |\n");
    out.append("|---|---|---|---|---|---|\n");
    rows.forEach(row -> out.append(row).append('\n'));
    out.append('\n').append(passed).append(" passed, ").append(failed).append(" failed");
    out.append(missing > 0 ? ", " + missing + " without a result" : "");
    out.append(inconclusive > 0 ? " (" + inconclusive + " inconclusive: rerun on a quiet machine)\n\n" : "\n\n");
    out.append("## Every score\n\n");
    out.append("Allocated: `gc.alloc.rate.norm`. CPU: the benchmark JVM's CPU time per call, all its threads (for\n"
        + "the Redis benchmarks, the client side only); steadier than the score when other work competes for the\n"
        + "cores.\n\n");
    out.append("| benchmark | score | allocated | CPU |\n|---|---|---|---|\n");
    scores.values().stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(s -> out.append("| ").append(s.name()).append(" | ").append(s.formatted()).append(" | ")
            .append(Double.isNaN(s.bytesPerOp()) ? "" : Report.number(s.bytesPerOp()) + " B/op").append(" | ")
            .append(Double.isNaN(s.cpuPerOp()) ? "" : Report.number(s.cpuPerOp()) + " ns/op").append(" |\n"));
    return out.toString();
  }
}
