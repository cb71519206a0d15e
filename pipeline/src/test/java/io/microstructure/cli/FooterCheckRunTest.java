package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.testing.DuckDb;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The footer check (issue 10, items 3 and 6): {@code run --dry-run} names every bad file with all
 * its problems and exits 2; a run over a float32 price file succeeds and its summary warns once for
 * that file, naming the column.
 */
class FooterCheckRunTest {
  @TempDir Path dir;

  private static final String TRADES = "ready/ccxt/trades/";
  private static final String BASE = "'binance' AS exchange, 'BTC/USDT' AS symbol,";

  private static void write(Path file, String columns) {
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet("SELECT " + columns + " FROM range(2) t(i)", file);
    }
  }

  private static String good(String price) {
    return BASE
        + " (1767571201250 + i)::BIGINT AS capture_ts, 't' || i AS id, 'buy' AS side, "
        + price
        + " AS price, 0.5 AS amount";
  }

  @Test
  void theDryRunNamesEveryBadFile() {
    Path raw = dir.resolve("raw");
    write(raw.resolve(TRADES + "segment_20260105T000000_20260105T010000.parquet"), good("90000.0"));
    Path noSide = raw.resolve(TRADES + "segment_20260105T010000_20260105T020000.parquet");
    write(
        noSide,
        BASE + " (1767574801250 + i)::BIGINT AS capture_ts, 'x' AS price, 0.5 AS amount");
    Path textTs = raw.resolve(TRADES + "segment_20260105T020000_20260105T030000.parquet");
    write(textTs, BASE + " 'soon' AS capture_ts, 'buy' AS side, 1.0 AS price, 0.5 AS amount");

    EtlRuns.Result r =
        EtlRuns.inProcess("run", "--dry-run", "--raw-root", raw.toString(), "--channel", "trades");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.out())
        .contains("Schema check (footers: types, required columns, capture_ts unit): 3 files, 2 bad:")
        .contains(
            "  "
                + noSide
                + ": column 'side' is missing; column 'price' has type string, expected a number")
        .contains("  " + textTs + ": column 'capture_ts' has type string, expected an int64 or TIMESTAMP");
    assertThat(r.err().strip())
        .isEqualTo(
            "etl: error: 2 of 3 input files fail the schema check: [" + noSide + ", " + textTs + "]");
  }

  @Test
  void float32PricesAreAWarningPerFileInTheSummary() {
    Path raw = dir.resolve("raw2");
    write(raw.resolve(TRADES + "segment_20260105T000000_20260105T010000.parquet"), good("90000.0"));
    Path f32 = raw.resolve(TRADES + "segment_20260105T010000_20260105T020000.parquet");
    write(
        f32,
        BASE
            + " (1767574801250 + i)::BIGINT AS capture_ts, 'u' || i AS id, 'sell' AS side,"
            + " 0.1::FLOAT AS price, 0.5::FLOAT AS amount");
    EtlRuns.Result dry =
        EtlRuns.inProcess("run", "--dry-run", "--raw-root", raw.toString(), "--channel", "trades");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("2 files, all good");

    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("out").toString(),
            "--channel",
            "trades");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Warning: 1 file with float32 prices or amounts")
        .contains("  " + f32 + ": float32 price, amount");
  }
}
