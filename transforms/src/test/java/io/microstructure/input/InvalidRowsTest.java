package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.microstructure.model.BookBlock;
import io.microstructure.model.CaptureTsRange;
import io.microstructure.model.Channel;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import io.microstructure.transforms.ComputeMarketFeatures;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadChannel.Reader;
import io.microstructure.transforms.ReadLegacyNdjson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9, items 3, 4 and 8b: rows whose book side is unordered, whose exchange or symbol cannot
 * name a partition folder, or whose capture_ts is outside the run's range are dead letters with
 * their own reason, among valid rows that go on untouched; in both order-book readers, trades,
 * ticker and the legacy NDJSON reader.
 */
class InvalidRowsTest {
  /** The run's range: 2009-01-01T00:00Z to the wall clock 2026-01-05T12:00Z plus 24 hours. */
  private static final CaptureTsRange RANGE =
      CaptureTsRange.upTo(CaptureTsRange.DEFAULT_MIN, Instant.parse("2026-01-05T12:00:00Z"), 24);

  /** 2026-01-05T00:00:00Z in µs. */
  private static final long T0 = 1_767_571_200_000_000L;

  /** 2026-01-06T12:00:00Z in µs, the range's upper end: 1,767,571,200 + 129,600 s. */
  private static final long MAX = 1_767_700_800_000_000L;

  /** 2100-01-01T00:00:00Z in µs. */
  private static final long Y2100 = 4_102_444_800_000_000L;

  private static final String LONG_SYMBOL = "X".repeat(300);
  private static final String SEGMENT = "segment_20260105T000000_20260105T010000.parquet";

  @TempDir Path raw;
  private final DuckDb duck = new DuckDb();
  private TestPipeline p;

  @BeforeEach
  void setUp() {
    p = Pipelines.create();
  }

  @AfterEach
  void close() {
    duck.close();
  }

