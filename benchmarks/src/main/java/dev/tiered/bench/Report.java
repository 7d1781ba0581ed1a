package dev.tiered.bench;

import dev.tiered.runtime.CacheKey;
import dev.tiered.testing.RedisServerProcess;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
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
 * <p>A ratio is always a ratio of times per call (for throughput, the inverse ratio of throughputs), so below 1.0
 * the subject is faster than its baseline. Its error is the sum of the two scores' relative errors (JMH's 99.9%
 * intervals). A target met only once that error is allowed for is "pass (within error)" while the error is within
 * 25% of the ratio, and "inconclusive" beyond: a loaded machine must not pass a miss.
 */
public final class Report {
  private static final String PACKAGE = "dev.tiered.bench.";
  /** Added to the key's size: what an L1 hit may allocate besides the key itself. */
  private static final long ALLOCATION_ALLOWANCE = 32;

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

  // ------------------------------------------------------------------ the table

  /** The rows of the report, in the order of the list. */
  static final class Table {
    private final Map<String, Score> scores;
    private final List<String> rows = new ArrayList<>();
    private int passed;
    private int failed;
    private int inconclusive;
    private String pendingSection;
    private final boolean complete;
    int missing;

    /** The table of {@code scores}; when {@code complete}, every benchmark was run and a missing one is an error. */
    Table(Map<String, Score> scores, boolean complete) {
      this.scores = scores;
      this.complete = complete;
    }

