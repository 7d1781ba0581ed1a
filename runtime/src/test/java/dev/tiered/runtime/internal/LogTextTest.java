package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogTextTest {
  @Test
  void anArgumentCannotForgeALogLine() {
    assertEquals(
        "users:v1:find:x\\nWARNING: forged\\r\\t\\u0000\\u2028",
        LogText.escape("users:v1:find:x\nWARNING: forged\r\t\u0000\u2028"));
  }

  @Test
  void plainTextIsReturnedAsItIs() {
    String plain = "users:v1:find:zoë";
    assertSame(plain, LogText.escape(plain));
  }
}
