package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.testing.DuckDb;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl run} over trades whose capture_ts is a plain int64 in epoch milliseconds, written by
 * DuckDB (issue 10, item 3): with the default unit (auto) the rows land in date=2026-01-05, not in
 * 1970 nor in the dead letters; a file whose name is two months from its values fails the run
 * with exit 2 and one line naming the file, the detected unit and the times.
 */
class CaptureTsUnitRunTest {
  @TempDir Path dir;

  // 2026-01-05T00:00:01.250Z in ms: 1,767,571,200 s (see CaptureTsDetectionTest) * 1000 + 1250.
  private static final long MS = 1_767_571_201_250L;

  private static void trades(Path file, long first, String ts) {
    try (DuckDb duck = new DuckDb()) {
      duck.writeParquet(
          "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, ("
              + first
              + " + "
              + ts
              + " * i)::BIGINT AS capture_ts, i::BIGINT AS seq, 't' || i AS id,"
              + " CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END AS side,"
              + " 90000.0 + i AS price, 0.5 AS amount FROM range(3) t(i)",
          file);
    }
  }

  @Test
  void millisecondsLandOnTheirDateWithTheDefaultUnit() {
    Path raw = dir.resolve("raw");
    trades(raw.resolve("ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"), MS, "1000");
    Path out = dir.resolve("out");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run", "--raw-root", raw.toString(), "--output-root", out.toString(), "--channel", "trades");
    assertThat(r.code()).as(r.err()).isZero();
    try (DuckDb duck = new DuckDb()) {
      List<Map<String, Object>> rows =
          duck.query(
              "SELECT date::VARCHAR AS d, epoch_us(capture_ts) AS ts FROM read_parquet('"
                  + out
                  + "/ccxt/trades/hf/**/*.parquet', hive_partitioning = true) ORDER BY capture_ts");
      assertThat(rows)
          .extracting(m -> m.get("d") + " " + m.get("ts"))
          .containsExactly(
              "2026-01-05 1767571201250000",
              "2026-01-05 1767571202250000",
              "2026-01-05 1767571203250000");
    }
    assertThat(out.resolve("_rejected")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(),
        p -> assertThat(p.toFile().list((d, n) -> !n.startsWith("."))).isNullOrEmpty());
  }

  @Test
  void aFileNameFarFromItsValuesFailsTheRunNamingFileUnitAndTimes() {
    Path raw = dir.resolve("raw2");
    Path file = raw.resolve("ready/ccxt/trades/segment_20260301T000000_20260301T010000.parquet");
    trades(file, MS, "1000");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("out2").toString(),
            "--channel",
            "trades");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> l.startsWith("etl: error:")).findFirst().orElse(""))
        .contains(file.toString())
        .contains("capture_ts' is a plain int64 detected as ms")
        .contains("2026-01-05T00:00:01.250Z .. 2026-01-05T00:00:03.250Z")
        .contains("the file name's time 2026-03-01T00:00:00Z");
  }

  @Test
  void theFlagOverridesDetection() {
    // The same milliseconds read as microseconds by --captureTsUnit=us: 1970, before 2009, so
    // every row is a dead letter (as before detection), and nothing lands in 1970.
    Path raw = dir.resolve("raw3");
    trades(raw.resolve("ready/ccxt/trades/segment_20260105T000000_20260105T010000.parquet"), MS, "1000");
    Path out = dir.resolve("out3");
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            out.toString(),
            "--channel",
            "trades",
            "--captureTsUnit=us");
    // A channel all of whose rows are dead letters fails the run (exit 2), naming it.
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("every trades row was rejected (3 of 3)");
    try (DuckDb duck = new DuckDb()) {
      assertThat(
              duck.count(
                  "SELECT count(*) FROM read_parquet('"
                      + out
                      + "/_rejected/trades/*.parquet') WHERE \"column\" = 'capture_ts'"))
          .isEqualTo(3);
    }
  }
}
