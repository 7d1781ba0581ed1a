package dev.tiered.examples.kotlin

import dev.tiered.Cached
import dev.tiered.Invalidate
import dev.tiered.Key
import dev.tiered.Tiered
import dev.tiered.runtime.CaffeineBackend
import dev.tiered.runtime.RedisBackend

/**
 * A weather service of suspend functions. kapt hands Tiered a Java stub of it, and Tiered writes
 * `TieredWeatherService`: each suspend function is read from the tiers, or loaded once for every caller of its key,
 * without blocking a thread.
 */
@Tiered(name = "weather", l1 = CaffeineBackend::class, l2 = RedisBackend::class, ttl = "10m", l1Ttl = "1m")
interface WeatherService {
  data class Forecast(val city: String, val celsius: Int, val summary: String)

  /** The forecast of [city]; [requestId] is for the logs only, so it is not part of the key. */
  suspend fun forecast(@Key city: String, requestId: String): Forecast

  /** Alerts change fast: cached for 30 seconds. */
  @Cached(ttl = "30s")
  suspend fun alerts(region: String): List<String>

  /** A station's reading corrects the forecast of its city: the cached one is removed from both tiers. */
  @Invalidate("forecast")
  suspend fun report(city: String, celsius: Int)
}
