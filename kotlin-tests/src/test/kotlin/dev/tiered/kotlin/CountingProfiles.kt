package dev.tiered.kotlin

import dev.tiered.kotlin.ProfileService.Profile
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay

/**
 * The delegate: a store of profiles behind suspend functions that take [latencyMillis], counting its calls and how
 * many of them run at once. A [gate] holds every `find` until it completes; a [failure] is thrown by `find` instead.
 */
class CountingProfiles(private val latencyMillis: Long = 20) : ProfileService {
  private val names = ConcurrentHashMap<Long, String>()
  private val running = AtomicInteger()

  val calls = AtomicInteger()
  val plainCalls = AtomicInteger()
  val mostAtOnce = AtomicInteger()
  val started = CompletableDeferred<Unit>()
  @Volatile var gate: CompletableDeferred<Unit>? = null
  @Volatile var failure: RuntimeException? = null

  override suspend fun find(id: Long): Profile? {
    calls.incrementAndGet()
    mostAtOnce.accumulateAndGet(running.incrementAndGet(), ::maxOf)
    try {
      started.complete(Unit)
      gate?.await()
      delay(latencyMillis)
      failure?.let { throw it }
      return if (id < 0) null else Profile(id, names.getOrDefault(id, "user-$id"))
    } finally {
      running.decrementAndGet()
    }
  }

  val bulkCalls = AtomicInteger()
  val bulkIds = ConcurrentHashMap.newKeySet<Long>()

  override suspend fun findAll(ids: Set<Long>): Map<Long, Profile> {
    bulkCalls.incrementAndGet()
    bulkIds.addAll(ids)
    delay(latencyMillis)
    return ids.filter { it >= 0 }.associateWith { Profile(it, names.getOrDefault(it, "user-$it")) }
  }

  override suspend fun byName(name: String): List<Profile> {
    calls.incrementAndGet()
    delay(latencyMillis)
    return names.filterValues { it == name }.map { (id, n) -> Profile(id, n) }
  }

  override suspend fun rename(id: Long, name: String) {
    delay(latencyMillis)
    names[id] = name
  }

  override suspend fun ping(id: Long): String {
    calls.incrementAndGet()
    delay(1)
    return "pong-$id"
  }

  override fun plain(id: Long): String {
    plainCalls.incrementAndGet()
    return "plain-$id"
  }
}
