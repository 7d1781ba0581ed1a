package dev.tiered.bench;

import dev.tiered.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the whole suite and prints the table: each benchmark's score, its baseline measured in the same run, the
 * ratio, the target and whether it is met. Starts its own {@code redis-server} on a free port for the forks.
 *
 * <pre>
 * java [-Dquick=true] -cp benchmarks/target/tiered-benchmarks.jar dev.tiered.bench.Report
 * </pre>
 *
 * <p>System properties: {@code quick} (2 × 0.5 s warm-up, 2 × 0.5 s measurement: about two minutes), or each of
 * {@code forks}, {@code warmupIterations}, {@code warmupTime}, {@code iterations}, {@code time} (times as JMH writes
 * them: {@code 1s}, {@code 500ms}); {@code include} (a regular expression of benchmarks, e.g. {@code L1Hit});
 * {@code verbosity} ({@code SILENT}, {@code NORMAL}, {@code EXTRA}); {@code results} (the directory of {@code
 * latest.md} and {@code jmh.json}, by default {@code benchmarks/results} or {@code results} from inside the module).
 *
 * <p>Which rows the table has, and their targets, is {@link Targets}' business; how a row is computed and laid out,
 * {@link Table}'s; how a ratio meets its target, {@link Target}'s.
 *
 * <p>A ratio is of times per call, so below 1.0 the subject is faster than its baseline; except in the rows that say
 * throughput, where it is of throughputs, so above 1.0 the subject is faster. Its error is the sum of the two
 * scores' relative errors (JMH's 99.9% intervals). A target met only once that error is allowed for is "pass (within
 * error)" while the error is within 25% of the ratio, and "inconclusive" beyond: a loaded machine must not pass a
 * miss.
 */
public final class Report {
  private static final String PACKAGE = "dev.tiered.bench.";

  private Report() {}

  public static void main(String[] args) throws RunnerException, IOException {
    boolean quick = Boolean.getBoolean("quick");
    int forks = Integer.getInteger("forks", 1);
    int warmupIterations = Integer.getInteger("warmupIterations", quick ? 2 : 3);
    String warmupTime = System.getProperty("warmupTime", quick ? "500ms" : "1s");
    int iterations = Integer.getInteger("iterations", quick ? 2 : 5);
    String time = System.getProperty("time", quick ? "500ms" : "1s");
    String include = System.getProperty("include", "");
    VerboseMode verbosity = VerboseMode.valueOf(System.getProperty("verbosity", "NORMAL").toUpperCase(Locale.ROOT));
    Path results = resultsDirectory();
    Files.createDirectories(results);

    String settings = String.format(Locale.ROOT,
        "%d fork(s), warm-up %d × %s, measurement %d × %s%s; %d cores; %s %s",
        forks, warmupIterations, warmupTime, iterations, time, quick ? " (quick)" : "",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"));
    Instant start = Instant.now();
    Collection<RunResult> runs;
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      ChainedOptionsBuilder options = new OptionsBuilder()
          .include(include.isEmpty() ? PACKAGE.replace(".", "\\.") + "\\w+Benchmark\\." : include)
          .forks(forks)
          .warmupIterations(warmupIterations)
          .warmupTime(TimeValue.fromString(warmupTime))
          .measurementIterations(iterations)
          .measurementTime(TimeValue.fromString(time))
          // Prepended, so that the heap settings the benchmarks append stay in force.
          .jvmArgsPrepend("-D" + Redis.PROPERTY + "=" + redis.uri())
          .addProfiler(GCProfiler.class)
          .addProfiler(CpuTimeProfiler.class)
          // A benchmark that fails (e.g. its check that every call hit) leaves its row "no result"; the rest run.
          .shouldFailOnError(false)
          .verbosity(verbosity)
          .resultFormat(ResultFormatType.JSON)
          .result(results.resolve("jmh.json").toString());
      runs = new Runner(options.build()).run();
    }
    Duration took = Duration.between(start, Instant.now()).truncatedTo(ChronoUnit.SECONDS);

    Table table = new Table(scores(runs), include.isEmpty());
    Targets.addRows(table);
    String text = table.render(settings, took);
    System.out.println();
    System.out.println(text);
    Path latest = results.resolve("latest.md");
    Files.writeString(latest, text);
    System.out.println("Written to " + latest.toAbsolutePath().normalize());
    if (table.missing > 0) {
      // Verdicts are indicative (a shared machine); a benchmark that produced nothing is a broken suite.
      System.exit(1);
    }
  }

  private static Path resultsDirectory() {
    String given = System.getProperty("results");
    if (given != null) {
      return Path.of(given);
    }
    return Files.isDirectory(Path.of("benchmarks", "src")) ? Path.of("benchmarks", "results") : Path.of("results");
  }

  // ------------------------------------------------------------------ scores

  /** One benchmark's primary score and allocation, e.g. {@code L1HitBenchmark.findGenerated}. */
  record Score(
      String name, double score, double error, String unit, boolean throughput, double bytesPerOp, double cpuPerOp) {

    /** Time per call, for ratios: the inverse of a throughput. */
    double time() {
      return throughput ? 1 / score : score;
    }

    /** The relative error of the score (and so of its inverse); NaN when JMH had too few iterations for one. */
    double relativeError() {
      return Math.abs(error / score);
    }

    String formatted() {
      String e = Double.isNaN(error) ? "" : " ± " + number(error);
      return number(score) + e + " " + unit;
    }
  }

  static Map<String, Score> scores(Collection<RunResult> runs) {
    Map<String, Score> scores = new HashMap<>();
    for (RunResult run : runs) {
      String name = run.getParams().getBenchmark();
      if (name.startsWith(PACKAGE)) {
        name = name.substring(PACKAGE.length());
      }
      Result<?> primary = run.getPrimaryResult();
      double bytes = Double.NaN;
      double cpu = Double.NaN;
      for (String secondary : run.getSecondaryResults().keySet()) {
        Result<?> result = run.getSecondaryResults().get(secondary);
        if (secondary.endsWith("gc.alloc.rate.norm")) {
          bytes = result.getScore();
        } else if (secondary.endsWith("cpu.time.norm")) {
          cpu = result.getScore();
        }
      }
      boolean throughput = primary.getScoreUnit().startsWith("ops/");
      scores.put(name, new Score(name, primary.getScore(), primary.getScoreError(), primary.getScoreUnit(),
          throughput, bytes, cpu));
    }
    return scores;
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