  /** 20 bid levels from 100.0 down (k = 0..19: 100.0 - 0.5 k), or reversed (worst first). */
  private static String twentyBids(boolean reversed) {
    List<String> levels = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      int j = reversed ? 19 - k : k;
      levels.add("{'price': " + (100.0 - 0.5 * j) + ", 'amount': 1.0}");
    }
    return "[" + String.join(", ", levels) + "]";
  }

  private static String book(
      String exchange, String symbol, long ts, long seq, String bids, String asks) {
    return "SELECT "
        + exchange
        + " AS exchange, "
        + symbol
        + " AS symbol, "
        + ts
        + "::BIGINT AS capture_ts, "
        + seq
        + "::BIGINT AS seq, CAST("
        + bids
        + " AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS bids, CAST("
        + asks
        + " AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS asks";
  }

  private void writeRows(String channel, List<String> rows) {
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      numbered.add("SELECT " + i + " AS n, * FROM (" + rows.get(i) + ")");
    }
    duck.writeParquet(
        "SELECT * EXCLUDE (n) FROM (" + String.join(" UNION ALL ", numbered) + ") ORDER BY n",
        raw.resolve("ready/ccxt/" + channel + "/" + SEGMENT));
  }

  private void writeBooks() {
    String ex = "'binance'";
    String sym = "'BTC/USDT'";
    String asks = "[{'price': 100.5, 'amount': 1.0}, {'price': 101.0, 'amount': 2.0}]";
    List<String> rows = new ArrayList<>();
    rows.add(book(ex, sym, T0, 0, twentyBids(false), asks)); // 0 valid
    rows.add(book(ex, sym, T0 + 1, 1, twentyBids(true), asks)); // 1 bids worst first
    rows.add(
        book(
            ex,
            sym,
            T0 + 2,
            2,
            "[{'price': 100.0, 'amount': 1.0}, {'price': 100.0, 'amount': 2.0}]",
            asks)); // 2 a bid level repeated
    rows.add(
        book(
            ex,
            sym,
            T0 + 3,
            3,
            twentyBids(false),
            "[{'price': 100.5, 'amount': 1.0}, {'price': 100.5, 'amount': 1.0}]")); // 3 asks
    rows.add(book(ex, "'" + LONG_SYMBOL + "'", T0 + 4, 4, twentyBids(false), asks)); // 4
    rows.add(book("''", sym, T0 + 5, 5, twentyBids(false), asks)); // 5 empty exchange
    rows.add(book(ex, sym, 0, 6, twentyBids(false), asks)); // 6 capture_ts 0: 1970
    rows.add(book(ex, sym, Y2100, 7, twentyBids(false), asks)); // 7 the year 2100
    rows.add(book(ex, sym, MAX, 8, twentyBids(false), asks)); // 8 the upper end: valid
    rows.add(book(ex, sym, MAX + 1, 9, twentyBids(false), asks)); // 9 one µs later
    rows.add(book(ex, "'ETH/USDT'", T0 + 10, 10, "[{'price': 3000.0, 'amount': 1.0}]", "[]"));
    writeRows("orderbook", rows);
  }

  private static final List<String> BOOK_DEAD_LETTERS =
      List.of(
          "1|bids|bids not strictly descending: level 2 price 91.0 >= level 1 price 90.5",
          "2|bids|bids not strictly descending: level 2 price 100.0 >= level 1 price 100.0",
          "3|asks|asks not strictly ascending: level 2 price 100.5 <= level 1 price 100.5",
          "4|symbol|symbol cannot name a partition folder: 300 bytes once escaped, more than"
              + " 200",
          "5|exchange|exchange cannot name a partition folder: empty",
          "6|capture_ts|capture_ts 1970-01-01T00:00:00Z before 2009-01-01T00:00:00Z",
          "7|capture_ts|capture_ts 2100-01-01T00:00:00Z more than 24 h after the run's wall"
              + " clock",
          "9|capture_ts|capture_ts 2026-01-06T12:00:00.000001Z more than 24 h after the run's"
              + " wall clock");

  private static String render(RejectedRow r) {
    return r.row() + "|" + r.column() + "|" + r.reason();
  }

  private static PCollection<String> rendered(PCollectionTuple out) {
    return out.get(EventTags.REJECTED)
        .apply("Render", MapElements.into(TypeDescriptors.strings()).via(InvalidRowsTest::render));
  }

  @SuppressWarnings("unchecked")
  private static PCollection<BookBlock> books(PCollectionTuple out) {
    return (PCollection<BookBlock>) (PCollection<?>) out.get(EventTags.of(Channel.ORDERBOOK));
  }

  /** Row, market, capture_ts, best bid and bid levels of a snapshot. */
  private static String show(OrderBookSnapshot s) {
    return s.row()
        + " "
        + s.symbol()
        + " "
        + s.captureTs()
        + " "
        + (s.bidPrice().length == 0 ? "-" : s.bidPrice()[0])
        + " x"
        + s.bidPrice().length;
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void orderBookRowsBreakingTheRulesAreDeadLettersTheOthersGoOn(Reader reader) {
    writeBooks();
    ReadChannel.RawInput in =
        new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, false)
            .withOrderBookReader(reader)
            .withCaptureTsRange(RANGE);
    PCollectionTuple out = p.apply(ReadChannel.channels(in, Set.of(Channel.ORDERBOOK)));

    PAssert.that(
            books(out)
                .apply("Snapshots", Rows.snapshots())
                .apply(
                    "Show", MapElements.into(TypeDescriptors.strings()).via(InvalidRowsTest::show)))
        .containsInAnyOrder(
            "0 BTC/USDT 1767571200000000 100.0 x20",
            "8 BTC/USDT 1767700800000000 100.0 x20",
            "10 ETH/USDT 1767571200000010 3000.0 x1");
    PAssert.that(rendered(out)).containsInAnyOrder(BOOK_DEAD_LETTERS);
    String source = "orderbook " + raw.resolve("ready/ccxt/orderbook/" + SEGMENT);
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Files",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.channel() + " " + r.sourceFile())))
        .satisfies(
            files -> {
              assertThat(files).hasSize(8).allMatch(source::equals);
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "orderbook", "rows_read")).isEqualTo(11);
    assertThat(counter(result, "orderbook", "rows_rejected")).isEqualTo(8);
  }

  @Test
  void tradeAndTickerRowsAreCheckedForKeysAndCaptureTime() {
    String trade = "'buy' AS side, 100.0 AS price, 0.5 AS amount";
    writeRows(
        "trades",
        List.of(
            "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, "
                + T0
                + "::BIGINT AS capture_ts, 't0' AS id, "
                + trade,
            // '€' stays as it is in the folder: 3 bytes of UTF-8; '/' becomes %2F, 3 bytes too.
            "SELECT 'binance', '" + "€/".repeat(33) + "ABC" + "', " + (T0 + 1) + ", 't1', " + trade,
            "SELECT 'binance', 'BTC/USDT', -1, 't2', " + trade,
            "SELECT 'binance', '" + "€/".repeat(33) + "AB" + "', " + (T0 + 3) + ", 't3', " + trade));
    String tick = "100.0 AS bid, 100.5 AS ask, 100.2 AS last";
    writeRows(
        "ticker",
        List.of(
            "SELECT '' AS exchange, 'BTC/USDT' AS symbol, "
                + T0
                + "::BIGINT AS capture_ts, "
                + tick,
            "SELECT 'binance', 'BTC/USDT', " + Y2100 + ", " + tick,
            "SELECT 'binance', 'BTC/USDT', " + (T0 + 2) + ", " + tick));
    ReadChannel.RawInput in =
        new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, false)
            .withCaptureTsRange(RANGE);
    PCollectionTuple out =
        p.apply(ReadChannel.channels(in, Set.of(Channel.TRADES, Channel.TICKER)));

    @SuppressWarnings("unchecked")
    PCollection<TradeBlock> trades =
        (PCollection<TradeBlock>) (PCollection<?>) out.get(EventTags.of(Channel.TRADES));
    @SuppressWarnings("unchecked")
    PCollection<TickerBlock> tickers =
        (PCollection<TickerBlock>) (PCollection<?>) out.get(EventTags.of(Channel.TICKER));
    PAssert.that(
            trades
                .apply("Trades", Rows.trades())
                .apply(
                    "ShowTrades",
                    MapElements.into(TypeDescriptors.strings())
                        .via(t -> t.row() + " " + t.id() + " " + t.symbol().length())))
        .containsInAnyOrder("0 t0 8", "3 t3 68" /* 33 × "€/" + "AB": 68 characters, 200 bytes once escaped */);
    PAssert.that(
            tickers
                .apply("Tickers", Rows.tickers())
                .apply(
                    "ShowTickers",
                    MapElements.into(TypeDescriptors.strings()).via(t -> t.row() + " " + t.last())))
        .containsInAnyOrder("2 100.2");
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.channel() + "|" + render(r))))
        .containsInAnyOrder(
            "trades|1|symbol|symbol cannot name a partition folder: 201 bytes once escaped,"
                + " more than 200",
            "trades|2|capture_ts|capture_ts 1969-12-31T23:59:59.999999Z before"
                + " 2009-01-01T00:00:00Z",
            "ticker|0|exchange|exchange cannot name a partition folder: empty",
            "ticker|1|capture_ts|capture_ts 2100-01-01T00:00:00Z more than 24 h after the"
                + " run's wall clock");
    p.run().waitUntilFinish();
  }

  @Test
  void legacyNdjsonLinesAreCheckedLikeParquetRows() throws IOException {
    String bids20 = "";
    String reversed20 = "";
    for (int k = 0; k < 20; k++) {
      bids20 += (k == 0 ? "" : ",") + "[" + (100.0 - 0.5 * k) + ",1.0]";
      reversed20 += (k == 0 ? "" : ",") + "[" + (100.0 - 0.5 * (19 - k)) + ",1.0]";
    }
    String key = "\"exchange\":\"binance\",\"symbol\":\"BTC/USDT\",\"capture_ts\":";
    String asks = ",\"asks\":[[100.5,1.0],[101.0,2.0]]}";
    List<String> lines =
        List.of(
            // line 1: valid
            "{\"type\":\"orderbook\"," + key + T0 + ",\"bids\":[" + bids20 + "]" + asks,
            // 2: bids worst first
            "{\"type\":\"orderbook\"," + key + (T0 + 1) + ",\"bids\":[" + reversed20 + "]" + asks,
            // 3: an ask level repeated
            "{\"type\":\"orderbook\","
                + key
                + (T0 + 2)
                + ",\"bids\":[[100.0,1.0]],\"asks\":[[100.5,1.0],[100.5,2.0]]}",
            // 4: a 300-character symbol
            "{\"type\":\"trade\",\"exchange\":\"binance\",\"symbol\":\""
                + LONG_SYMBOL
                + "\",\"capture_ts\":"
                + (T0 + 3)
                + ",\"side\":\"buy\",\"price\":100.0,\"amount\":1.0}",
            // 5: capture_ts 0
            "{\"type\":\"ticker\"," + key + "0,\"last\":100.2}",
            // 6: the year 2100
            "{\"type\":\"trade\","
                + key
                + Y2100
                + ",\"side\":\"sell\",\"price\":100.0,\"amount\":1.0}",
            // 7: valid
            "{\"type\":\"trade\","
                + key
                + (T0 + 6)
                + ",\"side\":\"sell\",\"price\":100.0,\"amount\":1.0}");
    Path file = raw.resolve("segment_20260105T000000_20260105T010000.ndjson");
    Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);

    PCollectionTuple out =
        p.apply(
            new ReadLegacyNdjson(ReadLegacyNdjson.filepattern(raw.toString()), CaptureTsUnit.MICROS)
                .withCaptureTsRange(RANGE));
    PAssert.that(
            out.get(EventTags.SNAPSHOTS)
                .apply("Snapshots", Rows.snapshots())
                .apply(
                    "Show", MapElements.into(TypeDescriptors.strings()).via(InvalidRowsTest::show)))
        .containsInAnyOrder("1 BTC/USDT 1767571200000000 100.0 x20");
    PAssert.that(
            out.get(EventTags.TRADES)
                .apply("Trades", Rows.trades())
                .apply(
                    "ShowTrades",
                    MapElements.into(TypeDescriptors.strings()).via(t -> t.row() + " " + t.buy())))
        .containsInAnyOrder("7 false");
    PAssert.that(out.get(EventTags.TICKERS).apply("Tickers", Rows.tickers())).empty();
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.channel() + "|" + render(r))))
        .containsInAnyOrder(
            "orderbook|2|bids|bids not strictly descending: level 2 price 91.0 >= level 1 price"
                + " 90.5",
            "orderbook|3|asks|asks not strictly ascending: level 2 price 100.5 <= level 1 price"
                + " 100.5",
            "trades|4|symbol|symbol cannot name a partition folder: 300 bytes once escaped,"
                + " more than 200",
            "ticker|5|capture_ts|capture_ts 1970-01-01T00:00:00Z before 2009-01-01T00:00:00Z",
            "trades|6|capture_ts|capture_ts 2100-01-01T00:00:00Z more than 24 h after the"
                + " run's wall clock");
    p.run().waitUntilFinish();
  }

  private static long counter(PipelineResult result, String namespace, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(namespace, name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