    String render(String settings, Duration took) {
      String l1 = "L1HitBenchmark.";
      for (String method : List.of("find", "search")) {
        String shape = method.equals("find") ? "find(long)" : "search(String, Kind)";
        String generated = l1 + method + "Generated";
        section("1. L1 hit, " + shape + ", 1 thread");
        ratio("generated ÷ hand-written String key", generated, l1 + method + "HandWritten", atMost(1.0));
        ratio("generated ÷ boxed-key floor", generated, l1 + method + "BoxedFloor", atMost(1.5));
        ratio("generated ÷ no cache (the bare delegate)", generated, l1 + method + "NoCache", info());
        ratio("Spring @Cacheable ÷ generated", l1 + method + "Spring", generated, atLeast(5.0));
        ratio("JetCache @Cached(BOTH) ÷ generated", l1 + method + "JetCache", generated, atLeast(5.0));
        ratio("JetCache MultiLevelCache API ÷ generated", l1 + method + "JetCacheApi", generated, atLeast(5.0));
      }
      section("2. L2 hit (loopback Redis, L1 always misses)");
      ratio("generated ÷ raw Jedis GET + ValueCodec/Kryo decode", "L2HitBenchmark.generated",
          "L2HitBenchmark.rawJedisKryo", atMost(1.1));
      section("3. Miss: L1 + Redis GET miss, delegate, Caffeine put + Redis SET PX");
      ratio("generated ÷ hand-written", "MissBenchmark.generated", "MissBenchmark.handWritten", info());
      section("4. Allocation per L1 hit (gc.alloc.rate.norm)");
      allocation(generated("find"), l1 + "findHandWritten", "FindKey");
      allocation(generated("search"), l1 + "searchHandWritten", "SearchKey");
      section("5. Read with a slow L1 (" + RaceBenchmark.DELAY_MICROS + " µs per call) and L2 holding the entry");
      ratio("RACE ÷ SEQUENTIAL", "RaceBenchmark.race", "RaceBenchmark.sequential", atMost(1.0));
      saving("latency RACE saves per call", "RaceBenchmark.race", "RaceBenchmark.sequential");
      ratio("RACE ÷ the faster tier alone (raw Jedis + decode)", "RaceBenchmark.race",
          "L2HitBenchmark.rawJedisKryo", info());
      section("6. Two threads, L1 hits on Zipf-distributed keys (throughput)");
      ratio("generated ÷ hand-written String key", "TwoThreadsBenchmark.generated",
          "TwoThreadsBenchmark.handWritten", atMost(1.0));
      ratio("generated ÷ boxed-key floor", "TwoThreadsBenchmark.generated", "TwoThreadsBenchmark.boxedFloor",
          atMost(1.5));
      section("7. Bulk read of " + BulkBenchmark.IDS + " ids, " + BulkBenchmark.IN_L1
          + " in L1, the rest only in Redis");
      ratio("@Bulk findAll ÷ a loop of " + BulkBenchmark.IDS + " find calls", "BulkBenchmark.bulkGenerated",
          "BulkBenchmark.loopGenerated", atMost(1.0));
      ratio("@Bulk findAll ÷ hand-written getAllPresent + MGET", "BulkBenchmark.bulkGenerated",
          "BulkBenchmark.handWritten", info());

      StringBuilder out = new StringBuilder();
      out.append("# Tiered benchmarks\n\n");
      out.append(settings).append("; took ").append(took.toString().substring(2).toLowerCase(Locale.ROOT))
          .append(".\n\n");
      out.append("Ratios are of time per call (below 1.0: the first is faster). Indicative only on a shared machine.\n\n");
      out.append("| benchmark | score | baseline | ratio | target | result |\n");
      out.append("|---|---|---|---|---|---|\n");
      rows.forEach(row -> out.append(row).append('\n'));
      out.append('\n').append(passed).append(" passed, ").append(failed).append(" failed");
      out.append(missing > 0 ? ", " + missing + " without a result" : "");
      out.append(inconclusive > 0 ? " (" + inconclusive + " inconclusive: rerun on a quiet machine)\n\n" : "\n\n");
      out.append("## Every score\n\n");
      out.append("Allocated: `gc.alloc.rate.norm`. CPU: the benchmark JVM's CPU time per call, all its threads (for the\n"
          + "Redis benchmarks, the client side only); steadier than the score when other work competes for the cores.\n\n");
      out.append("| benchmark | score | allocated | CPU |\n|---|---|---|---|\n");
      scores.values().stream()
          .sorted((a, b) -> a.name().compareTo(b.name()))
          .forEach(s -> out.append("| ").append(s.name()).append(" | ").append(s.formatted()).append(" | ")
              .append(Double.isNaN(s.bytesPerOp()) ? "" : number(s.bytesPerOp()) + " B/op").append(" | ")
              .append(Double.isNaN(s.cpuPerOp()) ? "" : number(s.cpuPerOp()) + " ns/op").append(" |\n"));
      return out.toString();
    }

    private static String generated(String method) {
      return "L1HitBenchmark." + method + "Generated";
    }

    /** Starts a section; its title is written with its first row, so a section with no scores is left out. */
    private void section(String title) {
      pendingSection = "| **" + title + "** | | | | | |";
    }

    private void ratio(String label, String subject, String baseline, Target target) {
      Score a = scores.get(subject);
      Score b = scores.get(baseline);
      if (a == null || b == null) {
        noResult(label, a == null ? subject : baseline);
        return;
      }
      double ratio = a.time() / b.time();
      double error = ratio * (a.relativeError() + b.relativeError());
      if (Double.isNaN(error)) {
        row(label, a.formatted(), b.formatted(), number(ratio), target, target.judge(ratio, 0));
      } else {
        row(label, a.formatted(), b.formatted(), number(ratio) + " ± " + number(error), target,
            target.judge(ratio, error));
      }
    }

    private void saving(String label, String subject, String baseline) {
      Score a = scores.get(subject);
      Score b = scores.get(baseline);
      if (a == null || b == null || !a.unit().equals(b.unit())) {
        return;
      }
      row(label, a.formatted(), b.formatted(), number(b.score() - a.score()) + " " + a.unit().replace("/op", ""),
          info(), null);
    }

