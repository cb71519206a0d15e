package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.BookBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RejectedRow;
import io.microstructure.model.Trade;
import io.microstructure.model.TradeBlock;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import io.microstructure.transforms.ReadChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading raw channels written by a non-Java writer (DuckDB): both book layouts, field order
 * different from ours, capture_ts units, and malformed rows that must reach the dead letters with
 * file, row and column.
 */
class ReadChannelTest {
  @TempDir Path raw;
  private final DuckDb duck = new DuckDb();
  private TestPipeline p;

  @BeforeEach
  void setUp() {
    p = Pipelines.create();
  }

  private Path channelFile(String channel, String name) {
    return raw.resolve("ready/ccxt/" + channel + "/" + name);
  }

  @Test
  void readsStructBooksByNameAndRejectsBadRows() {
    // Columns deliberately in another order than orderbook.avsc: by-position mapping would swap.
    duck.writeParquet(
        "SELECT * FROM (VALUES ([{'price': 100.0, 'amount': 2.0}, {'price': 99.5, 'amount': 3.0}],"
            + " [{'price': 100.5, 'amount': 1.0}], 7::BIGINT, TIMESTAMP '2026-01-05 00:00:01.250',"
            + " 'BTC/USDT', 'binance'),([{'price': -1.0, 'amount': 2.0}], [{'price': 100.5,"
            + " 'amount': 1.0}], 8::BIGINT, TIMESTAMP '2026-01-05 00:00:01.350', 'BTC/USDT',"
            + " 'binance'),([{'price': 100.0, 'amount': 2.0}], [], 9::BIGINT, TIMESTAMP '2026-01-05"
            + " 00:00:01.450', NULL, 'binance'),([{'price': 100.0, 'amount': 2.0}], [{'price':"
            + " 100.5, 'amount': 'nan'::DOUBLE}], 10::BIGINT, TIMESTAMP '2026-01-05 00:00:01.550',"
            + " 'BTC/USDT', 'binance')) t(bids, asks, seq, capture_ts, symbol, exchange)",
        channelFile("orderbook", "segment_20260105T000000_20260105T010000.parquet"));

    String file =
        channelFile("orderbook", "segment_20260105T000000_20260105T010000.parquet").toString();
    ReadChannel<OrderBookSnapshot, BookBlock> spec =
        ReadChannel.orderBook(ReadChannel.RawInput.of(raw.toString(), "ccxt"));
    PCollectionTuple out = p.apply(spec);

    PAssert.that(
            out.get(spec.validTag())
                .apply("Rows1", Rows.snapshots())
                .apply(
                    "Show1",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            s ->
                                s.exchange()
                                    + " "
                                    + s.symbol()
                                    + " "
                                    + s.captureTs()
                                    + " "
                                    + s.seq()
                                    + " "
                                    + s.row()
                                    + " "
                                    + Arrays.toString(s.bidPrice())
                                    + Arrays.toString(s.bidAmount())
                                    + Arrays.toString(s.askPrice())
                                    + Arrays.toString(s.askAmount()))))
        // 2026-01-05T00:00:01.250Z = 1767571201250000 µs.
        .containsInAnyOrder(
            "binance BTC/USDT 1767571201250000 7 0 [100.0, 99.5][2.0, 3.0][100.5][1.0]");
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Show2",
                    MapElements.into(TypeDescriptors.strings()).via(RejectedRow::toString)))
        .satisfies(
            rows -> {
              List<String> all = new ArrayList<>();
              rows.forEach(all::add);
              assertThat(all).hasSize(3);
              assertThat(all)
                  .anySatisfy(
                      r ->
                          assertThat(r)
                              .contains(file)
                              .contains("row 1 column bids")
                              .contains("price -1.0"))
                  .anySatisfy(r -> assertThat(r).contains("row 2 column symbol").contains("null"))
                  .anySatisfy(r -> assertThat(r).contains("row 3 column asks").contains("amount"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void readsPairBooksAndMillisecondTimestampsAndPlainInt64Micros() {
    // list<list<double>> books, capture_ts as TIMESTAMP_MS.
    duck.writeParquet(
        "SELECT 'okx' AS exchange, 'ETH/USDT' AS symbol,"
            + " epoch_ms(1767571201250)::TIMESTAMP_MS AS capture_ts,"
            + " [[3000.0, 1.5], [2999.0, 2.5]] AS bids, [[3001.0, 0.5]] AS asks",
        channelFile("orderbook", "segment_20260105T000000_20260105T010000.parquet"));
    // A second file with capture_ts as a plain int64 (microseconds by contract), and no seq column.
    duck.writeParquet(
        "SELECT 'okx' AS exchange, 'ETH/USDT' AS symbol, 1767574800000001::BIGINT AS capture_ts,"
            + " [[3000.0, 1.5]] AS bids, [[3001.0, 0.5]] AS asks",
        channelFile("orderbook", "segment_20260105T010000_20260105T020000.parquet"));
    ReadChannel<OrderBookSnapshot, BookBlock> read =
        ReadChannel.orderBook(ReadChannel.RawInput.of(raw.toString(), "ccxt"));
    PCollectionTuple out = p.apply(read);
    PAssert.that(
            out.get(read.validTag())
                .apply("Rows3", Rows.snapshots())
                .apply(
                    "Show3",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            s ->
                                s.captureTs()
                                    + " "
                                    + (s.seq() == Long.MIN_VALUE ? "noseq" : s.seq())
                                    + " "
                                    + Arrays.toString(s.bidPrice())
                                    + Arrays.toString(s.bidAmount())
                                    + Arrays.toString(s.askPrice()))))
        .containsInAnyOrder(
            "1767571201250000 noseq [3000.0, 2999.0][1.5, 2.5][3001.0]",
            "1767574800000001 noseq [3000.0][1.5][3001.0]");
    PAssert.that(out.get(EventTags.REJECTED)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void tradesValidateSideAndPriceAndKeepFilePosition() {
    duck.writeParquet(
        "SELECT * FROM (VALUES ('binance', 'BTC/USDT', 1767571201000000::BIGINT, 1::BIGINT, 't1',"
            + " 'buy', 100.0, 0.5),('binance', 'BTC/USDT', 1767571201000001::BIGINT, 2::BIGINT,"
            + " 't2', 'BUY', 100.0, 0.5),('binance', 'BTC/USDT', 1767571201000002::BIGINT,"
            + " 3::BIGINT, 't3', 'sell', 0.0, 0.5),('binance', 'BTC/USDT',"
            + " 1767571201000003::BIGINT, 4::BIGINT, 't4', 'sell', 100.0, -0.5),('binance',"
            + " 'BTC/USDT', 1767571201000004::BIGINT, 5::BIGINT, NULL, 'sell', 101.0, 0.25))"
            + " t(exchange, symbol, capture_ts, seq, id, side, price, amount)",
        channelFile("trades", "segment_20260105T000000_20260105T010000.parquet"));
    ReadChannel<Trade, TradeBlock> read =
        ReadChannel.trades(ReadChannel.RawInput.of(raw.toString(), "ccxt"));
    PCollectionTuple out = p.apply(read);
    PAssert.that(
            out.get(read.validTag())
                .apply("Rows4", Rows.trades())
                .apply(
                    "Show4",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            t ->
                                t.row()
                                    + " "
                                    + t.id()
                                    + " "
                                    + t.buy()
                                    + " "
                                    + t.price()
                                    + " "
                                    + t.amount())))
        .containsInAnyOrder("0 t1 true 100.0 0.5", "4 null false 101.0 0.25");
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Show5",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.row() + " " + r.column())))
        .containsInAnyOrder("1 side", "2 price", "3 amount");
    p.run().waitUntilFinish();
  }

  /**
   * A capture tool that flushes often writes small row groups: 40 of 2,048 trades here, fewer rows
   * than a batch, so one batch. They still make full blocks of 4,096 rows: 20 blocks, where a block
   * per row group made 40 half-full ones.
   */
  @Test
  void smallRowGroupsStillMakeFullBlocksInFileOrder() throws java.io.IOException {
    Path file = channelFile("trades", "segment_20260105T000000_20260105T010000.parquet");
    java.nio.file.Files.createDirectories(file.getParent());
    duck.execute(
        "COPY (SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol,"
            + " (1767571201000000 + i)::BIGINT AS capture_ts, i::BIGINT AS seq,"
            + " 't' || i AS id, 'buy' AS side, 100.0 AS price, 0.5 AS amount"
            + " FROM range(81920) t(i) ORDER BY i) TO '"
            + file
            + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
    assertThat(
            duck.count(
                "SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')"))
        .isEqualTo(40);
    ReadChannel<Trade, TradeBlock> read =
        ReadChannel.trades(ReadChannel.RawInput.of(raw.toString(), "ccxt"));
    PCollectionTuple out = p.apply(read);
    PAssert.that(
            out.get(read.validTag())
                .apply(
                    "Blocks",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (TradeBlock b) ->
                                b.size() + " rows from " + b.trades().get(0).row())))
        .containsInAnyOrder(
            java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "4096 rows from " + 4096L * i)
                .toArray(String[]::new));
    p.run().waitUntilFinish();
  }

  @Test
  void fileWithoutRequiredColumnFailsNamingFileAndColumn() {
    duck.writeParquet(
        "SELECT 'binance' AS exchange, 1767571201000000::BIGINT AS capture_ts, 'buy' AS side,"
            + " 1.0 AS price, 1.0 AS amount",
        channelFile("trades", "segment_20260105T000000_20260105T010000.parquet"));
    p.apply(ReadChannel.trades(ReadChannel.RawInput.of(raw.toString(), "ccxt")));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("segment_20260105T000000_20260105T010000.parquet")
        .hasStackTraceContaining("column 'symbol' is missing");
  }

  @Test
  void skippedFileIsDeadLetteredOnce() {
    duck.writeParquet(
        "SELECT 'binance' AS exchange, 1767571201000000::BIGINT AS capture_ts, 'buy' AS side,"
            + " 1.0 AS price, 1.0 AS amount",
        channelFile("trades", "segment_20260105T000000_20260105T010000.parquet"));
    ReadChannel<Trade, TradeBlock> read =
        ReadChannel.trades(
            new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, true));
    PCollectionTuple out = p.apply(read);
    PAssert.that(out.get(read.validTag())).empty();
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Show6",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.row() + " " + r.column())))
        .containsInAnyOrder("-1 symbol");
    p.run().waitUntilFinish();
  }
}
