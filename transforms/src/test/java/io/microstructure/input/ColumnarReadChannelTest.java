package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.input.BookFiles.Layout;
import io.microstructure.model.BookBlock;
import io.microstructure.model.OrderBookSnapshot;
import io.microstructure.model.RejectedRow;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.Pipelines;
import io.microstructure.testing.Rows;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadChannel.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
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
 * The order-book channel through Beam with either reader: same snapshots, same dead letters (file,
 * row, column, reason), same counters, row groups split into restrictions, a file of a layout the
 * columnar reader declines read by the record path, and the same failure or skip for a file lacking
 * a required column.
 */
class ColumnarReadChannelTest {
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

  private Path channelFile(String name) {
    Path f = raw.resolve("ready/ccxt/orderbook/" + name);
    f.getParent().toFile().mkdirs();
    return f;
  }

  /**
   * Four files: DuckDB struct (several row groups), DuckDB pairs, parquet-avro 2-level, and one
   * with exchange stored as a number (declined by the columnar reader, read by the record path).
   */
  private List<Path> writeInputs() throws Exception {
    List<Path> files = new ArrayList<>();
    Path tmp = raw.resolve("tmp.parquet");
    duck.writeParquet(
        "SELECT CASE WHEN i % 101 = 3 THEN NULL ELSE 'binance' END AS exchange,"
            + " 'BTC/USDT' AS symbol, 1767571201250000 + i AS capture_ts, i AS seq,"
            + " CAST(CASE WHEN i % 13 = 0 THEN NULL ELSE [{'price': 100.0 + (i % 7), 'amount':"
            + " 1.0}, {'price': 99.0, 'amount': CASE WHEN i % 97 = 5 THEN -1 ELSE 2 END}] END"
            + " AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS bids,"
            + " CAST([{'price': 101.0, 'amount': 0.5}] AS STRUCT(price DOUBLE, amount DOUBLE)[])"
            + " AS asks FROM range(5000) t(i) ORDER BY i",
        tmp);
    Path struct = channelFile("segment_20260105T000000_20260105T010000.parquet");
    duck.execute(
        "COPY (SELECT * FROM read_parquet('"
            + tmp
            + "') ORDER BY seq) TO '"
            + struct
            + "' (FORMAT PARQUET, ROW_GROUP_SIZE 2048)");
    files.add(struct);
    Path pairs = channelFile("segment_20260105T010000_20260105T020000.parquet");
    duck.writeParquet(
        "SELECT 'okx' AS exchange, 'ETH/USDT' AS symbol,"
            + " epoch_ms(1767574800000 + i)::TIMESTAMP_MS AS capture_ts,"
            + " CAST(CASE WHEN i % 11 = 0 THEN [[3000.0]] ELSE [[3000.0, 1.5], [2999.0, 2.5]] END"
            + " AS DOUBLE[][]) AS bids, CAST([[3001.0, 0.5]] AS DOUBLE[][]) AS asks"
            + " FROM range(300) t(i) ORDER BY i",
        pairs);
    files.add(pairs);
    Path legacy = channelFile("segment_20260105T020000_20260105T030000.parquet");
    BookFiles.write(
        legacy,
        Layout.AVRO_PAIRS_2,
        BookFiles.random(Layout.AVRO_PAIRS_2, new Random(7), 2000),
        16 * 1024);
    files.add(legacy);
    Path numeric = channelFile("segment_20260105T030000_20260105T040000.parquet");
    duck.writeParquet(
        "SELECT 42 AS exchange, 'BTC/USDT' AS symbol, 1767582000000000 + i AS capture_ts,"
            + " CAST([{'price': 100.0, 'amount': CASE WHEN i = 3 THEN -1 ELSE 1 END}] AS"
            + " STRUCT(price DOUBLE, amount DOUBLE)[]) AS bids,"
            + " CAST([] AS STRUCT(price DOUBLE, amount DOUBLE)[]) AS asks FROM range(10) t(i)",
        numeric);
    files.add(numeric);
    return files;
  }

