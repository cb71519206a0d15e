package io.microstructure.input;

import io.microstructure.io.SegmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.BookBlock;
import io.microstructure.model.EventPosition;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import io.microstructure.testing.DaedalusCaptures;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadChannel.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * daedalus captures read as they are ({@link DaedalusCaptures}: Hive-style subfolders, level
 * {@code size}, {@code trade_id}, TIMESTAMP capture_ts, partition columns in the files), and
 * column names mapped by the config for other capture tools. Expected values come from DuckDB
 * reading the same files.
 */
class DaedalusLayoutReadTest {
  private static final String SOURCE = "daedalus";
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

  private String glob(String channel) {
    return raw.resolve("ready/" + SOURCE + "/" + channel) + "/**/*.parquet";
  }

  private static double d(Object o) {
    return ((Number) o).doubleValue();
  }

  private static String book(Map<String, Object> r) {
    return r.get("exchange")
        + "|"
        + r.get("symbol")
        + "|"
        + r.get("ts")
        + "|"
        + Arrays.toString(new double[] {d(r.get("bp1")), d(r.get("bp2"))})
        + Arrays.toString(new double[] {d(r.get("bs1")), d(r.get("bs2"))})
        + Arrays.toString(new double[] {d(r.get("ap1")), d(r.get("ap2"))})
        + Arrays.toString(new double[] {d(r.get("as1")), d(r.get("as2"))});
  }

