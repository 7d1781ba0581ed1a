package dev.tiered.runtime.kotlin.internal

import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.resume
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The bridge on its own; the decorators that call it are tested end to end in kotlin-tests. */
class SuspendBridgeTest {
  private suspend fun slowSquare(x: Int): Int {
    delay(20)
    return x * x
  }

  /** What generated Java does: `continuation -> delegate.find(id, continuation)`. */
  @Suppress("UNCHECKED_CAST")
  private fun <T> rawCall(function: suspend () -> T) = SuspendCall<T> { continuation ->
    (function as (Continuation<T>) -> Any?).invoke(continuation)
  }

  @Test
  fun startRunsTheSuspendCallToItsFuture() {
    val future = SuspendBridge.start(rawCall { slowSquare(7) })
    assertEquals(49, future.join())
  }

  @Test
  fun startAnswersAtOnceWhenTheCallDoesNotSuspend() {
    assertTrue(SuspendBridge.start(SuspendCall<String> { "now" }).isDone)
  }

  @Test
  fun startFailsItsFutureWithWhatTheCallThrew() {
    val boom = IllegalStateException("boom")
    val future = SuspendBridge.start(rawCall<Int> {
      delay(10)
      throw boom
    })
    val thrown = assertThrows(CompletionException::class.java) { future.join() }
    assertSame(boom, thrown.cause)
  }

  @Test
  fun awaitSuspendsUntilTheFutureCompletes() = runBlocking {
    val future = CompletableFuture<String>()
    val waiter = async { SuspendBridge.await(future) }
    yield()
    assertFalse(waiter.isCompleted)
    future.complete("done")
    assertEquals("done", waiter.await())
  }

  @Test
  fun awaitThrowsTheCauseOfADependentStagesFailure() = runBlocking {
    val boom = IllegalArgumentException("boom")
    val source = CompletableFuture<String>()
    val dependent = source.thenApply { it.uppercase() }
    source.completeExceptionally(boom)
    val thrown = assertThrows(IllegalArgumentException::class.java) { runBlocking { SuspendBridge.await(dependent) } }
    // Under -ea kotlinx-coroutines may recover the stack trace into a copy whose cause is the original.
    assertSame(boom, if (thrown === boom) thrown else thrown.cause)
  }

  @Test
  fun aCancelledWaitLeavesTheFutureAlone() = runBlocking {
    val future = CompletableFuture<String>()
    val first = async { SuspendBridge.await(future) }
    val second = async { SuspendBridge.await(future) }
    yield()
    first.cancel()
    assertThrows(CancellationException::class.java) { runBlocking { first.await() } }
    assertFalse(future.isDone)
    future.complete("shared")
    assertEquals("shared", second.await())
  }

  @Test
  fun callThenRunsTheRemovalsAfterTheCallAndReturnsItsValue() = runBlocking {
    val order = mutableListOf<String>()
    val removal = CompletableDeferred<Unit>()
    val value = async {
      SuspendBridge.callThen(rawCall { delay(5); order += "call"; 42 }) {
        order += "removals"
        CompletableFuture.runAsync { order += "removed"; removal.complete(Unit) }
      }
    }
    assertEquals(42, value.await())
    assertTrue(removal.isCompleted)
    assertEquals(listOf("call", "removals", "removed"), order)
  }

  @Test
  fun callThenRemovesNothingWhenTheCallThrows() = runBlocking {
    var removed = false
    assertThrows(IllegalStateException::class.java) {
      runBlocking {
        SuspendBridge.callThen(rawCall<Int> { delay(5); throw IllegalStateException("no") }) {
          removed = true
          CompletableFuture.completedFuture(null)
        }
      }
    }
    assertFalse(removed)
  }

  @Test
  fun aCallThatResumesLaterIsAwaited() = runBlocking {
    var resume: Continuation<String>? = null
    val future = SuspendBridge.start(SuspendCall<String> { continuation ->
      resume = continuation
      COROUTINE_SUSPENDED
    })
    assertFalse(future.isDone)
    resume!!.resume("later")
    assertEquals("later", SuspendBridge.await(future))
  }
}