  @ParameterizedTest
  @EnumSource(Reader.class)
  void bothReadersGiveTheRecordPathsRowsAndDeadLetters(Reader reader) throws Exception {
    List<Path> files = writeInputs();
    List<String> snapshots = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    long rows = 0;
    for (Path f : files) {
      ColumnarParity.Outcome expected = ColumnarParity.avro(f, CaptureTsUnit.MICROS);
      snapshots.addAll(expected.snapshots);
      for (String r : expected.rejections) {
        rejections.add(f + "|" + r);
      }
      rows += expected.rows;
    }
    assertThat(rejections).hasSizeGreaterThan(100);

    ReadChannel<OrderBookSnapshot, BookBlock> read =
        ReadChannel.orderBook(
            ReadChannel.RawInput.of(raw.toString(), "ccxt").withOrderBookReader(reader));
    PCollectionTuple out = p.apply(read);
    PAssert.that(
            out.get(read.validTag())
                .apply("Rows", Rows.snapshots())
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings()).via(ColumnarParity::render)))
        .containsInAnyOrder(snapshots);
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "RenderRejected",
                    MapElements.into(TypeDescriptors.strings())
                        .via(
                            (RejectedRow r) ->
                                r.sourceFile()
                                    + "|"
                                    + ColumnarParity.render(r.row(), r.column(), r.reason()))))
        .containsInAnyOrder(rejections);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "rows_read")).isEqualTo(rows);
    assertThat(counter(result, "rows_rejected")).isEqualTo(rejections.size());
    assertThat(counter(result, "columnar_fallback_files"))
        .isEqualTo(reader == Reader.COLUMNAR ? 1 : 0);
  }

  private static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("orderbook", name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  void columnarFileWithoutAsksFailsTheRunNamingFileAndColumn() {
    Path f = channelFile("segment_20260105T000000_20260105T010000.parquet");
    duck.writeParquet(
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, 1767571201000000 AS capture_ts,"
            + " [{'price': 1.0, 'amount': 1.0}] AS bids",
        f);
    p.apply(ReadChannel.orderBook(ReadChannel.RawInput.of(raw.toString(), "ccxt")));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining(f + ": column 'asks' is missing");
  }

  @Test
  void columnarSkipsUnreadableFilesOnceLikeTheRecordPath() throws Exception {
    Path noAsks = channelFile("segment_20260105T000000_20260105T010000.parquet");
    duck.writeParquet(
        "SELECT 'binance' AS exchange, 'BTC/USDT' AS symbol, 1767571201000000 AS capture_ts,"
            + " [{'price': 1.0, 'amount': 1.0}] AS bids",
        noAsks);
    Path garbage = channelFile("segment_20260105T010000_20260105T020000.parquet");
    java.nio.file.Files.writeString(garbage, "not parquet");
    ReadChannel<OrderBookSnapshot, BookBlock> read =
        ReadChannel.orderBook(
            new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, true)
                .withOrderBookReader(Reader.COLUMNAR));
    PCollectionTuple out = p.apply(read);
    String notParquet =
        "-1 null file skipped (footer unreadable): not readable Parquet: "
            + garbage
            + " is not a Parquet file";
    String skipped =
        "-1 asks file skipped (rows 0..0 in 1 row group): " + noAsks + ": column 'asks' is missing";
    PAssert.that(out.get(read.validTag())).empty();
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Show",
                    MapElements.into(TypeDescriptors.strings())
                        .via(r -> r.row() + " " + r.column() + " " + r.reason())))
        .satisfies(
            rows -> {
              List<String> all = new ArrayList<>();
              rows.forEach(all::add);
              assertThat(all)
                  .hasSize(2)
                  .anySatisfy(r -> assertThat(r).isEqualTo(skipped))
                  .anySatisfy(r -> assertThat(r).startsWith(notParquet).doesNotContain("@"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  void readerOptionParses() {
    assertThat(Reader.parse("columnar")).isEqualTo(Reader.COLUMNAR);
    assertThat(Reader.parse(" AVRO ")).isEqualTo(Reader.AVRO);
    assertThatThrownBy(() -> Reader.parse("arrow")).hasMessageContaining("columnar, avro");
    assertThat(ReadChannel.RawInput.of("r", "s").orderBookReader()).isEqualTo(Reader.COLUMNAR);
  }
}
