package io.microstructure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.testing.DaedalusCaptures;
import io.microstructure.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code etl run} on a daedalus capture root as it lands ({@link DaedalusCaptures}), with no
 * config: every channel read, values as DuckDB reads them from the input, trade ids kept (so
 * duplicates dropped), the sanitised symbol kept; a CCXT camelCase ticker read through the
 * config's mapping; and a run whose every order-book row is rejected exits 2 naming the channel
 * and the commonest reason.
 */
class DaedalusRunTest {
  @TempDir Path dir;

  private static String rawGlob(Path raw, String channel) {
    return raw.resolve("ready/daedalus/" + channel) + "/**/*.parquet";
  }

  private static String table(Path out, String path) {
    return "read_parquet('"
        + out.resolve("daedalus/" + path)
        + "/**/*.parquet', hive_partitioning = true)";
  }

  @Test
  void aDaedalusRootIsReadAsItIs() {
    Path raw = dir.resolve("raw");
    Path out = dir.resolve("out");
    try (DuckDb duck = new DuckDb()) {
      DaedalusCaptures.write(duck, raw, "daedalus");
      EtlRuns.Result r =
          EtlRuns.inProcess(
              "run",
              "--raw-root",
              raw.toString(),
              "--output-root",
              out.toString(),
              "--source",
              "daedalus");
      assertThat(r.code()).as(r.out() + r.err()).isZero();

      // Trades: valid rows (side buy/sell) less repeated trade ids within (exchange, symbol).
      long validTrades =
          duck.count(
              "SELECT count(*) FROM (SELECT DISTINCT exchange, symbol, trade_id FROM read_parquet('"
                  + rawGlob(raw, "trades")
                  + "', hive_partitioning = false) WHERE side IN ('buy', 'sell'))");
      assertThat(validTrades).isEqualTo(77); // 39 + 40 valid rows, each market repeating t8 once
      assertThat(duck.count("SELECT count(*) FROM " + table(out, "trades/hf")))
          .isEqualTo(validTrades);
      assertThat(
              duck.count(
                  "SELECT count(*) FROM " + table(out, "trades/hf") + " WHERE id IS NULL"))
          .isZero();
      assertThat(
              duck.query(
                  "SELECT DISTINCT symbol, exchange FROM "
                      + table(out, "trades/hf")
                      + " ORDER BY exchange"))
          .containsExactly(
              Map.of("symbol", "BTC-USDT", "exchange", "binance"),
              Map.of("symbol", "ETH-USDT", "exchange", "okx"));

      // Order books: the valid snapshots, best level as the input has it (size is the amount).
      List<Map<String, Object>> expectedBooks =
          duck.query(
              "SELECT exchange, symbol, epoch_us(capture_ts) AS ts, bids[1].price AS bid,"
                  + " bids[1].size AS bid_size, asks[1].price AS ask, asks[1].size AS ask_size"
                  + " FROM read_parquet('"
                  + rawGlob(raw, "orderbook")
                  + "', hive_partitioning = false) WHERE bids[1].size IS NOT NULL"
                  + " AND asks[2].price > 0 ORDER BY exchange, ts");
      assertThat(expectedBooks).hasSize(138);
      List<Map<String, Object>> books =
          duck.query(
              "SELECT exchange, symbol, epoch_us(capture_ts) AS ts, best_bid AS bid,"
                  + " best_bid_size AS bid_size, best_ask AS ask, best_ask_size AS ask_size FROM "
                  + table(out, "orderbook/hf")
                  + " ORDER BY exchange, ts");
      assertThat(books).hasSize(expectedBooks.size());
      for (int i = 0; i < books.size(); i++) {
        Map<String, Object> got = books.get(i);
        Map<String, Object> want = expectedBooks.get(i);
        assertThat(got.get("exchange")).isEqualTo(want.get("exchange"));
        assertThat(got.get("symbol")).isEqualTo(want.get("symbol"));
        assertThat(((Number) got.get("ts")).longValue())
            .isEqualTo(((Number) want.get("ts")).longValue());
        for (String c : List.of("bid", "bid_size", "ask", "ask_size")) {
          assertThat(((Number) got.get(c)).doubleValue())
              .as("%s of row %d", c, i)
              .isEqualTo(((Number) want.get(c)).doubleValue());
        }
      }

      // Ticker: every row, volumes as in the input.
      assertThat(
              duck.count(
                  "SELECT count(*) FROM (SELECT epoch_us(capture_ts) AS ts, base_volume,"
                      + " quote_volume FROM read_parquet('"
                      + rawGlob(raw, "ticker")
                      + "', hive_partitioning = false) EXCEPT SELECT epoch_us(capture_ts),"
                      + " base_volume, quote_volume FROM "
                      + table(out, "ticker/hf")
                      + ")"))
          .isZero();
      assertThat(duck.count("SELECT count(*) FROM " + table(out, "ticker/hf"))).isEqualTo(30);

      // Dead letters: the two malformed books and the trade of side 'foo'.
      assertThat(
              duck.query(
                  "SELECT channel, \"column\", reason FROM read_parquet('"
                      + out.resolve("_rejected")
                      + "/**/*.parquet') ORDER BY channel, reason"))
          .extracting(m -> m.get("channel") + "|" + m.get("column") + "|" + m.get("reason"))
          .containsExactlyInAnyOrder(
              "orderbook|asks|level 2: price -1.0 is not finite and > 0",
              "orderbook|bids|level 1: amount is null or NaN",
              "trades|side|side 'foo' is not buy or sell");
    }
  }

