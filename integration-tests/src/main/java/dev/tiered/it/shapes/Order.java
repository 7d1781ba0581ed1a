package dev.tiered.it.shapes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A value with nested generic state, to prove values come back from L2 as exactly their declared types. */
public record Order(long id, String customer, BigDecimal total, Instant placed, List<Line> lines) {

  /** An order line. */
  public record Line(String sku, int quantity) {}
}
