package dev.tiered.examples.kotlin

import dev.tiered.testing.RedisServerProcess
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The demo runs to its end against a real Redis, and its calls cost what it says. */
class DemoTest {
  @Test
  fun demoRuns() {
    val output = ByteArrayOutputStream()
    val standardOut = System.out
    RedisServerProcess.launch().use { redis ->
      System.setProperty("redis.url", redis.uri())
      System.setOut(PrintStream(output, true))
      try {
        main()
      } finally {
        System.setOut(standardOut)
        System.clearProperty("redis.url")
      }
    }
    val lines = output.toString().lines()
    fun remoteCalls(label: String): String =
      lines.first { it.startsWith(label) }.substringAfter("remote calls ").substringBefore(" ")

    assertTrue(remoteCalls("app1.forecast(Oslo) again") == "0", output.toString())
    assertTrue(remoteCalls("app2.forecast(Oslo)") == "0", output.toString())
    assertTrue(remoteCalls("100 coroutines") == "1", output.toString())
    assertTrue(remoteCalls("a caller of forecast(Cairo)") == "1", output.toString())
    assertTrue(remoteCalls("app1.forecast(Cairo): joins") == "0", output.toString())
    assertTrue(remoteCalls("app1.forecast(Oslo) after the report") == "1", output.toString())
  }
}
