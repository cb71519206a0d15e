package io.microstructure.input;

import io.microstructure.io.SegmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.RejectedRow;
import io.microstructure.testing.DuckDb;
import io.microstructure.testing.ParquetDamage;
import io.microstructure.testing.Pipelines;
import io.microstructure.transforms.ReadChannel;
import io.microstructure.transforms.ReadChannel.Reader;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Input that cannot be decoded at all (issue 9): with skipUnreadableFiles, a broken row group (the
 * first, a middle or the last of a file, footer intact) or a whole file (zero bytes, a required
 * column missing) leaves no row behind silently: each becomes one dead letter naming file, row
 * group and rows, none of its rows or their dead letters go on, and per channel rows_read +
 * rows_unreadable = rows_in_footers. Without skipping, the run fails naming file, row group and
 * cause. Both order-book readers, trades and ticker.
 */
class UnreadableInputTest {
  /** What parquet-mr says of a data page whose header was zeroed (both readers, every channel). */
  private static final String ZEROED_PAGE_HEADER =
      "can not read class org.apache.parquet.format.PageHeader: Required field"
          + " 'uncompressed_page_size' was not found in serialized data! Struct:"
          + " org.apache.parquet.format.PageHeader$PageHeaderStandardScheme";

  /** exchange is null every 1000 rows from row 7 on: 5 such rows in row group 0, 4 in 1 and 2. */
  private static final String KEYS =
      "CASE WHEN i % 1000 = 7 THEN NULL ELSE 'binance' END AS exchange, 'BTC/USDT' AS symbol,"
          + " 1767571201250000 + i * 1000 AS capture_ts, i AS seq";

  /** The channel read and its own columns. */
  enum Source {
    ORDERBOOK_COLUMNAR(
        Channel.ORDERBOOK,
        Reader.COLUMNAR,
        "[{'price': 100.0, 'amount': 1.0}] AS bids, [{'price': 101.0, 'amount': 1.0}] AS asks"),
    ORDERBOOK_AVRO(Channel.ORDERBOOK, Reader.AVRO, ORDERBOOK_COLUMNAR.columns),
    TRADES(
        Channel.TRADES,
        Reader.COLUMNAR,
        "'t' || i AS id, 'buy' AS side, 100.0 AS price, 0.5 AS amount"),
    TICKER(Channel.TICKER, Reader.COLUMNAR, "100.0 AS bid, 101.0 AS ask, 100.5 AS last");

    final Channel channel;
    final Reader reader;
    final String columns;

    Source(Channel channel, Reader reader, String columns) {
      this.channel = channel;
      this.reader = reader;
      this.columns = columns;
    }
  }

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

  private Path channelFile(Channel channel, String name) {
    Path f = raw.resolve("ready/ccxt/" + channel.folder() + "/" + name);
    f.getParent().toFile().mkdirs();
    return f;
  }

  private static String segment(int hour) {
    return String.format("segment_20260105T%02d0000_20260105T%02d0000.parquet", hour, hour + 1);
  }

  /** 12,288 rows of the source's channel in three row groups of 4,096 rows, as DuckDB writes. */
  private void writeThreeRowGroups(Source source, String columns, Path file) {
    duck.execute(
        "COPY (SELECT "
            + columns
            + " FROM range(12288) t(i) ORDER BY i) TO '"
            + file
            + "' (FORMAT PARQUET, ROW_GROUP_SIZE 4096)");
  }