  @Test
  void theDryRunListsTheNestedFilesTheirHoursAndMarkets() {
    Path raw = dir.resolve("raw");
    try (DuckDb duck = new DuckDb()) {
      DaedalusCaptures.write(duck, raw, "daedalus");
    }
    EtlRuns.Result r =
        EtlRuns.inProcess(
            "run",
            "--raw-root",
            raw.toString(),
            "--output-root",
            dir.resolve("never").toString(),
            "--source",
            "daedalus",
            "--exchange",
            "okx",
            "--dry-run");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("okx")
        .contains("ETH-USDT")
        .contains("2026-01-05")
        .doesNotContain("holds no Parquet files");
    assertThat(Files.exists(dir.resolve("never"))).isFalse();
  }

  @Test
  void camelCaseTickerColumnsAreReadThroughTheConfigsMapping() throws Exception {
    Path raw = dir.resolve("raw");
    Path out = dir.resolve("out");
    try (DuckDb duck = new DuckDb()) {
      DaedalusCaptures.write(duck, raw, "daedalus");
      Path ticker =
          DaedalusCaptures.hourDir(raw, "daedalus", "ticker", "binance", "BTC-USDT", 0)
              .resolve(DaedalusCaptures.segmentName(0, 0));
      Path camel = dir.resolve("camel.parquet");
      duck.writeParquet(
          "SELECT * RENAME (bid_volume AS bidVolume, base_volume AS baseVolume,"
              + " quote_volume AS quoteVolume) FROM read_parquet('"
              + ticker
              + "', hive_partitioning = false)",
          camel);
      Files.copy(camel, ticker, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

      EtlRuns.Result unmapped =
          EtlRuns.inProcess(
              "run",
              "--raw-root",
              raw.toString(),
              "--output-root",
              dir.resolve("unmapped").toString(),
              "--source",
              "daedalus");
      assertThat(unmapped.code()).as(unmapped.out() + unmapped.err()).isNotZero();
      assertThat(unmapped.err())
          .contains("input.columns.ticker.")
          .containsAnyOf("bidVolume", "baseVolume", "quoteVolume");

      Path config = dir.resolve("etl.yaml");
      Files.writeString(
          config,
          "input:\n"
              + "  columns:\n"
              + "    ticker: {bid_volume: bidVolume, base_volume: baseVolume,"
              + " quote_volume: quoteVolume}\n");
      EtlRuns.Result r =
          EtlRuns.inProcess(
              "run",
              "--config",
              config.toString(),
              "--raw-root",
              raw.toString(),
              "--output-root",
              out.toString(),
              "--source",
              "daedalus");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(
              duck.count(
                  "SELECT count(*) FROM (SELECT epoch_us(capture_ts) AS ts, baseVolume,"
                      + " quoteVolume FROM read_parquet('"
                      + ticker
                      + "') EXCEPT SELECT epoch_us(capture_ts), base_volume, quote_volume FROM "
                      + table(out, "ticker/hf")
                      + ")"))
          .isZero();
      assertThat(
              duck.count(
                  "SELECT count(*) FROM "
                      + table(out, "ticker/hf")
                      + " WHERE base_volume IS NULL OR quote_volume IS NULL"))
          .isZero();
    }
  }

  @Test
  void aRunWhoseEveryBookIsRejectedExitsNonZeroNamingChannelAndReason() {
    Path raw = dir.resolve("raw");
    Path out = dir.resolve("out");
    try (DuckDb duck = new DuckDb()) {
      // The books of a capture tool whose levels come worst first: every row is rejected.
      DaedalusCaptures.copy(
          duck,
          "SELECT 'binance' AS exchange, 'BTC-USDT' AS symbol,"
              + " to_timestamp(" + DaedalusCaptures.HOUR0 + " + i) AS capture_ts,"
              + " [{'price': 99.0, 'size': 1.0}, {'price': 100.0, 'size': 1.0}] AS bids,"
              + " [{'price': 101.0, 'size': 1.0}] AS asks FROM range(25) t(i)",
          DaedalusCaptures.hourDir(raw, "daedalus", "orderbook", "binance", "BTC-USDT", 0)
              .resolve(DaedalusCaptures.segmentName(0, 0)));
      EtlRuns.Result r =
          EtlRuns.inProcess(
              "run",
              "--raw-root",
              raw.toString(),
              "--output-root",
              out.toString(),
              "--source",
              "daedalus");
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err())
          .contains("every orderbook row was rejected (25 of 25)")
          .contains("commonest reason: bids: bids not strictly descending")
          .contains("(25 rows)")
          .contains("the run committed");
      assertThat(duck.count(
              "SELECT count(*) FROM read_parquet('" + out.resolve("_rejected") + "/**/*.parquet')"))
          .isEqualTo(25);
    }
  }
}
