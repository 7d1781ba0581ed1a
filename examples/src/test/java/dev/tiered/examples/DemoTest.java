package dev.tiered.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.testing.RedisServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the demo against a redis-server of its own and checks what it tells the user. */
class DemoTest {

  @Test
  void demoShowsEachTierAnsweringAndWhereTheGeneratedSourceIs() throws Exception {
    String output;
    Set<String> redisKeys;
    try (RedisServerProcess redis = RedisServerProcess.launch()) {
      System.setProperty("redis.url", redis.uri());
      PrintStream original = System.out;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
        System.setOut(out);
        Demo.main(new String[0]);
      } finally {
        System.setOut(original);
        System.clearProperty("redis.url");
      }
      output = captured.toString(StandardCharsets.UTF_8);
      original.println(output);
      redisKeys = redis.keys("*");
    }
    List<String> lines = output.lines().toList();

    assertTrue(output.contains("Shared tier (L2): Redis at redis://127.0.0.1:"), output);
    assertEquals("DELEGATE", answer(lines, "app1.product(B-1001) "));
    assertEquals("L1", answer(lines, "app1.product(B-1001) again"));
    assertEquals("L2", answer(lines, "app2.product(B-1001), a fresh L1"));
    assertEquals("L1", answer(lines, "app2.product(B-1001) again"));
    assertEquals("L1", answer(lines, "app1.stock(T-3001, request 2)"));
    assertEquals("DELEGATE", answer(lines, "app1.product(B-1001) after the change"));
    assertEquals("L2", answer(lines, "app2.product(B-1001) after app1's change"), "app1 told app2's L1");
    assertTrue(answerLine(lines, "app1.product(B-1001) after the change").contains("priceCents=3900"),
        "the repriced value is shown in full: " + output);
    assertEquals(0, tieredThreads(), "closing the decorators stopped every tiered-* thread: the demo exits at once");
    assertTrue(redisKeys.stream().allMatch(k -> k.startsWith(Demo.KEY_PREFIX)), "only prefixed keys: " + redisKeys);
    Matcher path = Pattern.compile("The generated decorator: (.+)").matcher(output);
    assertTrue(path.find(), output);
    assertTrue(Files.exists(Path.of(path.group(1).trim())), "the printed path exists: " + path.group(1));
  }

  private static final Pattern ANSWER = Pattern.compile("\\s(DELEGATE|L1|L2|STALE) \\(catalog\\.");

  private static long tieredThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("tiered-"))
        .count();
  }

  private static String answerLine(List<String> lines, String call) {
    return lines.stream().filter(line -> line.startsWith(call)).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + call + " in " + lines));
  }

  private static String answer(List<String> lines, String call) {
    for (String line : lines) {
      Matcher m = ANSWER.matcher(line);
      if (line.startsWith(call) && m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no line for " + call + " in " + lines);
  }
}
