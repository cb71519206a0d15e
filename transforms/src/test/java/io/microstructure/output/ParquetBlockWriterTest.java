package io.microstructure.output;

import io.microstructure.io.ChannelOutputFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.microstructure.model.FeatureBlock;
import io.microstructure.output.BlockTables.Column;
import io.microstructure.testing.DuckDb;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ParquetBlockWriter} against the record path ({@link FeatureRecords} + {@link
 * ParquetTableSink}) on the same random blocks: parquet-avro and DuckDB read the same rows, the
 * footers agree, and statistics and page indexes hold what the blocks hold.
 */
class ParquetBlockWriterTest {
  /** Row groups of a few dozen to a few hundred rows, so that every file has several. */
  private static final int TINY_ROW_GROUP = 16 * 1024;

  private static final int ONE_ROW_GROUP = 64 * 1024 * 1024;

  @TempDir Path dir;

  static Stream<String> tables() {
    return Stream.of("orderbook_hf", "trades_hf", "orderbook_bars");
  }

  /** The same blocks written by the record path and by the block writer. */
  private static final class Written {
    final Path records;
    final Path blocks;

    Written(Path records, Path blocks) {
      this.records = records;
      this.blocks = blocks;
    }
  }

  private Written write(Schema schema, List<FeatureBlock> blocks, int rowGroupBytes, String name)
      throws IOException {
    Written files =
        new Written(dir.resolve(name + "-records.parquet"), dir.resolve(name + ".parquet"));
    BlockTables.writeRecords(files.records, schema, blocks, rowGroupBytes);
    BlockTables.writeBlocks(files.blocks, schema, blocks, rowGroupBytes);
    return files;
  }

  @ParameterizedTest
  @MethodSource("tables")
  void parquetAvroReadsTheRecordsOfTheRecordPath(String table) throws IOException {
    Schema schema = OutputSchemas.resource(table);
    for (long seed = 1; seed <= 3; seed++) {
      List<FeatureBlock> blocks = BlockTables.random(schema, seed, 6, 128);
      Written files = write(schema, blocks, TINY_ROW_GROUP, table + seed);

      List<String> expected = render(BlockTables.read(files.records));
      assertThat(expected).hasSize(blocks.stream().mapToInt(FeatureBlock::size).sum());
      assertThat(render(BlockTables.read(files.blocks)))
          .as("seed %d", seed)
          .containsExactlyElementsOf(expected);
      assertThat(BlockTables.footer(files.blocks).getBlocks()).hasSizeGreaterThan(1);
    }
  }

  @ParameterizedTest
  @MethodSource("tables")
  void duckDbReadsTheRowsOfTheRecordPathWithNullsForNaN(String table) throws IOException {
    Schema schema = OutputSchemas.resource(table);
    List<FeatureBlock> blocks = BlockTables.random(schema, 7, 8, 128);
    Written files = write(schema, blocks, TINY_ROW_GROUP, table);
    String records = "read_parquet('" + files.records + "')";
    String written = "read_parquet('" + files.blocks + "')";
    try (DuckDb duck = new DuckDb()) {
      assertThat(duck.count("SELECT count(*) FROM " + written))
          .isEqualTo(blocks.stream().mapToInt(FeatureBlock::size).sum());
      assertThat(duck.count(except(written, records))).isZero();
      assertThat(duck.count(except(records, written))).isZero();

      // count(column) counts non-nulls: every NaN must be a null, every other value not.
      List<Schema.Field> fields = schema.getFields();
      List<Column> columns = BlockTables.columns(schema);
      String counts =
          fields.subList(1, fields.size()).stream()
              .map(f -> "count(\"" + f.name() + "\")")
              .collect(Collectors.joining(", "));
      Map<String, Object> seen = duck.query("SELECT " + counts + " FROM " + written).get(0);
      List<Long> expected = new ArrayList<>();
      int value = 0;
      int label = 0;
      for (Column c : columns) {
        expected.add(c == Column.LABEL ? nonNullLabels(blocks, label++) : nonNaN(blocks, value++));
      }
      assertThat(seen.values().stream().map(v -> ((Number) v).longValue()))
          .containsExactlyElementsOf(expected);
      assertThat(expected).contains(0L); // a column null throughout
    }
  }

