package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl run} over a generated market plus one order-book and one trades file of bad rows
 * injected with DuckDB (issue 9, items 3, 4 and 8b): bids worst first, a repeated ask level, a
 * 300-character symbol, an empty exchange, capture_ts 0, in the year 2100 and 49 h ahead with
 * --captureTsMaxAheadHours=48 (a row 36 h ahead is kept). The run exits 0, each injected bad row is
 * a dead letter naming its file, row, column and reason, the counters add them to the generator's
 * own invalid rows, and the feature tables hold exactly the generated market plus the kept row.
 */
class BadInputRunTest {
  @TempDir Path dir;

  /** 2026-01-05T01:00:00Z in µs, the hour after the generated three minutes. */
  private static final long HOUR1 = 1_767_574_800_000_000L;

  /** 2100-01-01T00:00:00Z in µs. */
  private static final long Y2100 = 4_102_444_800_000_000L;

  private static final String INJECTED = "segment_20260105T010000_20260105T020000.parquet";

  private static EtlRuns.Result etl(String... args) {
    return EtlRuns.inProcess(args);
  }

  private static String bids(boolean reversed) {
    List<String> levels = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      int j = reversed ? 19 - k : k;
      levels.add("{'price': " + (90000.0 - 0.5 * j) + ", 'amount': 1.0}");
    }
    return "[" + String.join(", ", levels) + "]";
  }

  private static String book(int n, String exchange, String symbol, long ts, String b, String a) {
    return "SELECT "
        + n
        + " AS n, "
        + exchange
        + " AS exchange, "
        + symbol
        + " AS symbol, make_timestamp("
        + ts
        + "::BIGINT) AS capture_ts, "
        + n
        + "::BIGINT AS seq, CAST("
        + b
        + " AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS bids, CAST("
        + a
        + " AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS asks";
  }

  private static void inject(DuckDb duck, Path file, List<String> rows) {
    duck.writeParquet(
        "SELECT * EXCLUDE (n) FROM (" + String.join(" UNION ALL ", rows) + ") ORDER BY n", file);
  }

  @Test
  void badRowsAreDeadLettersCountedAndTheRestOfTheRunIsIntact() throws Exception {
    Path raw = dir.resolve("raw");
    GenerationManifest manifest =
        SampleMarketGenerator.generate(
            GeneratorConfig.builder()
                .duration(Duration.ofMinutes(3))
                .seed(5)
                .writeNdjson(false)
                .build(),
            raw.toString());
    // --captureTsMaxAheadHours=48 below: a row 36 h ahead of now is kept, one 49 h ahead is not.
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    long ahead36 = before.plus(Duration.ofHours(36)).getEpochSecond() * 1_000_000L;
    long ahead49 = before.plus(Duration.ofHours(49)).getEpochSecond() * 1_000_000L;
    Path books = raw.resolve("ready/ccxt/orderbook/" + INJECTED);
    Path trades = raw.resolve("ready/ccxt/trades/" + INJECTED);
    String ok = "'binance'";
    String btc = "'BTC/USDT'";
    String asks = "[{'price': 90000.5, 'amount': 1.0}, {'price': 90001.0, 'amount': 1.0}]";
    try (DuckDb duck = new DuckDb()) {
      inject(
          duck,
          books,
          List.of(
              book(0, ok, btc, HOUR1, bids(true), asks),
              book(
                  1,
                  ok,
                  btc,
                  HOUR1 + 1,
                  bids(false),
                  "[{'price': 90000.5, 'amount': 1.0}, {'price': 90000.5, 'amount': 2.0}]"),
              book(2, ok, "'" + "X".repeat(300) + "'", HOUR1 + 2, bids(false), asks),
              book(3, ok, btc, 0, bids(false), asks),
              book(4, ok, btc, Y2100, bids(false), asks),
              book(5, ok, btc, ahead36, bids(false), asks),
              book(6, ok, btc, ahead49, bids(false), asks)));
      String trade = "'buy' AS side, 90000.0 AS price, 0.5 AS amount";
      inject(
          duck,
          trades,
          List.of(
              "SELECT 0 AS n, '' AS exchange, 'BTC/USDT' AS symbol, make_timestamp("
                  + HOUR1
                  + "::BIGINT) AS capture_ts, 0::BIGINT AS seq, 'x0' AS id, "
                  + trade,
              "SELECT 1, 'binance', 'BTC/USDT', make_timestamp(0::BIGINT), 1, 'x1', " + trade));
    }

    Path out = dir.resolve("out");
    Path json = dir.resolve("report.json");
    EtlRuns.Result r =
        etl(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            out.toString(),
            "--report-json",
            json.toString(),
            "--captureTsMaxAheadHours=48");
    assertThat(r.code()).as(r.err()).isZero();

    try (DuckDb duck = new DuckDb()) {
      List<String> deadLetters =
          duck
              .query(
                  "SELECT channel, row, \"column\", reason FROM read_parquet('"
                      + out
                      + "/_rejected/*/*.parquet') WHERE source_file LIKE '%"
                      + INJECTED
                      + "' ORDER BY channel, row")
              .stream()
              .map(
                  m ->
                      m.get("channel")
                          + "|"
                          + m.get("row")
                          + "|"
                          + m.get("column")
                          + "|"
                          + m.get("reason"))
              .collect(Collectors.toList());
      assertThat(deadLetters)
          .containsExactly(
              "orderbook|0|bids|bids not strictly descending: level 2 price 89991.0 >= level 1"
                  + " price 89990.5",
              "orderbook|1|asks|asks not strictly ascending: level 2 price 90000.5 <= level 1"
                  + " price 90000.5",
              "orderbook|2|symbol|symbol cannot name a partition folder: 300 bytes once"
                  + " escaped, more than 200",
              "orderbook|3|capture_ts|capture_ts 1970-01-01T00:00:00Z before"
                  + " 2009-01-01T00:00:00Z",
              "orderbook|4|capture_ts|capture_ts 2100-01-01T00:00:00Z more than 48 h after the"
                  + " run's wall clock",
              "orderbook|6|capture_ts|capture_ts "
                  + Instant.ofEpochSecond(ahead49 / 1_000_000L)
                  + " more than 48 h after the run's wall clock",
              "trades|0|exchange|exchange cannot name a partition folder: empty",
              "trades|1|capture_ts|capture_ts 1970-01-01T00:00:00Z before 2009-01-01T00:00:00Z");

      // The feature tables hold the generated market and, of the injected rows, only row 5: one
      // hf row per valid distinct snapshot, dated 2026-01-05 but row 5's.
      String hf = out + "/ccxt/orderbook/hf";
      assertThat(duck.count("SELECT count(*) FROM read_parquet('" + hf + "/**/*.parquet')"))
          .isEqualTo(
              manifest.orderbook().rows()
                  - manifest.orderbook().invalidRows()
                  - manifest.orderbook().duplicateSnapshots()
                  + 1);
      assertThat(
              duck.query(
                  "SELECT DISTINCT date::VARCHAR AS d FROM read_parquet('"
                      + hf
                      + "/**/*.parquet', hive_partitioning = true)"))
          .extracting(m -> m.get("d"))
          .containsExactlyInAnyOrder(
              "2026-01-05",
              before.plus(Duration.ofHours(36)).atZone(ZoneOffset.UTC).toLocalDate().toString());
      assertThat(
              duck.count(
                  "SELECT count(*) FROM read_parquet('"
                      + out
                      + "/ccxt/trades/hf/**/*.parquet') WHERE id LIKE 'x%'"))
          .isZero();
    }

    JsonObject counters =
        JsonParser.parseString(Files.readString(json))
            .getAsJsonObject()
            .getAsJsonObject("counters");
    assertThat(counters.get("orderbook/rows_read").getAsLong())
        .isEqualTo(manifest.orderbook().rows() + 7);
    assertThat(counters.get("orderbook/rows_rejected").getAsLong())
        .isEqualTo(manifest.orderbook().invalidRows() + 6);
    assertThat(counters.get("trades/rows_read").getAsLong())
        .isEqualTo(manifest.trades().rows() + 2);
    assertThat(counters.get("trades/rows_rejected").getAsLong())
        .isEqualTo(manifest.trades().invalidRows() + 2);
    assertThat(r.out())
        .contains(
            String.format(
                "dead letters: %,d rows",
                manifest.orderbook().invalidRows()
                    + manifest.trades().invalidRows()
                    + manifest.ticker().invalidRows()
                    + 8));
  }
}
