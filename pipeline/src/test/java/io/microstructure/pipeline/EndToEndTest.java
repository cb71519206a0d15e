package io.microstructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.generate.GenerationManifest;
import io.microstructure.generate.GeneratorConfig;
import io.microstructure.generate.SampleMarketGenerator;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated sample data through the whole pipeline on the DirectRunner, outputs read back with
 * DuckDB (hive partitioning on) and checked against values DuckDB computes from the raw files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  private GenerationManifest manifest;
  private DuckDb duck;
  private String raw;
  private String hf;

  @BeforeAll
  void runPipelineOnTwelveMinutesOfData(@TempDir Path dir) throws Exception {
    raw = dir.resolve("raw").toString();
    String out = dir.resolve("out").toString();
    manifest =
        SampleMarketGenerator.generate(
            GeneratorConfig.builder().duration(Duration.ofMinutes(12)).seed(7).build(), raw);

    TestPipeline p = Pipelines.create();
    MicrostructureOptions options = p.getOptions().as(MicrostructureOptions.class);
    options.setRawRoot(raw);
    options.setOutputRoot(out);
    // Transform tests run with the DirectRunner's enforcement on; here it would only add minutes.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    MicrostructurePipeline.buildPipeline(p, options);
    p.run().waitUntilFinish();

    duck = new DuckDb();
    hf = out + "/ccxt/orderbook/hf";
    duck.execute(
        "CREATE VIEW hf AS SELECT * FROM read_parquet('"
            + hf
            + "/**/*.parquet', hive_partitioning = true)");
    duck.execute(
        "CREATE VIEW bars60 AS SELECT * FROM read_parquet('"
            + out
            + "/ccxt/orderbook/bars/duration=60s/**/*.parquet', hive_partitioning = true)");
    duck.execute(
        "CREATE VIEW rejected AS SELECT * FROM read_parquet('" + out + "/_rejected/*/*.parquet')");
    // The raw market as DuckDB sees it: valid rows by the contract's rules, then deduplicated.
    duck.execute(
        "CREATE VIEW raw_books AS SELECT * FROM read_parquet('"
            + raw
            + "/ready/ccxt/orderbook/*.parquet')");
    duck.execute(
        "CREATE VIEW raw_trades AS SELECT * FROM read_parquet('"
            + raw
            + "/ready/ccxt/trades/*.parquet')");
    duck.execute(
        "CREATE VIEW valid_books AS SELECT DISTINCT ON (exchange, symbol, capture_ts, bids, asks) *"
            + " FROM raw_books WHERE exchange IS NOT NULL AND symbol IS NOT NULL AND capture_ts IS"
            + " NOT NULL AND list_bool_and(list_transform(bids, l -> isfinite(l.price) AND l.price"
            + " > 0 AND isfinite(l.amount) AND l.amount >= 0)) IS NOT FALSE AND"
            + " list_bool_and(list_transform(asks, l -> isfinite(l.price) AND l.price > 0 AND"
            + " isfinite(l.amount) AND l.amount >= 0)) IS NOT FALSE ORDER BY exchange, symbol,"
            + " capture_ts, seq");
    duck.execute(
        "CREATE VIEW valid_trades AS SELECT DISTINCT ON (exchange, symbol, id) * FROM raw_trades"
            + " WHERE exchange IS NOT NULL AND symbol IS NOT NULL AND capture_ts IS NOT NULL AND"
            + " side IN ('buy', 'sell') AND isfinite(price) AND price > 0 AND isfinite(amount) AND"
            + " amount >= 0 ORDER BY exchange, symbol, id, capture_ts, seq");
  }

  @AfterAll
  void close() {
    if (duck != null) {
      duck.close();
    }
  }

  @Test
  void oneHfRowPerValidDistinctSnapshotPerKey() {
    List<Map<String, Object>> diff =
        duck.query(
            "SELECT v.exchange, v.symbol, v.n AS expected, h.n AS actual FROM (SELECT exchange,"
                + " symbol, count(*) n FROM valid_books GROUP BY ALL) v FULL JOIN (SELECT exchange,"
                + " symbol, count(*) n FROM hf GROUP BY ALL) h USING (exchange, symbol) WHERE v.n"
                + " IS DISTINCT FROM h.n");
    assertThat(diff).isEmpty();
    assertThat(duck.count("SELECT count(DISTINCT (exchange, symbol)) FROM hf")).isEqualTo(8);
    assertThat(duck.count("SELECT count(*) FROM hf"))
        .isEqualTo(
            manifest.orderbook().rows()
                - manifest.orderbook().invalidRows()
                - manifest.orderbook().duplicateSnapshots());
  }

  @Test
  void hivePartitionsCarryTheOriginalSymbolAndTheFilesNone() {
    assertThat(duck.query("SELECT DISTINCT symbol, date FROM hf ORDER BY 1"))
        .extracting(r -> r.get("symbol") + " " + r.get("date"))
        .contains("1000PEPE/USDT:USDT 2026-01-05", "BTC/USDT 2026-01-05");
    // The files hold the features only: the market is the partition folders' names.
    assertThat(
            duck.query(
                "SELECT name FROM parquet_schema('"
                    + hf
                    + "/**/*.parquet') WHERE name IN ('exchange', 'symbol')"))
        .isEmpty();
  }

  @Test
  void structuralValuesMatchTheRawBooks() {
    // mid and spread straight from the raw levels, for every snapshot with both sides.
    long mismatches =
        duck.count(
            "SELECT count(*) FROM hf JOIN valid_books v USING (exchange, symbol, capture_ts) WHERE"
                + " len(v.bids) > 0 AND len(v.asks) > 0 AND ( abs(hf.mid_price - (v.bids[1].price +"
                + " v.asks[1].price) / 2) > 1e-9 * greatest(1, abs(hf.mid_price)) OR abs(hf.spread"
                + " - (v.asks[1].price - v.bids[1].price)) > 1e-9 * greatest(1, abs(hf.spread)) OR"
                + " hf.bid_depth_5 IS DISTINCT FROM hf.bid_depth_5 OR abs(hf.bid_depth_20 -"
                + " list_sum(list_transform(v.bids[1:20], l -> l.amount))) > 1e-9 * greatest(1,"
                + " hf.bid_depth_20) OR hf.bid_levels <> least(len(v.bids), 20))");
    assertThat(mismatches).isZero();
    // One-sided books: mid and spread null, depth of the empty side 0.
    assertThat(duck.count("SELECT count(*) FROM hf WHERE ask_levels = 0")).isPositive();
    assertThat(
            duck.count(
                "SELECT count(*) FROM hf WHERE ask_levels = 0 AND (mid_price IS NOT NULL OR"
                    + " ask_depth_5 <> 0 OR book_crossed IS NOT NULL)"))
        .isZero();
    assertThat(duck.count("SELECT count(*) FROM hf WHERE book_crossed")).isPositive();
  }

  @Test
  void tradesAreAssignedToTheSnapshotIntervalTheyFellIn() {
    // Independent assignment in SQL: a trade belongs to the first snapshot at or after it in
    // (capture_ts, seq) order; generated data always carries seq.
    duck.execute(
        "CREATE OR REPLACE TEMP TABLE snaps AS SELECT exchange, symbol, capture_ts, seq,"
            + " lag(capture_ts) OVER w AS prev_ts, lag(seq) OVER w AS prev_seq FROM valid_books"
            + " WINDOW w AS (PARTITION BY exchange, symbol ORDER BY capture_ts, seq)");
    duck.execute(
        "CREATE OR REPLACE TEMP TABLE expected AS SELECT s.exchange, s.symbol, s.capture_ts,"
            + " count(t.price) AS n, coalesce(sum(CASE WHEN t.side = 'buy' THEN t.amount END), 0)"
            + " AS buy, coalesce(sum(CASE WHEN t.side = 'sell' THEN t.amount END), 0) AS sell FROM"
            + " snaps s LEFT JOIN valid_trades t ON t.exchange = s.exchange AND t.symbol = s.symbol"
            + " AND (t.capture_ts, t.seq) <= (s.capture_ts, s.seq) AND (s.prev_ts IS NULL OR"
            + " (t.capture_ts, t.seq) > (s.prev_ts, s.prev_seq)) GROUP BY ALL");
    assertThat(duck.count("SELECT count(*) FROM expected"))
        .isEqualTo(duck.count("SELECT count(*) FROM hf"));
    long bad =
        duck.count(
            "SELECT count(*) FROM expected e JOIN hf h USING (exchange, symbol, capture_ts) WHERE"
                + " e.n <> h.trade_count OR abs(e.buy - h.buy_volume) > 1e-9 * greatest(1, e.buy)"
                + " OR abs(e.sell - h.sell_volume) > 1e-9 * greatest(1, e.sell)");
    assertThat(bad).isZero();
    assertThat(duck.count("SELECT sum(trade_count) FROM hf")).isPositive();
  }

  @Test
  void rollingVolatilityMatchesADirectWindowComputation() {
    // rv_60 at every 500th snapshot of each key: sample stddev of log_return over (t − 60 s, t].
    long bad =
        duck.count(
            "WITH numbered AS (SELECT *, row_number() OVER (PARTITION BY exchange, symbol ORDER BY"
                + " capture_ts) rn FROM hf), probe AS (SELECT * FROM numbered WHERE rn % 500 = 0)"
                + " SELECT count(*) FROM probe p WHERE NOT ( (SELECT stddev_samp(h.log_return) FROM"
                + " hf h WHERE h.exchange = p.exchange AND h.symbol = p.symbol  AND h.capture_ts >"
                + " p.capture_ts - INTERVAL 60 SECONDS AND h.capture_ts <= p.capture_ts) IS NOT"
                + " DISTINCT FROM p.rv_60 OR abs((SELECT stddev_samp(h.log_return) FROM hf h WHERE"
                + " h.exchange = p.exchange  AND h.symbol = p.symbol AND h.capture_ts >"
                + " p.capture_ts - INTERVAL 60 SECONDS  AND h.capture_ts <= p.capture_ts) -"
                + " p.rv_60) <= 1e-9)");
    assertThat(bad).isZero();
    assertThat(duck.count("SELECT count(rv_60) FROM hf")).isPositive();
  }

  @Test
  void minuteBarsCountTheSnapshotsAndTradesOfTheirMinute() {
    long badTicks =
        duck.count(
            "SELECT count(*) FROM (SELECT exchange, symbol, time_bucket(INTERVAL 60 SECONDS,"
                + " capture_ts) AS bar_start, count(*) n, first(mid_price ORDER BY capture_ts)"
                + " FILTER (WHERE mid_price IS NOT NULL) AS o FROM hf GROUP BY ALL) e JOIN bars60 b"
                + " USING (exchange, symbol, bar_start) WHERE e.n <> b.tick_count");
    assertThat(badTicks).isZero();
    long badTrades =
        duck.count(
            "SELECT count(*) FROM (SELECT exchange, symbol, time_bucket(INTERVAL 60 SECONDS,"
                + " capture_ts) AS bar_start, count(*) n FROM valid_trades GROUP BY ALL) e LEFT"
                + " JOIN bars60 b USING (exchange, symbol, bar_start) WHERE b.trade_count IS"
                + " DISTINCT FROM e.n");
    assertThat(badTrades).isZero();
    // 12 minutes of data for 8 keys: 12 or 13 bars each (jittered start), never more.
    assertThat(
            duck.count(
                "SELECT max(n) FROM (SELECT count(*) n FROM bars60 GROUP BY exchange, symbol)"))
        .isBetween(12L, 13L);
  }

  @Test
  void everyInvalidRowIsDeadLetteredWithFileRowAndColumn() {
    Map<String, Object> counts =
        duck.query(
                "SELECT count(*) FILTER (WHERE channel = 'orderbook') ob, count(*) FILTER (WHERE"
                    + " channel = 'trades') tr, count(*) FILTER (WHERE channel = 'ticker') tk,"
                    + " count(*) FILTER (WHERE source_file IS NULL OR row < 0 OR \"column\" IS NULL"
                    + " OR reason IS NULL) incomplete FROM rejected")
            .get(0);
    assertThat(((Number) counts.get("ob")).longValue())
        .isEqualTo(manifest.orderbook().invalidRows());
    assertThat(((Number) counts.get("tr")).longValue()).isEqualTo(manifest.trades().invalidRows());
    assertThat(((Number) counts.get("tk")).longValue()).isEqualTo(manifest.ticker().invalidRows());
    assertThat(((Number) counts.get("incomplete")).longValue()).isZero();
    assertThat(manifest.orderbook().invalidRows() + manifest.trades().invalidRows()).isPositive();
  }
}