  private static String except(String a, String b) {
    return "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + ")";
  }

  @ParameterizedTest
  @MethodSource("tables")
  void footerHasTheRecordPathsSchemaMetadataAndEncodings(String table) throws IOException {
    Schema schema = OutputSchemas.resource(table);
    List<FeatureBlock> blocks = BlockTables.random(schema, 11, 8, 128);
    Written files = write(schema, blocks, TINY_ROW_GROUP, table);
    ParquetMetadata ours = BlockTables.footer(files.blocks);
    ParquetMetadata theirs = BlockTables.footer(files.records);

    assertThat(ours.getFileMetaData().getSchema()).isEqualTo(theirs.getFileMetaData().getSchema());
    assertThat(ours.getFileMetaData().getKeyValueMetaData())
        .isEqualTo(theirs.getFileMetaData().getKeyValueMetaData())
        .containsEntry("parquet.avro.schema", schema.toString())
        .containsEntry("writer.model.name", "avro");
    assertThat(ours.getFileMetaData().getCreatedBy())
        .isEqualTo(theirs.getFileMetaData().getCreatedBy());
    for (BlockMetaData rowGroup : ours.getBlocks()) {
      for (ColumnChunkMetaData chunk : rowGroup.getColumns()) {
        assertThat(chunk.getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
        if (chunk.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE) {
          assertThat(chunk.hasDictionaryPage()).isFalse();
          assertThat(chunk.getEncodings())
              .containsExactlyInAnyOrder(Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN);
        }
      }
    }
  }

  /**
   * With all rows in one row group, the other columns pass through the same parquet-column code in
   * both paths: every chunk's encodings, dictionary and statistics must be the record path's.
   */
  @ParameterizedTest
  @MethodSource("tables")
  void oneRowGroupHasTheRecordPathsChunks(String table) throws IOException {
    Schema schema = OutputSchemas.resource(table);
    Written files = write(schema, BlockTables.random(schema, 13, 8, 128), ONE_ROW_GROUP, table);
    BlockMetaData ours = single(BlockTables.footer(files.blocks));
    BlockMetaData theirs = single(BlockTables.footer(files.records));

    assertThat(ours.getRowCount()).isEqualTo(theirs.getRowCount());
    for (int c = 0; c < ours.getColumns().size(); c++) {
      ColumnChunkMetaData chunk = ours.getColumns().get(c);
      ColumnChunkMetaData expected = theirs.getColumns().get(c);
      assertThat(chunk.getPath()).isEqualTo(expected.getPath());
      assertThat(chunk.getEncodings()).as("%s", chunk.getPath()).isEqualTo(expected.getEncodings());
      assertThat(chunk.hasDictionaryPage()).isEqualTo(expected.hasDictionaryPage());
      assertThat(chunk.getValueCount()).isEqualTo(expected.getValueCount());
      assertThat(chunk.getStatistics())
          .as("%s", chunk.getPath())
          .isEqualTo(expected.getStatistics());
      String name = chunk.getPath().toDotString();
      if (chunk.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE) {
        assertThat(chunk.hasDictionaryPage()).as(name).isFalse();
      } else if (schema.getField(name).getObjectProp(OutputSchemas.ENUM_SYMBOLS) != null) {
        assertThat(chunk.hasDictionaryPage()).as(name).isTrue();
      }
    }
  }

  private static BlockMetaData single(ParquetMetadata footer) {
    assertThat(footer.getBlocks()).hasSize(1);
    return footer.getBlocks().get(0);
  }

  /** Min, max and nulls of a few columns in every row group, computed from the blocks. */
  @Test
  void statisticsOfEveryRowGroupHoldTheBlocksValues() throws IOException {
    Schema schema = OutputSchemas.resource("orderbook_hf");
    List<FeatureBlock> blocks = BlockTables.random(schema, 17, 8, 128);
    Path file = dir.resolve("hf.parquet");
    BlockTables.writeBlocks(file, schema, blocks, TINY_ROW_GROUP);
    // best_bid (value 0) is null throughout; best_ask (1) and microprice (5) are doubles with
    // specials; trade_count (a long) is checked as a long.
    int tradeCount = field(schema, "trade_count") - 1;
    long[] time = concatTime(blocks);
    long start = 0;
    for (BlockMetaData rowGroup : BlockTables.footer(file).getBlocks()) {
      int from = (int) start;
      int to = (int) (start + rowGroup.getRowCount());
      Statistics<?> bestBid = chunk(rowGroup, "best_bid").getStatistics();
      assertThat(bestBid.hasNonNullValue()).isFalse();
      assertThat(bestBid.getNumNulls()).isEqualTo(rowGroup.getRowCount());
      for (String name : List.of("best_ask", "microprice")) {
        double[] values = concatValues(blocks, field(schema, name) - 1);
        assertDoubleStatistics(chunk(rowGroup, name).getStatistics(), values, from, to, name);
      }
      Statistics<?> captureTs = chunk(rowGroup, "capture_ts").getStatistics();
      assertThat(captureTs.genericGetMin()).isEqualTo(time[from]);
      assertThat(captureTs.genericGetMax()).isEqualTo(time[to - 1]);
      assertThat(captureTs.getNumNulls()).isZero();
      double[] counts = concatValues(blocks, tradeCount);
      Statistics<?> trades = chunk(rowGroup, "trade_count").getStatistics();
      long nulls = 0;
      Long min = null;
      Long max = null;
      for (int r = from; r < to; r++) {
        if (Double.isNaN(counts[r])) {
          nulls++;
        } else {
          long v = (long) counts[r];
          min = min == null ? v : Math.min(min, v);
          max = max == null ? v : Math.max(max, v);
        }
      }
      assertThat(trades.getNumNulls()).isEqualTo(nulls);
      if (min != null) {
        assertThat(trades.genericGetMin()).isEqualTo(min);
        assertThat(trades.genericGetMax()).isEqualTo(max);
      }
      start = to;
    }
    assertThat(start).isEqualTo(time.length);
  }

  /**
   * Min and max by Double.compare over the non-NaN values, as readers get them: a zero bound
   * widened to both signs (Parquet's rule for readers).
   */
  private static void assertDoubleStatistics(
      Statistics<?> statistics, double[] values, int from, int to, String name) {
    long nulls = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (int r = from; r < to; r++) {
      double v = values[r];
      if (Double.isNaN(v)) {
        nulls++;
      } else {
        min = Double.isNaN(min) || Double.compare(v, min) < 0 ? v : min;
        max = Double.isNaN(max) || Double.compare(v, max) > 0 ? v : max;
      }
    }
    assertThat(statistics.getNumNulls()).as(name).isEqualTo(nulls);
    assertThat(statistics.hasNonNullValue()).as(name).isEqualTo(nulls < to - from);
    if (nulls < to - from) {
      assertThat(statistics.genericGetMin()).as(name).isEqualTo(min == 0 ? -0.0 : min);
      assertThat(statistics.genericGetMax()).as(name).isEqualTo(max == 0 ? 0.0 : max);
    }
  }

  /**
   * A narrow table of 25,000 rows in one row group: pages of 20,000 rows (parquet-mr's default
   * limit) whose offset and column indexes point at the right rows and hold their min, max and
   * nulls, a page of nulls only among them.
   */
  @Test
  void pagesAreIndexedForReaders() throws IOException {
    Schema schema =
        SchemaBuilder.record("Narrow")
            .fields()
            .name("capture_ts")
            .type(LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .optionalDouble("price")
            .optionalDouble("amount")
            .optionalLong("trade_count")
            .endRecord();
    SplittableRandom random = new SplittableRandom(5);
    List<FeatureBlock> blocks = new ArrayList<>();
    for (int b = 0; b < 7; b++) {
      FeatureBlock block = new FeatureBlock(3, 0, 4096).clear("x", "y");
      for (int r = 0; r < (b < 6 ? 4096 : 424); r++) {
        int i = block.addRow(1_000_000L * (b * 4096 + r));
        int row = b * 4096 + r;
        // price: a null run across the page boundary; amount: scattered nulls, then a page of
        // nulls only.
        block.values(0)[i] =
            row >= 19_990 && row < 20_030 ? Double.NaN : 100 + random.nextGaussian();
        block.values(1)[i] =
            random.nextInt(50) == 0 || row >= 20_000 ? Double.NaN : random.nextDouble(1, 2);
        block.values(2)[i] = random.nextInt(10);
      }
      blocks.add(block);
    }
    Written files = write(schema, blocks, ONE_ROW_GROUP, "narrow");
    assertThat(render(BlockTables.read(files.blocks)))
        .containsExactlyElementsOf(render(BlockTables.read(files.records)));

    try (ParquetFileReader reader = BlockTables.open(files.blocks)) {
      BlockMetaData rowGroup = single(reader.getFooter());
      assertThat(rowGroup.getRowCount()).isEqualTo(25_000);
      for (String name : List.of("price", "amount")) {
        double[] values = concatValues(blocks, name.equals("price") ? 0 : 1);
        ColumnChunkMetaData chunk = chunk(rowGroup, name);
        OffsetIndex offsets = reader.readOffsetIndex(chunk);
        ColumnIndex index = reader.readColumnIndex(chunk);
        assertThat(offsets.getPageCount()).isEqualTo(2);
        for (int p = 0; p < 2; p++) {
          int from = 20_000 * p;
          int to = Math.min(from + 20_000, 25_000);
          assertThat(offsets.getFirstRowIndex(p)).isEqualTo(from);
          long nulls = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (int r = from; r < to; r++) {
            if (Double.isNaN(values[r])) {
              nulls++;
            } else {
              min = Math.min(min, values[r]);
              max = Math.max(max, values[r]);
            }
          }
          assertThat(index.getNullCounts().get(p)).as("%s page %d", name, p).isEqualTo(nulls);
          assertThat(index.getNullPages().get(p)).isEqualTo(nulls == to - from);
          if (nulls < to - from) {
            assertThat(littleEndianDouble(index.getMinValues().get(p))).isEqualTo(min);
            assertThat(littleEndianDouble(index.getMaxValues().get(p))).isEqualTo(max);
          }
        }
      }
    }
  }

  private static double littleEndianDouble(ByteBuffer bytes) {
    return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).getDouble(0);
  }

  @Test
  void aFileWithoutRowsHasTheSchema() throws IOException {
    Schema schema = OutputSchemas.resource("trades_hf");
    Written files = write(schema, List.of(), TINY_ROW_GROUP, "empty");
    ParquetMetadata ours = BlockTables.footer(files.blocks);
    ParquetMetadata theirs = BlockTables.footer(files.records);
    assertThat(ours.getBlocks()).isEmpty();
    assertThat(ours.getFileMetaData().getSchema()).isEqualTo(theirs.getFileMetaData().getSchema());
    assertThat(ours.getFileMetaData().getKeyValueMetaData())
        .isEqualTo(theirs.getFileMetaData().getKeyValueMetaData());
    assertThat(BlockTables.read(files.blocks)).isEmpty();
    try (DuckDb duck = new DuckDb()) {
      assertThat(duck.count("SELECT count(*) FROM read_parquet('" + files.blocks + "')")).isZero();
      assertThat(duck.query("DESCRIBE SELECT * FROM read_parquet('" + files.blocks + "')"))
          .isEqualTo(duck.query("DESCRIBE SELECT * FROM read_parquet('" + files.records + "')"));
    }
  }

  @Test
  void aNullInANonNullableColumnIsRejectedNamingItAndNothingOfTheBlockIsWritten()
      throws IOException {
    Schema schema = OutputSchemas.resource("orderbook_bars");
    List<FeatureBlock> blocks = BlockTables.random(schema, 19, 3, 64);
    FeatureBlock bad = blocks.get(0).copy();
    int barEnd = field(schema, "bar_end") - 1;
    bad.values(barEnd)[bad.size() - 1] = Double.NaN;
    Path file = dir.resolve("bars.parquet");
    try (ParquetBlockWriter writer =
        ParquetBlockWriter.open(
            new ChannelOutputFile(BlockTables.create(file), "bars"), schema, TINY_ROW_GROUP)) {
      assertThatThrownBy(() -> writer.write(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bar_end")
          .hasMessageContaining("not nullable");
      writer.write(blocks.get(2));
      assertThat(writer.rowsWritten()).isEqualTo(blocks.get(2).size());
    }
    assertThat(render(BlockTables.read(file)))
        .containsExactlyElementsOf(render(BlockTables.read(recordsOf(schema, blocks.get(2)))));
  }

  @Test
  void anEnumCodeWithoutASymbolIsRejectedNamingTheColumn() throws IOException {
    Schema schema = OutputSchemas.resource("trades_hf");
    FeatureBlock block = BlockTables.random(schema, 23, 1, 16).get(0);
    block.values(field(schema, "side") - 2)[0] = 2; // "side" follows the "id" label
    Path file = dir.resolve("trades.parquet");
    try (ParquetBlockWriter writer =
        ParquetBlockWriter.open(
            new ChannelOutputFile(BlockTables.create(file), "trades"), schema, TINY_ROW_GROUP)) {
      assertThatThrownBy(() -> writer.write(block))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("side");
    }
  }

  private Path recordsOf(Schema schema, FeatureBlock block) throws IOException {
    Path file = dir.resolve("expected-records.parquet");
    BlockTables.writeRecords(file, schema, List.of(block), TINY_ROW_GROUP);
    return file;
  }

  private static List<String> render(List<GenericRecord> records) {
    return records.stream().map(BlockTables::render).collect(Collectors.toList());
  }

  private static int field(Schema schema, String name) {
    return schema.getField(name).pos();
  }

  private static ColumnChunkMetaData chunk(BlockMetaData rowGroup, String name) {
    return rowGroup.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static long[] concatTime(List<FeatureBlock> blocks) {
    return blocks.stream().flatMapToLong(b -> Arrays.stream(b.time(), 0, b.size())).toArray();
  }

  private static double[] concatValues(List<FeatureBlock> blocks, int column) {
    return blocks.stream()
        .flatMapToDouble(b -> Arrays.stream(b.values(column), 0, b.size()))
        .toArray();
  }

  private static long nonNaN(List<FeatureBlock> blocks, int column) {
    return Arrays.stream(concatValues(blocks, column)).filter(v -> !Double.isNaN(v)).count();
  }

  private static long nonNullLabels(List<FeatureBlock> blocks, int column) {
    return blocks.stream()
        .flatMap(b -> Arrays.stream(b.labels(column), 0, b.size()))
        .filter(l -> l != null)
        .count();
  }
}
