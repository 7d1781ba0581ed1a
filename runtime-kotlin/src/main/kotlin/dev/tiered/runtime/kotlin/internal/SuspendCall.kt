package dev.tiered.runtime.kotlin.internal

import kotlin.coroutines.Continuation

/**
 * A call of a suspend function with the continuation passed through: how generated Java calls the delegate's
 * `suspend fun`, e.g. `continuation -> delegate.find(id, continuation)`.
 *
 * Not API: generated code calls it, and it may change in any release.
 *
 * @param T the suspend function's value type
 */
public fun interface SuspendCall<T> {
  /**
   * Calls the function with [continuation] as its last argument: returns its value, or `COROUTINE_SUSPENDED` when it
   * suspended and will resume [continuation] later.
   */
  public fun call(continuation: Continuation<T>): Any?
}
