package dev.tiered.examples.kotlin

import dev.tiered.runtime.CaffeineBackend
import dev.tiered.runtime.RedisBackend
import java.io.IOException
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.net.URI
import java.nio.file.Path
import kotlin.time.measureTimedValue
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import redis.clients.jedis.JedisPooled
import redis.clients.jedis.params.ScanParams

/**
 * Calls the generated `TieredWeatherService` from coroutines and prints what each call cost and how often the slow
 * remote API was asked. Redis: `REDIS_URL` (or the system property `redis.url`) when set, else 127.0.0.1:6379 when it
 * answers, else a `redis-server` from the PATH started on a free port.
 */
fun main() {
  val redis = SharedRedis.find()
  println("Shared tier (L2): ${redis.description}")
  redis.forgetEarlierRuns()
  val remote = RemoteWeather(latencyMillis = 300)
  try {
    RedisBackend.connect(redis.uri).use { l2 ->
      RedisBackend.connect(redis.uri).use { otherL2 -> demo(remote, l2, otherL2) }
    }
  } finally {
    redis.close()
  }
}

private fun demo(remote: RemoteWeather, l2: RedisBackend, otherL2: RedisBackend) = runBlocking {
  val app1 = TieredWeatherService(remote, CaffeineBackend.create(1_000), l2)
  val app2 = TieredWeatherService(remote, CaffeineBackend.create(1_000), otherL2)

  suspend fun <T> call(label: String, block: suspend () -> T) {
    val before = remote.calls.get()
    val (result, took) = measureTimedValue { block() }
    val millis = took.inWholeMicroseconds / 1000.0
    println("%-52s %8.1f ms  remote calls %d  -> %s".format(label, millis, remote.calls.get() - before, result))
  }

  call("app1.forecast(Oslo)") { app1.forecast("Oslo", "req-1") }
  call("app1.forecast(Oslo) again, another request id") { app1.forecast("Oslo", "req-2") }
  call("app2.forecast(Oslo): its own L1 is empty, L2 has it") { app2.forecast("Oslo", "req-3") }
  call("100 coroutines: app1.forecast(Lisbon) at once") {
    (1..100).map { async { app1.forecast("Lisbon", "req-$it") } }.awaitAll().distinct()
  }
  call("a caller of forecast(Cairo) gives up after 50 ms") {
    try {
      withTimeout(50) { app1.forecast("Cairo", "impatient") }
    } catch (e: TimeoutCancellationException) {
      "cancelled; the load goes on for others"
    }
  }
  call("app1.forecast(Cairo): joins the load still running") { app1.forecast("Cairo", "patient") }
  call("app1.alerts(north)") { app1.alerts("north") }
  call("app1.report(Oslo, 25): removes Oslo from both tiers") { app1.report("Oslo", 25) }
  call("app1.forecast(Oslo) after the report") { app1.forecast("Oslo", "req-4") }

  println()
  println("app1 ${app1.stats()}")
  println("app2 ${app2.stats()}")
  val generated = "examples-kotlin/target/generated-sources/kapt/compile/dev/tiered/examples/kotlin/" +
    "TieredWeatherService.java"
  println("Generated source: ${Path.of(generated).toAbsolutePath().normalize()}")
}

/** The Redis the demo found or started, and the server to stop afterwards. */
private class SharedRedis(val uri: String, val description: String, private val server: Process?) : AutoCloseable {
  /** The demo starts from an empty cache, so that its first calls show misses. */
  fun forgetEarlierRuns() {
    JedisPooled(URI.create(uri)).use { jedis ->
      var cursor = ScanParams.SCAN_POINTER_START
      do {
        val page = jedis.scan(cursor, ScanParams().match("weather:*").count(500))
        page.result.forEach { jedis.del(it) }
        cursor = page.cursor
      } while (cursor != ScanParams.SCAN_POINTER_START)
    }
  }

  override fun close() {
    server?.destroy()
  }

  companion object {
    fun find(): SharedRedis {
      val url = System.getProperty("redis.url") ?: System.getenv("REDIS_URL")
      if (!url.isNullOrBlank()) return SharedRedis(url, "Redis at $url", null)
      if (answers(6379)) return SharedRedis("redis://127.0.0.1:6379", "Redis at 127.0.0.1:6379", null)
      val port = ServerSocket(0).use { it.localPort }
      val server = try {
        ProcessBuilder("redis-server", "--port", "$port", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectErrorStream(true)
          .start()
      } catch (e: IOException) {
        error("No Redis: set REDIS_URL, run one on 127.0.0.1:6379, or install redis-server (${e.message})")
      }
      repeat(50) { if (!answers(port)) Thread.sleep(100) }
      check(answers(port)) { "redis-server did not start on port $port" }
      return SharedRedis("redis://127.0.0.1:$port", "redis-server started by the demo on port $port", server)
    }

    private fun answers(port: Int): Boolean = try {
      Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 200) }
      true
    } catch (e: IOException) {
      false
    }
  }
}
