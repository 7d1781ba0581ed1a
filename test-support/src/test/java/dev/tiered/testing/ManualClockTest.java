package dev.tiered.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {

  @Test
  void movesOnlyWhenTold() {
    ManualClock clock = new ManualClock();
    assertEquals(ManualClock.DEFAULT_START_MILLIS, clock.millis());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), clock.instant());

    assertEquals(ManualClock.DEFAULT_START_MILLIS + 1_500, clock.advance(Duration.ofMillis(1_500)));
    assertEquals(ManualClock.DEFAULT_START_MILLIS + 1_500, clock.millis());

    clock.set(42);
    assertEquals(42, clock.millis());
    assertEquals(Instant.ofEpochMilli(42), clock.instant());
  }

  @Test
  void refusesToAdvanceBackwards() {
    ManualClock clock = new ManualClock(1_000);
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
    assertEquals(1_000, clock.millis());
  }
}
