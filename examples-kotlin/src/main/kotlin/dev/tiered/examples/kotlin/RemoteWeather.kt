package dev.tiered.examples.kotlin

import dev.tiered.examples.kotlin.WeatherService.Forecast
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.delay

/** The real implementation: a slow remote weather API, [latencyMillis] a call, counting its calls. */
class RemoteWeather(private val latencyMillis: Long) : WeatherService {
  private val readings = ConcurrentHashMap<String, Int>()
  val calls = AtomicInteger()

  override suspend fun forecast(city: String, requestId: String): Forecast {
    calls.incrementAndGet()
    delay(latencyMillis)
    val celsius = readings.getOrDefault(city, city.length * 3)
    return Forecast(city, celsius, if (celsius > 20) "sunny" else "cloudy")
  }

  override suspend fun alerts(region: String): List<String> {
    calls.incrementAndGet()
    delay(latencyMillis)
    return if (region == "north") listOf("storm warning") else emptyList()
  }

  override suspend fun report(city: String, celsius: Int) {
    delay(latencyMillis / 10)
    readings[city] = celsius
  }
}
