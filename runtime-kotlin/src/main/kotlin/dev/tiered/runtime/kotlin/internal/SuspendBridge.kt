package dev.tiered.runtime.kotlin.internal

import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.function.Supplier
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * What the decorator of a Kotlin `suspend fun` calls from Java: it caches the function as it caches a method that
 * returns a `CompletableFuture`, and bridges the two ways at the ends.
 *
 * Design note. A load is shared by every caller of its key, so it cannot belong to any one of them: [start] runs the
 * delegate's suspend call in a scope of its own (a [SupervisorJob], so that one failed load fails nothing else), and
 * the callers only wait for its future ([await]). A caller's cancellation therefore ends its own wait and nothing
 * else; the load goes on for the others, and its value is still written to the tiers. The delegate starts on the
 * thread that starts the load, as a Java delegate does, and resumes on [Dispatchers.Default] after it suspends: never
 * on a caller's dispatcher, which may be gone (a cancelled caller's `runBlocking` stops serving its event loop).
 *
 * Not API: generated code calls it, and it may change in any release.
 */
public object SuspendBridge {
  private val loads = CoroutineScope(SupervisorJob() + Dispatchers.Default + CoroutineName("tiered-load"))

  /**
   * Starts [call], the delegate's suspend call, in the scope that Tiered owns and returns its future, which fails
   * with what the delegate threw.
   */
  @JvmStatic
  public fun <T> start(call: SuspendCall<T>): CompletableFuture<T> =
    loads.future(start = CoroutineStart.UNDISPATCHED) {
      suspendCoroutineUninterceptedOrReturn { continuation -> call.call(continuation) }
    }

  /**
   * Suspends the caller until [future] completes, without blocking its thread, and returns its value or throws what
   * it failed with (unwrapped from the [CompletionException] of a dependent stage). The caller's cancellation ends the
   * wait at once and leaves [future] alone.
   */
  @JvmStatic
  public suspend fun <T> await(future: CompletableFuture<T>): T {
    if (future.isDone) {
      try {
        return future.join()
      } catch (e: CompletionException) {
        throw unwrap(e)
      }
    }
    return suspendCancellableCoroutine { continuation ->
      future.whenComplete { value, error ->
        // After the caller's cancellation, the continuation ignores this.
        if (error == null) continuation.resume(value) else continuation.resumeWithException(unwrap(error))
      }
    }
  }

  /**
   * Calls [call], the delegate's suspend call, in the caller's own coroutine (an invalidating method is the
   * caller's work alone), then waits for the removals that [then] starts, and returns the delegate's value. When the
   * delegate throws, nothing is removed.
   */
  @JvmStatic
  public suspend fun <T> callThen(call: SuspendCall<T>, then: Supplier<out CompletableFuture<*>>): T {
    val value = suspendCoroutineUninterceptedOrReturn { continuation -> call.call(continuation) }
    await(then.get())
    return value
  }

  private fun unwrap(error: Throwable): Throwable =
    if (error is CompletionException && error.cause != null) error.cause!! else error
}
