package io.microstructure.input;

import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.PartitionValue;

/**
 * The checks of the columns every channel shares, in the order every reader applies them (so the
 * record path and the columnar reader give the same first reason): exchange present and able to
 * name a partition folder, then symbol likewise, then capture_ts present and within the run's
 * range. One instance per bound reader; {@link #column} and {@link #reason} hold the last verdict.
 */
final class KeyChecks {
  static final String NULL_COLUMN = "required column is null";

  private final CaptureTsRange captureTs;
  String column;
  String reason;

  KeyChecks(CaptureTsRange captureTs) {
    this.captureTs = captureTs;
  }

  /**
   * @param captureTsMicros capture_ts in microseconds (ignored when null)
   * @return true when the row passes; else {@link #column} and {@link #reason} say why not
   */
  boolean pass(String exchange, String symbol, boolean captureTsNull, long captureTsMicros) {
    if (exchange == null) {
      return fail("exchange", NULL_COLUMN);
    }
    String problem = PartitionValue.problem("exchange", exchange);
    if (problem != null) {
      return fail("exchange", problem);
    }
    if (symbol == null) {
      return fail("symbol", NULL_COLUMN);
    }
    problem = PartitionValue.problem("symbol", symbol);
    if (problem != null) {
      return fail("symbol", problem);
    }
    if (captureTsNull) {
      return fail("capture_ts", NULL_COLUMN);
    }
    problem = captureTs.problem(captureTsMicros);
    if (problem != null) {
      return fail("capture_ts", problem);
    }
    column = null;
    reason = null;
    return true;
  }

  private boolean fail(String column, String reason) {
    this.column = column;
    this.reason = reason;
    return false;
  }
}
