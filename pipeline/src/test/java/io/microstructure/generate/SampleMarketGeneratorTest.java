package io.microstructure.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.microstructure.generate.GenerationManifest.CaptureGap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One 10-minute default market (2 exchanges x 4 symbols, 10 Hz, 20 levels) with edge cases at 1%,
 * checked against its own manifest and the data contract with DuckDB.
 */
class SampleMarketGeneratorTest {
  @TempDir static Path dir;
  static GenerationManifest manifest;
  static Duck duck;

  @BeforeAll
  static void generate() throws Exception {
    GeneratorConfig cfg =
        GeneratorConfig.builder().duration(Duration.ofMinutes(10)).edgeCaseRate(0.01).build();
    manifest = SampleMarketGenerator.generate(cfg, dir.toString());
    duck = new Duck().views(dir, "ccxt");
  }

  @AfterAll
  static void close() throws Exception {
    duck.close();
  }

  @Test
  void manifestJsonIsWrittenAndReadsBack() throws Exception {
    Path file = dir.resolve("manifest.json");
    assertThat(file).exists();
    GenerationManifest back = GenerationManifest.read(dir.toString());
    assertThat(back).isEqualTo(manifest);
    JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    assertThat(json.getAsJsonObject("orderbook").get("rows").getAsLong())
        .isEqualTo(manifest.orderbook().rows());
    assertThat(json.getAsJsonObject("trades").getAsJsonObject("invalidByReason").keySet())
        .contains("null_exchange", "price_nan", "side_invalid", "side_null");
    assertThat(manifest.keys()).hasSize(8);
  }

  @Test
  void rowCountsMatchTheFiles() throws Exception {
    assertThat(duck.scalar("SELECT count(*) FROM ob")).isEqualTo(manifest.orderbook().rows());
    assertThat(duck.scalar("SELECT count(*) FROM tr")).isEqualTo(manifest.trades().rows());
    assertThat(duck.scalar("SELECT count(*) FROM tk")).isEqualTo(manifest.ticker().rows());
    // ~10 Hz x 600 s x 8 keys, minus one outage of 320-400 s on one key.
    assertThat(manifest.orderbook().rows()).isBetween(40_000L, 50_000L);
    assertThat(manifest.trades().rows()).isBetween(5_000L, 12_000L);
    assertThat(manifest.ticker().rows()).isBetween(4_000L, 5_000L);
    for (GenerationManifest.KeyStats k : manifest.perKey()) {
      long clean =
          duck.scalar(
              "SELECT count(*) FROM ob_valid WHERE exchange = '"
                  + k.exchange()
                  + "' AND symbol = '"
                  + k.symbol()
                  + "'");
      long dups =
          clean
              - duck.scalar(
                  "SELECT count(*) FROM (SELECT DISTINCT exchange, symbol,"
                      + " capture_ts, bids, asks FROM ob_valid WHERE exchange = '"
                      + k.exchange()
                      + "' AND symbol = '"
                      + k.symbol()
                      + "')");
      assertThat(clean - dups).as("clean snapshots of %s", k).isEqualTo(k.orderbookRows());
    }
  }