  private static String render(OrderBookSnapshot s) {
    return s.exchange()
        + "|"
        + s.symbol()
        + "|"
        + s.captureTs()
        + "|"
        + Arrays.toString(s.bidPrice())
        + Arrays.toString(s.bidAmount())
        + Arrays.toString(s.askPrice())
        + Arrays.toString(s.askAmount());
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void orderBooksOfTheDaedalusLayoutAreReadWithSizeAsTheAmount(Reader reader) {
    DaedalusCaptures.write(duck, raw, SOURCE);
    String levels =
        "bids[1].price AS bp1, bids[2].price AS bp2, bids[1].size AS bs1, bids[2].size AS bs2,"
            + " asks[1].price AS ap1, asks[2].price AS ap2, asks[1].size AS as1,"
            + " asks[2].size AS as2";
    String valid =
        "bids[1].size IS NOT NULL AND bids[2].size IS NOT NULL AND asks[1].price > 0"
            + " AND asks[2].price > 0 AND bids[1].price > bids[2].price"
            + " AND asks[1].price < asks[2].price";
    List<String> expected = new ArrayList<>();
    for (Map<String, Object> r :
        duck.query(
            "SELECT exchange, symbol, epoch_us(capture_ts) AS ts, "
                + levels
                + " FROM read_parquet('"
                + glob("orderbook")
                + "', hive_partitioning = false) WHERE "
                + valid)) {
      expected.add(book(r));
    }
    assertThat(expected).hasSize(140 - 2);
    List<String> rejected = new ArrayList<>();
    for (Map<String, Object> r :
        duck.query(
            "SELECT filename, file_row_number FROM read_parquet('"
                + glob("orderbook")
                + "', hive_partitioning = false, filename = true, file_row_number = true)"
                + " WHERE NOT ("
                + valid
                + ") ORDER BY file_row_number")) {
      rejected.add(r.get("filename") + "|" + r.get("file_row_number"));
    }
    String first =
        DaedalusCaptures.hourDir(raw, SOURCE, "orderbook", "binance", "BTC-USDT", 0)
            .resolve(DaedalusCaptures.segmentName(0, 0))
            .toString();
    assertThat(rejected).containsExactly(first + "|7", first + "|8");

    ReadChannel<OrderBookSnapshot, BookBlock> read =
        ReadChannel.orderBook(
            ReadChannel.RawInput.of(raw.toString(), SOURCE).withOrderBookReader(reader));
    PCollectionTuple out = p.apply(read);
    PAssert.that(
            out.get(read.validTag())
                .apply("Rows", Rows.snapshots())
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings())
                        .via(DaedalusLayoutReadTest::render)))
        .containsInAnyOrder(expected);
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "RenderRejected",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.sourceFile() + "|" + r.row() + "|" + r.column() + "|" + r.reason())))
        .containsInAnyOrder(
            first + "|7|bids|level 1: amount is null or NaN",
            first + "|8|asks|level 2: price -1.0 is not finite and > 0");
    p.run().waitUntilFinish();
  }

  @Test
  void tradesKeepTheirTradeIdAndTickersTheirSnakeCaseFields() {
    DaedalusCaptures.write(duck, raw, SOURCE);
    List<String> trades = new ArrayList<>();
    for (Map<String, Object> r :
        duck.query(
            "SELECT exchange, symbol, epoch_us(capture_ts) AS ts, trade_id, side, price, amount"
                + " FROM read_parquet('"
                + glob("trades")
                + "', hive_partitioning = false) WHERE side IN ('buy', 'sell')")) {
      trades.add(
          r.get("exchange")
              + "|"
              + r.get("symbol")
              + "|"
              + r.get("ts")
              + "|"
              + r.get("trade_id")
              + "|"
              + r.get("side").equals("buy")
              + "|"
              + d(r.get("price"))
              + "|"
              + d(r.get("amount")));
    }
    assertThat(trades).hasSize(79).allSatisfy(t -> assertThat(t).doesNotContain("|null|"));
    List<String> tickers = new ArrayList<>();
    for (Map<String, Object> r :
        duck.query(
            "SELECT exchange, symbol, epoch_us(capture_ts) AS ts, bid, ask, last, base_volume,"
                + " quote_volume, percentage FROM read_parquet('"
                + glob("ticker")
                + "', hive_partitioning = false)")) {
      tickers.add(
          r.get("exchange")
              + "|"
              + r.get("symbol")
              + "|"
              + r.get("ts")
              + "|"
              + d(r.get("bid"))
              + "|"
              + d(r.get("ask"))
              + "|"
              + d(r.get("last"))
              + "|"
              + d(r.get("base_volume"))
              + "|"
              + d(r.get("quote_volume"))
              + "|"
              + d(r.get("percentage")));
    }
    assertThat(tickers).hasSize(30);

    ReadChannel.RawInput input = ReadChannel.RawInput.of(raw.toString(), SOURCE);
    ReadChannel<Trade, TradeBlock> readTrades = ReadChannel.trades(input);
    PCollectionTuple t = p.apply("Trades", readTrades);
    PAssert.that(
            t.get(readTrades.validTag())
                .apply("TradeRows", Rows.trades())
                .apply(
                    "RenderTrades",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (Trade x) ->
                                x.exchange()
                                    + "|"
                                    + x.symbol()
                                    + "|"
                                    + x.captureTs()
                                    + "|"
                                    + x.id()
                                    + "|"
                                    + x.buy()
                                    + "|"
                                    + x.price()
                                    + "|"
                                    + x.amount())))
        .containsInAnyOrder(trades);
    PAssert.that(
            t.get(EventTags.REJECTED)
                .apply(
                    "RenderTradeRejections",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.row() + "|" + r.column() + "|" + r.reason())))
        .containsInAnyOrder("5|side|side 'foo' is not buy or sell");
    ReadChannel<TickerUpdate, TickerBlock> readTicker = ReadChannel.ticker(input);
    PCollectionTuple k = p.apply("Ticker", readTicker);
    PAssert.that(
            k.get(readTicker.validTag())
                .apply("TickerRows", Rows.tickers())
                .apply(
                    "RenderTicker",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (TickerUpdate x) ->
                                x.exchange()
                                    + "|"
                                    + x.symbol()
                                    + "|"
                                    + x.captureTs()
                                    + "|"
                                    + x.bid()
                                    + "|"
                                    + x.ask()
                                    + "|"
                                    + x.last()
                                    + "|"
                                    + x.baseVolume()
                                    + "|"
                                    + x.quoteVolume()
                                    + "|"
                                    + x.percentage())))
        .containsInAnyOrder(tickers);
    PAssert.that(k.get(EventTags.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void daedalusSegmentNamesGiveTheirHourAndOrderFilesByCounter() {
    String a = "/r/x/hour=00/segment_20260105T00_00000.parquet";
    String b = "/r/x/hour=00/segment_20260105T00_00001.parquet";
    String c = "/r/x/hour=01/segment_20260105T01_00000.parquet";
    assertThat(SegmentFiles.segmentStartEpochSeconds(a)).isEqualTo(DaedalusCaptures.HOUR0);
    assertThat(SegmentFiles.segmentEndEpochSeconds(a)).isEqualTo(DaedalusCaptures.HOUR0 + 3600);
    assertThat(SegmentFiles.fileKey(a)).isLessThan(SegmentFiles.fileKey(b));
    assertThat(SegmentFiles.fileKey(b)).isLessThan(SegmentFiles.fileKey(c));
    // The other form still parses.
    assertThat(
            SegmentFiles.segmentStartEpochSeconds(
                "/r/segment_20260105T000000_20260105T010000.parquet"))
        .isEqualTo(DaedalusCaptures.HOUR0);
    assertThat(SegmentFiles.segmentStartEpochSeconds("/r/segment_x.parquet")).isZero();
    assertThat(EventPosition.fileKey(0, "x")).isLessThan(SegmentFiles.fileKey(a));
  }

  /** CCXT camelCase ticker and trades, and a book whose levels say qty: a mapping reads them. */
  private void writeCcxtStyle() {
    Path ticker = raw.resolve("ready/" + SOURCE + "/ticker/segment_20260105T00_00000.parquet");
    DaedalusCaptures.copy(
        duck,
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol,"
            + " to_timestamp(" + DaedalusCaptures.HOUR0 + " + i) AS capture_ts,"
            + " 100.0 AS bid, 2.0 + i AS bidVolume, 101.0 AS ask, 100.5 AS last,"
            + " 10.0 * (i + 1) AS baseVolume, 1000.0 * (i + 1) AS quoteVolume,"
            + " 0.25 AS percentage FROM range(3) t(i)",
        ticker);
    Path trades = raw.resolve("ready/" + SOURCE + "/trades/segment_20260105T00_00000.parquet");
    DaedalusCaptures.copy(
        duck,
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol,"
            + " to_timestamp(" + DaedalusCaptures.HOUR0 + " + i) AS capture_ts,"
            + " 'x' || i AS tradeId, 'buy' AS side, 100.0 AS price, 0.5 AS amount,"
            + " 'taker' AS takerOrMaker FROM range(2) t(i)",
        trades);
    Path books = raw.resolve("ready/" + SOURCE + "/orderbook/segment_20260105T00_00000.parquet");
    DaedalusCaptures.copy(
        duck,
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol,"
            + " to_timestamp(" + DaedalusCaptures.HOUR0 + " + i) AS capture_ts,"
            + " [{'price': 100.0, 'qty': 1.0 + i}] AS bids, [{'price': 101.0, 'qty': 2.0}] AS asks"
            + " FROM range(2) t(i)",
        books);
  }

  @Test
  void anUnmappedCamelCaseColumnFailsNamingTheConfigKeyInsteadOfReadingAsNull() {
    writeCcxtStyle();
    p.apply(ReadChannel.ticker(ReadChannel.RawInput.of(raw.toString(), SOURCE)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining(
            "column 'bid_volume' is missing, but the file has 'bidVolume': map it in the config"
                + " (input.columns.ticker.bid_volume: bidVolume)");
  }

  @Test
  void anUnmappedTradeIdFails() {
    writeCcxtStyle();
    p.apply(ReadChannel.trades(ReadChannel.RawInput.of(raw.toString(), SOURCE)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("column 'id' is missing, but the file has 'tradeId'");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void aBookLevelWithoutAmountFailsUnlessMapped(Reader reader) {
    writeCcxtStyle();
    p.apply(
        ReadChannel.orderBook(
            ReadChannel.RawInput.of(raw.toString(), SOURCE).withOrderBookReader(reader)));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("column 'bids.amount' is missing: a level has the fields [price, qty]")
        .hasStackTraceContaining("input.columns.orderbook.amount");
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void mappedColumnsAreReadByBothBookReadersAndTheDecoders(Reader reader) {
    writeCcxtStyle();
    ColumnNames names =
        ColumnNames.parse(
            List.of(
                "orderbook.amount=qty",
                "trades.id=tradeId",
                "ticker.bid_volume=bidVolume",
                "ticker.base_volume=baseVolume",
                "ticker.quote_volume=quoteVolume"));
    ReadChannel.RawInput input =
        ReadChannel.RawInput.of(raw.toString(), SOURCE)
            .withOrderBookReader(reader)
            .withColumnNames(names);
    long t0 = DaedalusCaptures.HOUR0 * 1_000_000L;
    ReadChannel<OrderBookSnapshot, BookBlock> books = ReadChannel.orderBook(input);
    PCollectionTuple b = p.apply("Books", books);
    PAssert.that(
            b.get(books.validTag())
                .apply("BookRows", Rows.snapshots())
                .apply(
                    "RenderBooks",
                    MapElements.into(TypeDescriptors.strings())
                        .via(DaedalusLayoutReadTest::render)))
        .containsInAnyOrder(
            "binance|BTC/USDT|" + t0 + "|[100.0][1.0][101.0][2.0]",
            "binance|BTC/USDT|" + (t0 + 1_000_000) + "|[100.0][2.0][101.0][2.0]");
    ReadChannel<Trade, TradeBlock> trades = ReadChannel.trades(input);
    PCollectionTuple t = p.apply("Trades", trades);
    PAssert.that(
            t.get(trades.validTag())
                .apply("TradeRows", Rows.trades())
                .apply("Ids", MapElements.into(TypeDescriptors.strings()).via(Trade::id)))
        .containsInAnyOrder("x0", "x1");
    ReadChannel<TickerUpdate, TickerBlock> ticker = ReadChannel.ticker(input);
    PCollectionTuple k = p.apply("Ticker", ticker);
    PAssert.that(
            k.get(ticker.validTag())
                .apply("TickerRows", Rows.tickers())
                .apply(
                    "Volumes",
                    MapElements.into(TypeDescriptors.strings())
                        .via((TickerUpdate x) -> x.baseVolume() + "|" + x.quoteVolume())))
        .containsInAnyOrder("10.0|1000.0", "20.0|2000.0", "30.0|3000.0");
    p.run().waitUntilFinish();
  }

  @Test
  void mappingEntriesAreChecked() {
    assertThat(ColumnNames.parse(List.of("ticker.bid_volume=bidVolume")).entries())
        .containsExactly("ticker.bid_volume=bidVolume");
    assertThat(ColumnNames.BUILT_IN.candidates(io.microstructure.model.Channel.ORDERBOOK, "amount"))
        .containsExactly("amount", "size");
    assertThat(ColumnNames.BUILT_IN.candidates(io.microstructure.model.Channel.TRADES, "id"))
        .containsExactly("id", "trade_id");
    assertThatThrownBy(() -> ColumnNames.parse(List.of("ticker.bidVolume=x")))
        .hasMessageContaining("ticker has no column 'bidVolume'");
    assertThatThrownBy(() -> ColumnNames.parse(List.of("book.amount=x")))
        .hasMessageContaining("no channel 'book'");
    assertThatThrownBy(() -> ColumnNames.parse(List.of("ticker.bid")))
        .hasMessageContaining("is not <channel>.<column>=<name in the files>");
  }
}
