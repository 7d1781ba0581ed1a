package dev.tiered.kotlin

import dev.tiered.kotlin.ProfileService.Profile
import dev.tiered.runtime.CaffeineBackend
import dev.tiered.runtime.RedisBackend
import dev.tiered.testing.RedisServerProcess
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The decorator that Tiered wrote under kapt for [ProfileService], against a real redis-server: suspend functions
 * share one load per key, never block the caller's thread, survive a caller's cancellation, and pass the delegate's
 * exception on; another node reads what one loaded; invalidation removes the entry from both tiers.
 */
class SuspendFunctionsTest {
  companion object {
    private lateinit var redis: RedisServerProcess

    @JvmStatic
    @BeforeAll
    fun startRedis() {
      redis = RedisServerProcess.launch()
    }

    @JvmStatic
    @AfterAll
    fun stopRedis() {
      redis.close()
    }
  }

  private val backends = mutableListOf<RedisBackend>()

  @BeforeEach
  fun emptyRedis() {
    redis.flushAll()
  }

  @AfterEach
  fun closeBackends() {
    backends.forEach(RedisBackend::close)
  }

  /** A node: a decorator of [delegate] with an L1 of its own and a connection of its own to the shared Redis. */
  private fun node(delegate: ProfileService): TieredProfileService {
    val l2 = RedisBackend.connect(redis.uri())
    backends += l2
    return TieredProfileService(delegate, CaffeineBackend.create(1_000), l2)
  }

  @Test
  fun aBulkSuspendFunctionLoadsOnlyWhatNoTierHoldsInOneDelegateCall() = runBlocking {
    val delegate = CountingProfiles()
    val profiles = node(delegate)
    profiles.find(2)

    val all = profiles.findAll(linkedSetOf(1L, 2L, 3L))

    assertEquals(listOf(1L, 2L, 3L), all.keys.toList(), "in the order asked")
    assertEquals(Profile(3, "user-3"), all[3])
    assertEquals(1, delegate.bulkCalls.get(), "one bulk call of the delegate")
    assertEquals(setOf(1L, 3L), delegate.bulkIds, "with exactly the ids no tier held")
    assertEquals(Profile(1, "user-1"), profiles.find(1), "find hits what findAll loaded")
    assertEquals(1, delegate.calls.get(), "find itself was called once, for id 2")
    assertEquals(all, profiles.findAll(setOf(1L, 2L, 3L)))
    assertEquals(1, delegate.bulkCalls.get(), "the second bulk call is served by the tiers")
  }

  @Test
  fun twoCallsMakeOneDelegateCall() = runBlocking {
    val delegate = CountingProfiles()
    val profiles = node(delegate)

    assertEquals(Profile(1, "user-1"), profiles.find(1))
    assertEquals(Profile(1, "user-1"), profiles.find(1))

    assertEquals(1, delegate.calls.get())
    assertEquals(1, profiles.stats("find").l1Hits())
    assertEquals(1, profiles.stats("find").misses())
  }

  @Test
  fun hundredConcurrentCoroutinesOnOneKeyShareOneLoad() {
    val delegate = CountingProfiles(latencyMillis = 100)
    val profiles = node(delegate)

    val found = runBlocking(Dispatchers.Default) {
      (1..100).map { async { profiles.find(7) } }.awaitAll()
    }

    assertEquals(List(100) { Profile(7, "user-7") }, found)
    assertEquals(1, delegate.calls.get())
  }

  /**
   * Fifty keys on the single thread of a `runBlocking`, each a 100 ms suspending delegate call: had any caller blocked
   * that thread, the calls would run one after another. All fifty run at once, and every caller resumes on its own
   * thread.
   */
  @Test
  fun fiftyKeysOnOneThreadLoadAtOnce() {
    val delegate = CountingProfiles(latencyMillis = 100)
    val profiles = node(delegate)
    val testThread = Thread.currentThread()
    val resumedOn = mutableSetOf<Thread>()

    val started = System.nanoTime()
    val found = runBlocking {
      (1L..50L).map { id ->
        async {
          profiles.find(id).also { resumedOn += Thread.currentThread() }
        }
      }.awaitAll()
    }
    val tookMillis = (System.nanoTime() - started) / 1_000_000

    assertEquals((1L..50L).map { Profile(it, "user-$it") }, found)
    assertEquals(50, delegate.calls.get())
    assertEquals(50, delegate.mostAtOnce.get(), "delegate calls running at once")
    assertEquals(setOf(testThread), resumedOn)
    // One after another they would take 50 x 100 ms at least; at once, about 100 ms.
    assertTrue(tookMillis < 50 * 100, "took $tookMillis ms")
  }