  @Test
  void invalidRowsMatchTheManifestByReason() throws Exception {
    Map<String, Long> ob = manifest.orderbook().invalidByReason();
    assertThat(ob.values()).allMatch(v -> v > 0);
    assertThat(duck.scalar("SELECT count(*) FROM ob WHERE exchange IS NULL"))
        .isEqualTo(ob.get("null_exchange"));
    assertThat(duck.scalar("SELECT count(*) FROM ob WHERE symbol IS NULL"))
        .isEqualTo(ob.get("null_symbol"));
    assertThat(duck.scalar("SELECT count(*) FROM ob WHERE capture_ts IS NULL"))
        .isEqualTo(ob.get("null_capture_ts"));
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM ob WHERE"
                    + " list_bool_or([isnan(l.price) for l in list_concat(bids, asks)])"))
        .isEqualTo(ob.get("price_nan"));
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM ob WHERE"
                    + " list_bool_or([l.price <= 0 for l in list_concat(bids, asks)])"))
        .isEqualTo(ob.get("price_not_positive"));
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM ob WHERE"
                    + " list_bool_or([isnan(l.amount) for l in list_concat(bids, asks)])"))
        .isEqualTo(ob.get("amount_nan"));
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM ob WHERE"
                    + " list_bool_or([l.amount < 0 for l in list_concat(bids, asks)])"))
        .isEqualTo(ob.get("amount_negative"));
    assertThat(
            duck.scalar("SELECT count(*) FROM ob") - duck.scalar("SELECT count(*) FROM ob_valid"))
        .isEqualTo(manifest.orderbook().invalidRows());

    Map<String, Long> tr = manifest.trades().invalidByReason();
    assertThat(tr.values()).allMatch(v -> v > 0);
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE exchange IS NULL"))
        .isEqualTo(tr.get("null_exchange"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE symbol IS NULL"))
        .isEqualTo(tr.get("null_symbol"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE capture_ts IS NULL"))
        .isEqualTo(tr.get("null_capture_ts"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE isnan(price)"))
        .isEqualTo(tr.get("price_nan"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE price <= 0"))
        .isEqualTo(tr.get("price_not_positive"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE isnan(amount)"))
        .isEqualTo(tr.get("amount_nan"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE amount < 0"))
        .isEqualTo(tr.get("amount_negative"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE side NOT IN ('buy', 'sell')"))
        .isEqualTo(tr.get("side_invalid"));
    assertThat(duck.scalar("SELECT count(*) FROM tr WHERE side IS NULL"))
        .isEqualTo(tr.get("side_null"));
    assertThat(
            duck.scalar("SELECT count(*) FROM tr") - duck.scalar("SELECT count(*) FROM tr_valid"))
        .isEqualTo(manifest.trades().invalidRows());

    Map<String, Long> tk = manifest.ticker().invalidByReason();
    assertThat(tk.values()).allMatch(v -> v > 0);
    assertThat(duck.scalar("SELECT count(*) FROM tk WHERE exchange IS NULL"))
        .isEqualTo(tk.get("null_exchange"));
    assertThat(duck.scalar("SELECT count(*) FROM tk WHERE symbol IS NULL"))
        .isEqualTo(tk.get("null_symbol"));
    assertThat(duck.scalar("SELECT count(*) FROM tk WHERE capture_ts IS NULL"))
        .isEqualTo(tk.get("null_capture_ts"));
  }

  @Test
  void duplicatesMatchTheManifest() throws Exception {
    long dupSnapshots =
        duck.scalar("SELECT count(*) FROM ob_valid")
            - duck.scalar(
                "SELECT count(*) FROM (SELECT DISTINCT exchange, symbol, capture_ts, bids, asks"
                    + " FROM ob_valid)");
    assertThat(dupSnapshots).isPositive().isEqualTo(manifest.orderbook().duplicateSnapshots());
    // A duplicate snapshot comes right after its original: the next seq of its exchange.
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT *, lag(seq) OVER w AS prev_seq,"
                    + " lag(bids) OVER w AS prev_bids, lag(asks) OVER w AS prev_asks FROM ob_valid"
                    + " WINDOW w AS (PARTITION BY exchange, symbol ORDER BY capture_ts, seq))"
                    + " WHERE bids = prev_bids AND asks = prev_asks AND seq = prev_seq + 1"))
        .isEqualTo(dupSnapshots);

    long repeatedIds =
        duck.scalar(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT exchange, symbol, id, count(*) AS n FROM"
                + " tr WHERE exchange IS NOT NULL AND symbol IS NOT NULL GROUP BY ALL HAVING"
                + " count(*) > 1)");
    assertThat(repeatedIds).isPositive().isEqualTo(manifest.trades().duplicateTradeIds());
    // A repeated id is an identical trade re-emitted later with a later capture_ts.
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT exchange, symbol, id, count(DISTINCT (side, price,"
                    + " amount, timestamp)) AS variants, count(DISTINCT capture_ts) AS times,"
                    + " count(*) AS n FROM tr_valid GROUP BY ALL HAVING count(*) > 1) WHERE"
                    + " variants <> 1 OR times <> n"))
        .isZero();
  }

  @Test
  void bookConditionsMatchTheManifest() throws Exception {
    var ob = manifest.orderbook();
    assertThat(duck.scalar("SELECT count(*) FROM ob_valid WHERE len(asks) = 0"))
        .isPositive()
        .isEqualTo(ob.emptyAsks());
    assertThat(duck.scalar("SELECT count(*) FROM ob_valid WHERE len(bids) = 0"))
        .isPositive()
        .isEqualTo(ob.emptyBids());
    assertThat(ob.oneSidedBooks()).isEqualTo(ob.emptyAsks() + ob.emptyBids());
    assertThat(duck.scalar("SELECT count(*) FROM ob_valid WHERE bids[1].price > asks[1].price"))
        .isPositive()
        .isEqualTo(ob.crossedBooks());
    assertThat(duck.scalar("SELECT count(*) FROM ob_valid WHERE bids[1].price = asks[1].price"))
        .isPositive()
        .isEqualTo(ob.lockedBooks());
    assertThat(ob.crossedOrLockedBooks()).isEqualTo(ob.crossedBooks() + ob.lockedBooks());
  }

  @Test
  void captureGapsMatchAWindowQuery() throws Exception {
    assertThat(manifest.captureGaps()).isNotEmpty();
    assertThat(manifest.captureGaps())
        .extracting(CaptureGap::channel)
        .contains("orderbook", "trades", "ticker");
    Set<String> expected = new HashSet<>();
    for (CaptureGap g : manifest.captureGaps()) {
      assertThat(g.seconds()).isGreaterThan(300);
      expected.add(g.channel() + " " + g.exchange() + " " + g.symbol() + " " + g.toMicros());
    }
    Set<String> actual = new HashSet<>();
    for (String[] ch :
        new String[][] {
          {"orderbook", "ob_valid"}, {"trades", "tr_valid"}, {"ticker", "tk_valid"}
        }) {
      for (Map<String, Object> row :
          duck.rows(
              "SELECT exchange, symbol, epoch_us(capture_ts) AS t FROM (SELECT exchange, symbol,"
                  + " capture_ts, lag(capture_ts) OVER (PARTITION BY exchange, symbol ORDER BY"
                  + " capture_ts, seq) AS prev FROM "
                  + ch[1]
                  + ")"
                  + " WHERE epoch_us(capture_ts) - epoch_us(prev) > 300000000")) {
        actual.add(
            ch[0] + " " + row.get("exchange") + " " + row.get("symbol") + " " + row.get("t"));
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void sharedCaptureTimestampsMatchTheManifest() throws Exception {
    var tr = manifest.trades();
    long shared =
        duck.scalar(
            "SELECT count(*) FROM tr_valid t WHERE EXISTS (SELECT 1 FROM"
                + " ob_valid o WHERE o.exchange = t.exchange AND o.symbol = t.symbol"
                + " AND o.capture_ts = t.capture_ts)");
    assertThat(shared).isPositive().isEqualTo(tr.sameCaptureTsAsSnapshot());
    long before =
        duck.scalar(
            "SELECT count(*) FROM tr_valid t WHERE t.seq < (SELECT min(o.seq)"
                + " FROM ob_valid o WHERE o.exchange = t.exchange AND o.symbol = t.symbol"
                + " AND o.capture_ts = t.capture_ts)");
    assertThat(before).isPositive().isEqualTo(tr.sameCaptureTsBeforeSnapshot());
    assertThat(shared - before).isPositive().isEqualTo(tr.sameCaptureTsAfterSnapshot());
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM tk_valid t WHERE EXISTS (SELECT 1 FROM"
                    + " ob_valid o WHERE o.exchange = t.exchange AND o.symbol = t.symbol"
                    + " AND o.capture_ts = t.capture_ts)"))
        .isPositive()
        .isEqualTo(manifest.ticker().sameCaptureTsAsSnapshot());
  }

  @Test
  void seqIncreasesPerExchangeAcrossChannels() throws Exception {
    String all =
        "SELECT exchange, seq, capture_ts, 'ob' AS ch FROM ob UNION ALL"
            + " SELECT exchange, seq, capture_ts, 'tr' FROM tr UNION ALL"
            + " SELECT exchange, seq, capture_ts, 'tk' FROM tk";
    assertThat(duck.scalar("SELECT count(*) FROM (" + all + ") WHERE seq IS NULL")).isZero();
    // Unique per exchange, and ordering by seq is ordering by capture_ts (arrival order).
    assertThat(
            duck.scalar(
                "SELECT count(*) - count(DISTINCT (exchange, seq)) FROM ("
                    + all
                    + ") WHERE exchange IS NOT NULL"))
        .isZero();
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT capture_ts, lag(capture_ts) OVER"
                    + " (PARTITION BY exchange ORDER BY seq) AS prev FROM ("
                    + all
                    + ") WHERE exchange IS"
                    + " NOT NULL AND capture_ts IS NOT NULL) WHERE capture_ts < prev"))
        .isZero();
    // Numbered 1, 2, 3...: the rows whose exchange was nulled hold the missing numbers.
    long nullExchange = duck.scalar("SELECT count(*) FROM (" + all + ") WHERE exchange IS NULL");
    for (String exchange : List.of("binance", "okx")) {
      long n =
          duck.scalar("SELECT count(*) FROM (" + all + ") WHERE exchange = '" + exchange + "'");
      long max =
          duck.scalar("SELECT max(seq) FROM (" + all + ") WHERE exchange = '" + exchange + "'");
      assertThat(
              duck.scalar("SELECT min(seq) FROM (" + all + ") WHERE exchange = '" + exchange + "'"))
          .isLessThanOrEqualTo(1 + nullExchange);
      assertThat(max).isBetween(n, n + nullExchange);
    }
    // Both equal-capture_ts orders of trade and snapshot occur, so seq really decides.
    assertThat(manifest.trades().sameCaptureTsBeforeSnapshot()).isPositive();
    assertThat(manifest.trades().sameCaptureTsAfterSnapshot()).isPositive();
  }

  @Test
  void rowsInEachFileAreChronologicalByCaptureTsAndSeq() throws Exception {
    for (String view : List.of("ob", "tr", "tk")) {
      assertThat(
              duck.scalar(
                  "SELECT count(*) FROM (SELECT capture_ts, seq, lag(capture_ts)"
                      + " OVER w AS pts, lag(seq) OVER w AS pseq FROM "
                      + view
                      + " WHERE capture_ts IS NOT"
                      + " NULL WINDOW w AS (PARTITION BY filename ORDER BY file_row_number))"
                      + " WHERE capture_ts < pts OR (capture_ts = pts AND seq < pseq)"))
          .as(view)
          .isZero();
    }
  }

  @Test
  void ndjsonHoldsTheSameRowsInSeqOrder() throws Exception {
    Path ndjson = dir.resolve("legacy/ccxt/segment_20260105T000000_20260105T001000.ndjson.gz");
    assertThat(ndjson).exists();
    Map<String, Long> typeCounts = new HashMap<>();
    Map<String, Long> lastSeq = new HashMap<>();
    long lastTs = Long.MIN_VALUE;
    long lines = 0;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(ndjson)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines++;
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        typeCounts.merge(o.get("type").getAsString(), 1L, Long::sum);
        long seq = o.get("seq").getAsLong();
        JsonElement ex = o.get("exchange");
        if (!ex.isJsonNull()) {
          Long prev = lastSeq.put(ex.getAsString(), seq);
          assertThat(prev == null || seq > prev).as("seq order at line %d", lines).isTrue();
        }
        JsonElement ts = o.get("capture_ts");
        if (!ts.isJsonNull()) {
          assertThat(ts.getAsLong()).isGreaterThanOrEqualTo(lastTs);
          lastTs = ts.getAsLong();
        }
      }
    }
    assertThat(typeCounts)
        .containsEntry("orderbook", manifest.orderbook().rows())
        .containsEntry("trade", manifest.trades().rows())
        .containsEntry("ticker", manifest.ticker().rows());
    assertThat(manifest.files("legacy"))
        .singleElement()
        .satisfies(f -> assertThat(f.rows()).isEqualTo(manifest.totalRows()));

    // Same values as the Parquet rows (NaN is null in JSON).
    String json =
        "read_json('"
            + ndjson
            + "', format = 'newline_delimited', columns = {"
            + "type: 'VARCHAR', exchange: 'VARCHAR', symbol: 'VARCHAR', capture_ts: 'BIGINT',"
            + " timestamp: 'BIGINT', seq: 'BIGINT', nonce: 'BIGINT', bids: 'DOUBLE[][]',"
            + " asks: 'DOUBLE[][]', id: 'VARCHAR', side: 'VARCHAR', price: 'DOUBLE',"
            + " amount: 'DOUBLE', cost: 'DOUBLE', bid: 'DOUBLE', last: 'DOUBLE',"
            + " quote_volume: 'DOUBLE'})";
    duck.exec("CREATE OR REPLACE TABLE nd AS SELECT * FROM " + json);
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT exchange, symbol, epoch_us(capture_ts), timestamp,"
                    + " seq, nonce, [[l.price, l.amount] for l in bids], [[l.price, l.amount] for l"
                    + " in asks] FROM ob_valid EXCEPT ALL SELECT exchange, symbol, capture_ts,"
                    + " timestamp, seq, nonce, bids, asks FROM nd WHERE type = 'orderbook')"))
        .isZero();
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT exchange, symbol, epoch_us(capture_ts), timestamp,"
                    + " seq, id, side, price, amount, cost FROM tr_valid EXCEPT ALL SELECT"
                    + " exchange, symbol, capture_ts, timestamp, seq, id, side, price, amount, cost"
                    + " FROM nd WHERE type = 'trade')"))
        .isZero();
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT exchange, symbol, epoch_us(capture_ts), seq, bid,"
                    + " last, quote_volume FROM tk_valid EXCEPT ALL SELECT exchange, symbol,"
                    + " capture_ts, seq, bid, last, quote_volume FROM nd WHERE type = 'ticker')"))
        .isZero();
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM nd WHERE type = 'orderbook' AND"
                    + " list_bool_or([l[1] IS NULL for l in list_concat(bids, asks)])"))
        .isEqualTo(manifest.orderbook().invalidByReason().get("price_nan"));
  }

  @Test
  void booksAreOrderedAndNotCrossedUnlessInjected() throws Exception {
    String ordinary = "FROM ob_valid WHERE len(bids) > 0 AND len(asks) > 0";
    long crossedOrLocked =
        duck.scalar("SELECT count(*) " + ordinary + " AND bids[1].price >= asks[1].price");
    assertThat(crossedOrLocked).isEqualTo(manifest.orderbook().crossedOrLockedBooks());
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM ob_valid WHERE"
                    + " [l.price for l in bids] <> list_sort([l.price for l in bids], 'DESC')"
                    + " OR [l.price for l in asks] <> list_sort([l.price for l in asks], 'ASC')"
                    + " OR len(list_distinct([l.price for l in bids])) <> len(bids)"
                    + " OR len(list_distinct([l.price for l in asks])) <> len(asks)"))
        .isZero();
    // 20 levels, amounts positive and growing with depth on average.
    assertThat(
            duck.scalar(
                "SELECT count(*) " + ordinary + " AND (len(bids) <> 20 OR" + " len(asks) <> 20)"))
        .isZero();
    assertThat(
            duck.scalarDouble(
                "SELECT avg(bids[20].amount) / avg(bids[1].amount) "
                    + ordinary
                    + " AND symbol = 'BTC/USDT'"))
        .isGreaterThan(2);
    // Spread 1-3 ticks most of the time, wider in episodes.
    Map<String, Double> tick =
        Map.of("BTC/USDT", 0.1, "ETH/USDT", 0.01, "SOL/USDT", 0.001, "1000PEPE/USDT:USDT", 1e-7);
    long keysWithWideEpisodes = 0;
    for (Map.Entry<String, Double> e : tick.entrySet()) {
      String spreadTicks = "round((asks[1].price - bids[1].price) / " + e.getValue() + ")";
      String where =
          ordinary + " AND bids[1].price < asks[1].price AND symbol = '" + e.getKey() + "'";
      assertThat(
              duck.scalarDouble(
                  "SELECT avg(CASE WHEN "
                      + spreadTicks
                      + " BETWEEN 1 AND 3 THEN 1.0 ELSE 0 END) "
                      + where))
          .as(e.getKey())
          .isGreaterThan(0.6);
      keysWithWideEpisodes +=
          duck.scalar(
              "SELECT count(*) FROM (SELECT exchange, max("
                  + spreadTicks
                  + ") AS m "
                  + where
                  + " GROUP BY exchange) WHERE m > 5");
      // Levels 1-3 ticks apart.
      assertThat(
              duck.scalar(
                  "SELECT count(*) "
                      + where
                      + " AND NOT list_bool_and("
                      + "[round((bids[i].price - bids[i + 1].price) / "
                      + e.getValue()
                      + ") BETWEEN 1 AND 3 for i in range(1, 20)])"))
          .isZero();
    }
    // Wide episodes (tens of seconds, every ~5 minutes on average) on most keys.
    assertThat(keysWithWideEpisodes).isGreaterThanOrEqualTo(4);
  }

  @Test
  void tradesAreBalancedButLeanOnTheNextMidMove() throws Exception {
    duck.exec(
        "CREATE OR REPLACE TABLE mids AS SELECT exchange, symbol, capture_ts,"
            + " (bids[1].price + asks[1].price) / 2 AS mid FROM ob_valid"
            + " WHERE len(bids) > 0 AND len(asks) > 0 AND bids[1].price < asks[1].price");
    duck.exec(
        "CREATE OR REPLACE TABLE tm AS SELECT t.symbol, t.side, t.price, m0.mid AS m0,"
            + " m1.mid AS m1 FROM tr_valid t ASOF JOIN mids m0 ON t.exchange = m0.exchange"
            + " AND t.symbol = m0.symbol AND t.capture_ts >= m0.capture_ts"
            + " ASOF JOIN mids m1 ON t.exchange = m1.exchange AND t.symbol = m1.symbol"
            + " AND t.capture_ts + INTERVAL 1 SECOND >= m1.capture_ts");
    double buyShare =
        duck.scalarDouble("SELECT avg(CASE WHEN side = 'buy' THEN 1.0 ELSE 0 END)" + " FROM tm");
    assertThat(buyShare).isBetween(0.4, 0.6);
    double agreement =
        duck.scalarDouble(
            "SELECT avg(CASE WHEN (side = 'buy') = (m1 > m0)"
                + " THEN 1.0 ELSE 0 END) FROM tm WHERE m1 <> m0");
    assertThat(agreement).isGreaterThan(0.55);
    // Buys at the ask or above, sells at the bid or below (against the book they hit).
    assertThat(
            duck.scalarDouble(
                "SELECT avg(CASE WHEN (side = 'buy' AND price > m0)"
                    + " OR (side = 'sell' AND price < m0) THEN 1.0 ELSE 0 END) FROM tm"))
        .isGreaterThan(0.95);
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM tr_valid WHERE taker_or_maker <> 'taker'"
                    + " OR abs(cost - price * amount) > 1e-9 * abs(cost)"))
        .isZero();
  }

  @Test
  void relatedSymbolsTrackEachOtherAcrossExchanges() throws Exception {
    // Same latent path plus a small basis: mids of one symbol on two venues within ~10 bps.
    duck.exec(
        "CREATE OR REPLACE TABLE mids2 AS SELECT exchange, symbol, capture_ts,"
            + " (bids[1].price + asks[1].price) / 2 AS mid FROM ob_valid"
            + " WHERE len(bids) > 0 AND len(asks) > 0 AND bids[1].price < asks[1].price");
    double p99Bps =
        duck.scalarDouble(
            "SELECT quantile_cont(abs(o.mid / b.mid - 1), 0.99) * 1e4"
                + " FROM mids2 b ASOF JOIN mids2 o ON o.symbol = b.symbol AND o.exchange = 'okx'"
                + " AND b.capture_ts >= o.capture_ts WHERE b.exchange = 'binance'"
                + " AND b.capture_ts - o.capture_ts < INTERVAL 1 SECOND");
    assertThat(p99Bps).isLessThan(10);
    assertThat(duck.scalarDouble("SELECT stddev(ln(mid)) FROM mids2 WHERE symbol = 'BTC/USDT'"))
        .isGreaterThan(1e-5);
  }

  @Test
  void exchangeTimeIsCaptureTimeMinusLatency() throws Exception {
    // A repeated trade keeps its exchange time but arrives later: first occurrences only.
    String firstTrades =
        "(SELECT * FROM tr_valid QUALIFY row_number() OVER (PARTITION BY"
            + " exchange, symbol, id ORDER BY capture_ts, seq) = 1)";
    for (String view : List.of("ob_valid", firstTrades, "tk_valid")) {
      List<Map<String, Object>> r =
          duck.rows(
              "SELECT min(epoch_ms(capture_ts) - timestamp) AS lo,"
                  + " max(epoch_ms(capture_ts) - timestamp) AS hi FROM "
                  + view);
      assertThat(((Number) r.get(0).get("lo")).longValue()).as(view).isGreaterThanOrEqualTo(4);
      assertThat(((Number) r.get(0).get("hi")).longValue()).as(view).isLessThanOrEqualTo(81);
    }
  }

  @Test
  void tickerFollowsBookAndTrades() throws Exception {
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM tk_valid WHERE bid >= ask OR bid_volume <= 0"
                    + " OR ask_volume <= 0"))
        .isZero();
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM tk_valid WHERE last IS NOT NULL AND NOT (low <= last AND last"
                    + " <= high AND close = last AND low * (1 - 1e-12) <= vwap AND vwap <= high *"
                    + " (1 + 1e-12) AND abs(quote_volume / base_volume - vwap) <= 1e-9 * vwap AND"
                    + " abs(change - (last - open)) <= 1e-9 * open)"))
        .isZero();
    // base_volume never decreases within a key.
    assertThat(
            duck.scalar(
                "SELECT count(*) FROM (SELECT base_volume, lag(base_volume) OVER (PARTITION BY"
                    + " exchange, symbol ORDER BY capture_ts, seq) AS prev FROM tk_valid) WHERE"
                    + " base_volume < prev"))
        .isZero();
    double pct = duck.scalarDouble("SELECT max(abs(percentage)) FROM tk_valid");
    assertThat(pct).isLessThan(10).isGreaterThan(0);
    assertThat(
            duck.scalarDouble(
                "SELECT avg(CASE WHEN last IS NULL THEN 1.0 ELSE 0 END)" + " FROM tk_valid"))
        .isCloseTo(0, within(0.05));
  }

  @Test
  void symbolsAndFilesAreAsConfigured() throws Exception {
    assertThat(duck.rows("SELECT DISTINCT exchange, symbol FROM ob_valid ORDER BY ALL")).hasSize(8);
    List<String> names = new ArrayList<>();
    for (GenerationManifest.FileEntry f : manifest.files()) {
      names.add(f.path());
      assertThat(dir.resolve(f.path())).exists();
    }
    assertThat(names)
        .containsExactly(
            "ready/ccxt/orderbook/segment_20260105T000000_20260105T001000.parquet",
            "ready/ccxt/trades/segment_20260105T000000_20260105T001000.parquet",
            "ready/ccxt/ticker/segment_20260105T000000_20260105T001000.parquet",
            "legacy/ccxt/segment_20260105T000000_20260105T001000.ndjson.gz");
  }
}
