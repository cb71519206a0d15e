package io.microstructure.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.testing.DuckDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parity on files of another writer (DuckDB), with several rows per capture_ts. */
class ParityDuckDbTest {
  @TempDir Path dir;

  private static final String PARTITION =
      "ccxt/trades/hf/exchange=binance/symbol=BTC-USDT/date=2026-01-05/data.parquet";

  /** (exchange, symbol, capture_ts = 10:00:00 + s seconds, x, y) rows. */
  private static String rows(String values) {
    return "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol,"
        + " make_timestamp(2026, 1, 5, 10, 0, s) AS capture_ts,"
        + " x::DOUBLE AS x, y::DOUBLE AS y FROM (VALUES "
        + values
        + ") t(s, x, y)";
  }

  @Test
  void aSwappedTieIsReportedAndAReorderedOneIsNot() throws Exception {
    try (DuckDb db = new DuckDb()) {
      // Left: A = (ts, x=1, y=2), B = (ts, x=3, y=4), plus a row of its own at ts + 1 s.
      db.writeParquet(
          rows("(0, 1, 2), (0, 3, 4), (1, 5, 6)"), dir.resolve("left").resolve(PARTITION));
      // Same rows, another order.
      db.writeParquet(
          rows("(1, 5, 6), (0, 3, 4), (0, 1, 2)"), dir.resolve("same").resolve(PARTITION));
      // The same x and y values, but paired differently: (ts, 1, 4) and (ts, 3, 2).
      db.writeParquet(
          rows("(0, 1, 4), (0, 3, 2), (1, 5, 6)"), dir.resolve("swapped").resolve(PARTITION));
    }
    String left = dir.resolve("left").toString();

    ParityReport same = ParityCheck.compare(left, dir.resolve("same").toString());
    assertThat(same.identical()).isTrue();
    TableReport t = same.tables().get(0);
    assertThat(t.table()).isEqualTo("ccxt/trades/hf");
    assertThat(t.rowsCompared()).isEqualTo(3);
    assertThat(t.column("capture_ts").leftType()).isEqualTo("timestamp-micros");

    ParityReport swapped = ParityCheck.compare(left, dir.resolve("swapped").toString());
    assertThat(swapped.identical()).isFalse();
    TableReport s = swapped.tables().get(0);
    assertThat(s.missingRows()).isZero();
    assertThat(s.extraRows()).isZero();
    assertThat(s.column("x").mismatches()).isZero();
    ColumnReport y = s.column("y");
    assertThat(y.mismatches()).isEqualTo(2);
    RowKey tie =
        new RowKey(
            "binance", "BTC/USDT", "capture_ts", 1_767_607_200_000_000L); // 2026-01-05T10:00Z
    assertThat(y.mismatchKeys()).containsExactly(tie, tie);
    assertThat(y.worst().left()).isEqualTo(2.0);
    assertThat(y.worst().right()).isEqualTo(4.0);
    assertThat(swapped.differences()).isEqualTo(2);
  }
}