    private void allocation(String subject, String baseline, String keyClass) {
      Score a = scores.get(subject);
      Score b = scores.get(baseline);
      if (a == null || Double.isNaN(a.bytesPerOp())) {
        noResult(subject.substring(subject.indexOf('.') + 1) + " allocation", subject);
        return;
      }
      long key = keySize(keyClass);
      long limit = key + ALLOCATION_ALLOWANCE;
      String baselineText = b == null || Double.isNaN(b.bytesPerOp()) ? "" : number(b.bytesPerOp()) + " B/op";
      String ratio = b == null || Double.isNaN(b.bytesPerOp()) || b.bytesPerOp() == 0
          ? "" : number(a.bytesPerOp() / b.bytesPerOp());
      Target target = new Target("≤ key " + key + " B + " + ALLOCATION_ALLOWANCE + " = " + limit + " B") {
        @Override
        String judge(double value, double error) {
          return value <= limit ? "pass" : "FAIL";
        }
      };
      row(subject.substring(subject.indexOf('.') + 1) + " (baseline: " + baseline.substring(baseline.indexOf('.') + 1)
              + ")", number(a.bytesPerOp()) + " B/op", baselineText, ratio, target, target.judge(a.bytesPerOp(), 0));
    }

    /** A row whose benchmark produced no score: an error in a complete run, left out of a filtered one. */
    private void noResult(String label, String benchmark) {
      if (complete) {
        missing++;
        row(label, "no result: " + benchmark + " failed, see the log", "", "", info(), "FAIL");
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
  }

  /** A target for a ratio, and how a ratio and its error meet it. */
  abstract static class Target {
    final String text;

    Target(String text) {
      this.text = text;
    }

    /** "pass", "pass (within error)", "FAIL", or {@code null} when there is no target. */
    abstract String judge(double ratio, double error);
  }

  /** Above this relative error (of the ratio), a verdict that needs the error to pass is not trusted. */
  private static final double NOISY = 0.25;

  static Target atMost(double limit) {
    return new Target("≤ " + number(limit)) {
      @Override
      String judge(double ratio, double error) {
        return verdict(ratio <= limit, ratio - error <= limit, ratio, error);
      }
    };
  }

  static Target atLeast(double limit) {
    return new Target("≥ " + number(limit)) {
      @Override
      String judge(double ratio, double error) {
        return verdict(ratio >= limit, ratio + error >= limit, ratio, error);
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

  static Target info() {
    return new Target("—") {
      @Override
      String judge(double ratio, double error) {
        return null;
      }
    };
  }

  // ------------------------------------------------------------------ the key's size

  /**
   * The size in bytes of an instance of the generated key class named {@code simpleName} (a nested class of {@code
   * TieredUserService}), as HotSpot lays it out with compressed class pointers and oops (the default below a 32 GB
   * heap; the forks run with 1 GB): a 12-byte header, each field at its size (a reference at 4), rounded up to 8.
   * For the keys here (a few longs, ints and references) no field leaves a gap, so this is the exact size; e.g. a
   * key of one {@code long} is 12 + 4 (space) + 8 (generation) + 4 (hash) + 8 (id) = 36, so 40 bytes.
   */
  static long keySize(String simpleName) {
    for (Class<?> nested : TieredUserService.class.getDeclaredClasses()) {
      if (nested.getSimpleName().equals(simpleName) && CacheKey.class.isAssignableFrom(nested)) {
        long bytes = 12;
        for (Class<?> c = nested; c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field field : c.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
              bytes += fieldSize(field.getType());
            }
          }
        }
        return (bytes + 7) & ~7L;
      }
    }
    throw new IllegalStateException("TieredUserService has no key class " + simpleName);
  }

  private static int fieldSize(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    } else if (type == int.class || type == float.class) {
      return 4;
    } else if (type == short.class || type == char.class) {
      return 2;
    } else if (type == byte.class || type == boolean.class) {
      return 1;
    }
    return 4;
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