  @Test
  fun cancellingTheFirstCallerLeavesTheLoadToTheSecond() {
    val delegate = CountingProfiles()
    val gate = CompletableDeferred<Unit>()
    delegate.gate = gate
    val profiles = node(delegate)

    runBlocking {
      val first = async { profiles.find(3) }
      val second = async { profiles.find(3) }
      withTimeout(5_000) { delegate.started.await() }

      // The first caller leaves at once, while the load it started still waits at the gate.
      first.cancelAndJoin()
      assertTrue(first.isCancelled)
      gate.complete(Unit)

      assertEquals(Profile(3, "user-3"), second.await())
    }
    assertEquals(1, delegate.calls.get())
    // The load was written to the tiers although the caller that started it had left.
    runBlocking { assertEquals(Profile(3, "user-3"), profiles.find(3)) }
    assertEquals(1, delegate.calls.get())
    assertEquals(1, profiles.stats("find").l1Hits())
  }

  @Test
  fun anotherNodeReadsL2() = runBlocking {
    val delegate = CountingProfiles()
    val first = node(delegate)
    val second = node(delegate)

    assertEquals(Profile(4, "user-4"), first.find(4))
    assertEquals(Profile(4, "user-4"), second.find(4))
    assertEquals(Profile(4, "user-4"), second.find(4))

    assertEquals(1, delegate.calls.get())
    assertEquals(1, second.stats("find").l2Hits())
    assertEquals(1, second.stats("find").l1Hits(), "refilled from L2")
  }

  @Test
  fun invalidationRemovesTheEntryFromBothTiers() = runBlocking {
    val delegate = CountingProfiles()
    val first = node(delegate)
    assertEquals(Profile(5, "user-5"), first.find(5))
    assertEquals(1, redis.keys("profiles:*find*").size)

    first.rename(5, "ada")

    assertEquals(emptySet<String>(), redis.keys("profiles:*find*"), "removed from L2 when rename returned")
    assertEquals(Profile(5, "ada"), first.find(5), "removed from L1")
    assertEquals(2, delegate.calls.get())
    // Another node, L1 empty, reads the new entry from L2.
    val second = node(delegate)
    assertEquals(Profile(5, "ada"), second.find(5))
    assertEquals(2, delegate.calls.get())
  }

  @Test
  fun theDelegatesExceptionReachesEveryWaitingCallerUnchanged() {
    val delegate = CountingProfiles(latencyMillis = 50)
    val failure = LookupFailed("profile 13 is gone")
    delegate.failure = failure
    val profiles = node(delegate)

    val thrown = runBlocking {
      (1..10).map {
        async {
          try {
            profiles.find(13)
            null
          } catch (e: LookupFailed) {
            e
          }
        }
      }.awaitAll()
    }

    thrown.forEach { assertSame(failure, it?.original()) }
    assertEquals(1, delegate.calls.get())
    // Not cached: the next call asks the delegate again.
    assertThrows<LookupFailed> { runBlocking { profiles.find(13) } }
    assertEquals(2, delegate.calls.get())
  }

  @Test
  fun overridesBypassNullsAndPlainFunctionsWorkAsForJava() = runBlocking {
    val delegate = CountingProfiles()
    val profiles = node(delegate)

    // @Cached(read = RACE, ttl = "1m") on a suspend function of a list
    assertEquals(emptyList<Profile>(), profiles.byName("nobody"))
    assertEquals(emptyList<Profile>(), profiles.byName("nobody"))
    assertEquals(1, profiles.stats("byName").misses())

    // @Bypass: the delegate every time
    assertEquals("pong-1", profiles.ping(1))
    assertEquals("pong-1", profiles.ping(1))

    // A null is not cached (cacheNulls is off): the delegate every time
    assertEquals(null, profiles.find(-1))
    assertEquals(null, profiles.find(-1))
    assertEquals(1 + 2 + 2, delegate.calls.get())

    // A plain function of the same interface is cached as for Java
    assertEquals("plain-2", profiles.plain(2))
    assertEquals("plain-2", profiles.plain(2))
    assertEquals(1, delegate.plainCalls.get())
  }

  class LookupFailed(message: String) : RuntimeException(message)

  /**
   * The exception as it was thrown. With assertions on (as in tests), kotlinx-coroutines' debug mode may hand the
   * caller a copy with a fuller stack trace, whose cause is the original; without them, the caller gets the original.
   */
  private fun Throwable.original(): Throwable =
    if (cause != null && cause!!::class == this::class && cause!!.message == message) cause!! else this
}
