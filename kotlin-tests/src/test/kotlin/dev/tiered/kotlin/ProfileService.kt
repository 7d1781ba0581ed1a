package dev.tiered.kotlin

import dev.tiered.Bulk
import dev.tiered.Bypass
import dev.tiered.Cached
import dev.tiered.Invalidate
import dev.tiered.ReadPolicy
import dev.tiered.Tiered
import dev.tiered.runtime.CaffeineBackend
import dev.tiered.runtime.RedisBackend

/** A Kotlin service with suspend functions of every kind, beside a plain function; kapt runs Tiered on it. */
@Tiered(name = "profiles", l1 = CaffeineBackend::class, l2 = RedisBackend::class, ttl = "10m")
interface ProfileService {
  data class Profile(val id: Long, val name: String)

  suspend fun find(id: Long): Profile?

  @Bulk("find")
  suspend fun findAll(ids: Set<Long>): Map<Long, Profile>

  @Cached(read = ReadPolicy.RACE, ttl = "1m")
  suspend fun byName(name: String): List<Profile>

  @Invalidate("find")
  suspend fun rename(id: Long, name: String)

  @Bypass
  suspend fun ping(id: Long): String

  fun plain(id: Long): String
}