  private ReadChannel.RawInput input(Source source, boolean skip) {
    return new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, skip)
        .withOrderBookReader(source.reader);
  }

  @SuppressWarnings("unchecked")
  private static PCollection<EventBlock> blocks(PCollectionTuple out, Channel channel) {
    return (PCollection<EventBlock>) (PCollection<?>) out.get(EventTags.of(channel));
  }

  private static String render(RejectedRow r) {
    String file = r.sourceFile().substring(r.sourceFile().lastIndexOf('/') + 1);
    return file + "|" + r.row() + "|" + r.column() + "|" + r.reason();
  }

  @ParameterizedTest
  @EnumSource(Source.class)
  void skippedRowGroupsAndFilesAreDeadLetteredOnceAndCounted(Source source) throws Exception {
    Path clean = raw.resolve("clean.parquet");
    writeThreeRowGroups(source, KEYS + ", " + source.columns, clean);
    // Files of hours 0, 1 and 2: the same rows, with row group 0, 1 or 2 broken.
    HashMap<Long, String> names = new HashMap<>();
    for (int k = 0; k < 3; k++) {
      Path f = channelFile(source.channel, segment(k));
      Files.copy(clean, f);
      ParquetDamage.breakDataPage(duck, f, k, "capture_ts");
      names.put(SegmentFiles.fileKey(f.toString()), segment(k));
    }
    Path empty = channelFile(source.channel, segment(3));
    Files.createFile(empty);
    Path noSymbol = channelFile(source.channel, segment(4));
    writeThreeRowGroups(
        source, KEYS.replace(" 'BTC/USDT' AS symbol,", "") + ", " + source.columns, noSymbol);

    PCollectionTuple out =
        p.apply(ReadChannel.channels(input(source, true), Set.of(source.channel)));

    // Valid rows per file and row group: 4,096 less the rows without exchange.
    PAssert.that(
            blocks(out, source.channel)
                .apply(
                    "FileAndRowGroup",
                    FlatMapElements.into(TypeDescriptors.strings())
                        .via(
                            (EventBlock b) -> {
                              List<String> rows = new ArrayList<>();
                              for (int i = 0; i < b.size(); i++) {
                                rows.add(names.get(b.fileKey()) + "|" + b.row(i) / 4096);
                              }
                              return rows;
                            }))
                .apply(Count.perElement()))
        .containsInAnyOrder(
            KV.of(segment(0) + "|1", 4092L),
            KV.of(segment(0) + "|2", 4092L),
            KV.of(segment(1) + "|0", 4091L),
            KV.of(segment(1) + "|2", 4092L),
            KV.of(segment(2) + "|0", 4091L),
            KV.of(segment(2) + "|1", 4092L));

    List<String> expected = new ArrayList<>();
    expected.add(
        segment(0) + "|0|null|row group 0 of 3 unreadable (rows 0..4095): " + ZEROED_PAGE_HEADER);
    expected.add(
        segment(1)
            + "|4096|null|row group 1 of 3 unreadable (rows 4096..8191): "
            + ZEROED_PAGE_HEADER);
    expected.add(
        segment(2)
            + "|8192|null|row group 2 of 3 unreadable (rows 8192..12287): "
            + ZEROED_PAGE_HEADER);
    expected.add(
        segment(3)
            + "|-1|null|file skipped (footer unreadable): not readable Parquet: "
            + empty
            + " is not a Parquet file (length is too low: 0)");
    expected.add(
        segment(4)
            + "|-1|symbol|file skipped (rows 0..12287 in 3 row groups): "
            + noSymbol
            + ": column 'symbol' is missing");
    // The rows without exchange, of the row groups that were read only.
    for (int k = 0; k < 3; k++) {
      for (long i = 7; i < 12288; i += 1000) {
        if (i / 4096 != k) {
          expected.add(segment(k) + "|" + i + "|exchange|required column is null");
        }
      }
    }
    assertThat(expected).hasSize(5 + 26);
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings()).via(UnreadableInputTest::render)))
        .containsInAnyOrder(expected);

    PipelineResult result = p.run();
    result.waitUntilFinish();
    String ch = source.channel.folder();
    assertThat(counter(result, ch, "rows_in_footers")).isEqualTo(4 * 12288);
    assertThat(counter(result, ch, "rows_read")).isEqualTo(3 * 8192);
    assertThat(counter(result, ch, "rows_unreadable")).isEqualTo(3 * 4096 + 12288);
    assertThat(counter(result, ch, "row_groups_skipped")).isEqualTo(3);
    assertThat(counter(result, ch, "files_skipped")).isEqualTo(2);
    assertThat(counter(result, ch, "rows_rejected")).isEqualTo(26);
  }

  /**
   * A row group whose 9,000th row lies on a broken page fails after two full blocks of 4,096 rows
   * have been made: neither those nor the dead letter of its invalid row 100 may go on.
   */
  @ParameterizedTest
  @EnumSource(Reader.class)
  void aRowGroupFailingHalfWayLeavesNothingBehindButItsDeadLetter(Reader reader) throws Exception {
    Path f = channelFile(Channel.ORDERBOOK, segment(0));
    List<BookFiles.Row> rows = new ArrayList<>();
    for (long i = 0; i < 10_000; i++) {
      double bid = i == 100 ? -1.0 : 100.0;
      rows.add(
          new BookFiles.Row(
              "binance",
              "BTC/USDT",
              1767571201250L + i, // milliseconds, as BookFiles stores capture_ts
              i,
              List.<Double[]>of(new Double[] {bid, 1.0}),
              List.<Double[]>of(new Double[] {101.0, 1.0})));
    }
    BookFiles.write(f, BookFiles.Layout.AVRO_STRUCT_3, rows, 64 << 20); // one row group
    breakPageHolding(f, "capture_ts", 9_000);

    ReadChannel.RawInput in =
        new ReadChannel.RawInput(raw.toString(), "ccxt", CaptureTsUnit.MICROS, true)
            .withOrderBookReader(reader);
    PCollectionTuple out = p.apply(ReadChannel.channels(in, Set.of(Channel.ORDERBOOK)));
    PAssert.that(blocks(out, Channel.ORDERBOOK)).empty();
    String prefix = segment(0) + "|0|null|row group 0 of 1 unreadable (rows 0..9999): ";
    PAssert.that(
            out.get(EventTags.REJECTED)
                .apply(
                    "Render",
                    MapElements.into(TypeDescriptors.strings()).via(UnreadableInputTest::render)))
        .satisfies(
            all -> {
              assertThat(all)
                  .singleElement()
                  .satisfies(
                      r ->
                          assertThat(r)
                              .startsWith(prefix)
                              .contains("capture_ts")
                              .endsWith("EOFException")
                              .doesNotContain("@"));
              return null;
            });
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "orderbook", "rows_in_footers")).isEqualTo(10_000);
    assertThat(counter(result, "orderbook", "rows_unreadable")).isEqualTo(10_000);
    assertThat(counter(result, "orderbook", "rows_read")).isZero();
    assertThat(counter(result, "orderbook", "rows_rejected")).isZero();
    assertThat(counter(result, "orderbook", "row_groups_skipped")).isEqualTo(1);
  }

  @Test
  void withoutSkippingABrokenRowGroupFailsTheRunNamingFileRowGroupAndCause() throws Exception {
    Path f = channelFile(Channel.ORDERBOOK, segment(0));
    writeThreeRowGroups(
        Source.ORDERBOOK_COLUMNAR, KEYS + ", " + Source.ORDERBOOK_COLUMNAR.columns, f);
    ParquetDamage.breakDataPage(duck, f, 1, "capture_ts");
    p.apply(
        ReadChannel.channels(input(Source.ORDERBOOK_COLUMNAR, false), Set.of(Channel.ORDERBOOK)));
    assertThat(failure(p))
        .isEqualTo(f + ": row group 1 of 3 unreadable (rows 4096..8191): " + ZEROED_PAGE_HEADER);
  }

  @Test
  void withoutSkippingAZeroByteFileFailsTheRunNamingIt() throws Exception {
    Path f = channelFile(Channel.TRADES, segment(0));
    Files.createFile(f);
    p.apply(ReadChannel.channels(input(Source.TRADES, false), Set.of(Channel.TRADES)));
    assertThat(failure(p))
        .isEqualTo(
            f + ": not readable Parquet: the file is not a Parquet file (length is too low: 0)");
  }

  /** The message of the UnreadableFileException the run fails with. */
  private static String failure(TestPipeline p) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> p.run().waitUntilFinish()).satisfies(t -> thrown[0] = t);
    for (Throwable t = thrown[0]; t != null; t = t.getCause()) {
      if (t instanceof UnreadableFileException) {
        return t.getMessage();
      }
    }
    throw new AssertionError("no UnreadableFileException in", thrown[0]);
  }

  /**
   * Zeroes the definition-level length of the page of {@code column} that holds row {@code row}.
   */
  private static void breakPageHolding(Path file, String column, long row) throws Exception {
    long offset;
    try (ParquetFileReader r = ColumnarParity.open(file)) {
      ColumnChunkMetaData chunk = null;
      for (ColumnChunkMetaData c : r.getRowGroups().get(0).getColumns()) {
        if (c.getPath().toDotString().equals(column)) {
          chunk = c;
        }
      }
      OffsetIndex pages = r.readOffsetIndex(chunk);
      int page = 0;
      while (page + 1 < pages.getPageCount() && pages.getFirstRowIndex(page + 1) <= row) {
        page++;
      }
      offset = pages.getOffset(page);
    }
    long dataStart;
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      c.position(offset);
      InputStream in = Channels.newInputStream(c);
      Util.readPageHeader(in);
      dataStart = c.position();
    }
    // Uncompressed v1 page: the 4-byte length of its definition levels comes first.
    ParquetDamage.overwrite(
        file, dataStart, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f});
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
