package dev.tiered.runtime.internal;

import dev.tiered.RaceLoserPolicy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * The race between the tiers that {@code RACE} reads and {@code RACE} writes share: the first tier whose outcome is
 * a win completes the result at once; an outcome that is not a win waits for the other tier. The loser, still
 * running when the winner answered, is cancelled under {@code DROP} and left to finish (and counted) under {@code
 * OFFLOAD}.
 */
final class Races {
  private Races() {}

  /**
   * Races {@code l1} against {@code l2}.
   *
   * @param asWin turns a tier's outcome into the result, or {@code null} when the outcome is not a win
   * @param none the result when neither tier wins
   * @param loser what happens to the tier still running when the other wins
   * @param offloaded counts losers that finish under {@code OFFLOAD}
   * @return the first win, or {@code none}; never fails (the tier futures never fail)
   */
  static <T, R> CompletableFuture<R> first(
      CompletableFuture<T> l1,
      CompletableFuture<T> l2,
      BiFunction<T, Tier, R> asWin,
      R none,
      RaceLoserPolicy loser,
      LongAdder offloaded) {
    CompletableFuture<R> result = new CompletableFuture<>();
    AtomicInteger losses = new AtomicInteger();
    l1.thenAccept(outcome -> settle(result, asWin.apply(outcome, Tier.L1), none, l2, losses, loser, offloaded));
    l2.thenAccept(outcome -> settle(result, asWin.apply(outcome, Tier.L2), none, l1, losses, loser, offloaded));
    return result;
  }

  private static <R> void settle(
      CompletableFuture<R> result,
      R win,
      R none,
      CompletableFuture<?> other,
      AtomicInteger losses,
      RaceLoserPolicy loser,
      LongAdder offloaded) {
    if (win != null) {
      // Whether the other tier is a loser is decided before the result is published: completing the result runs
      // the caller's continuation, and a loser that finishes meanwhile must still count as offloaded.
      boolean otherRunning = !other.isDone();
      if (result.complete(win) && otherRunning) {
        if (loser == RaceLoserPolicy.DROP) {
          other.cancel(false);
        } else {
          other.whenComplete((r, t) -> offloaded.increment());
        }
      }
    } else if (losses.incrementAndGet() == 2) {
      result.complete(none);
    }
  }
}
