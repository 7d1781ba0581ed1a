package dev.tiered.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void parsesTheShortFormsAndIso8601() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(10), Durations.parse(" 10m "));
    assertEquals(Duration.ofHours(2), Durations.parse("2h"));
    assertEquals(Duration.ofDays(1), Durations.parse("1d"));
    assertEquals(Duration.ofMinutes(10), Durations.parse("pt10m"));
  }

  @Test
  void rejectsMalformedZeroAndNegativeDurations() {
    assertNull(Durations.parse("ten minutes"));
    assertNull(Durations.parse("0s"));
    assertNull(Durations.parse("PT-1M"));
    assertNull(Durations.parse("99999999999999999999d"));
    assertNull(Durations.parse(""));
  }

  @Test
  void formatsAsUsersWriteThem() {
    assertEquals("10m", Durations.format(Duration.ofMinutes(10)));
    assertEquals("1m30s", Durations.format(Duration.ofSeconds(90)));
    assertEquals("0.25s", Durations.format(Duration.ofMillis(250)));
    assertEquals("2h", Durations.format(Duration.ofHours(2)));
  }
}
