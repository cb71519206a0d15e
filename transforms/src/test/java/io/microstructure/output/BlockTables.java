package io.microstructure.output;

import io.microstructure.io.BeamInputFile;
import io.microstructure.io.ChannelOutputFile;
import io.microstructure.io.ParquetRecords;
import io.microstructure.model.FeatureBlock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Test harness for {@link ParquetBlockWriter}: random blocks of a table schema with every kind of
 * awkward value, the same blocks written by the record path ({@link FeatureRecords} + {@link
 * ParquetTableSink}) and by the block writer, and both files read back with parquet-avro.
 */
final class BlockTables {
  private static final double[] SPECIAL_DOUBLES = {
    -0.0,
    0.0,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MIN_VALUE,
    -Double.MAX_VALUE,
    Double.MAX_VALUE,
    1e-300
  };
  private static final double[] BOOLEAN_CODES = {0, 1, -0.0, 2.5, -1};
  private static final String[] LABELS = {"", "a", "trade-123", "ü€😀", "0000000000000000000001"};
  private static final String[][] MARKETS = {{"binance", "BTC/USDT"}, {"kraken", "ETH/USD"}};

  private BlockTables() {}

  /** Column types of a table's later fields, read from the Avro schema independently. */
  enum Column {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    ENUM,
    LABEL
  }

  static List<Column> columns(Schema schema) {
    List<Column> columns = new ArrayList<>();
    for (Schema.Field f : schema.getFields().subList(1, schema.getFields().size())) {
      Schema s = f.schema();
      Schema.Type t = s.isUnion() ? s.getTypes().get(1).getType() : s.getType();
      if (f.getObjectProp("x-enum-symbols") != null) {
        columns.add(Column.ENUM);
      } else if (t == Schema.Type.STRING) {
        columns.add(Column.LABEL);
      } else {
        columns.add(Column.valueOf(t.name()));
      }
    }
    return columns;
  }

  /**
   * Blocks of random sizes (one empty) for a table: NaN nulls (none, some, all) in nullable value
   * columns, one double column null throughout, -0.0, infinities, fractional codes, null labels.
   */
  static List<FeatureBlock> random(Schema schema, long seed, int blocks, int capacity) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Schema.Field> fields = schema.getFields().subList(1, schema.getFields().size());
    List<Column> columns = columns(schema);
    int values = (int) columns.stream().filter(c -> c != Column.LABEL).count();
    int labels = columns.size() - values;
    int alwaysNull = columns.indexOf(Column.DOUBLE);
    List<FeatureBlock> result = new ArrayList<>();
    long time = 1_767_225_600_000_000L;
    for (int b = 0; b < blocks; b++) {
      String[] market = MARKETS[b % MARKETS.length];
      FeatureBlock block = new FeatureBlock(values, labels, capacity).clear(market[0], market[1]);
      int rows = b == 1 ? 0 : random.nextInt(1, capacity + 1);
      double[] nullShare = new double[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        boolean nullable = fields.get(c).schema().isNullable();
        double[] shares = {0, 0, 0.05, 0.5, 1};
        nullShare[c] = !nullable ? 0 : c == alwaysNull ? 1 : shares[random.nextInt(shares.length)];
      }
      for (int r = 0; r < rows; r++) {
        time += random.nextInt(1, 1_000_000);
        int i = block.addRow(time);
        int value = 0;
        int label = 0;
        for (int c = 0; c < columns.size(); c++) {
          boolean isNull = random.nextDouble() < nullShare[c];
          if (columns.get(c) == Column.LABEL) {
            block.labels(label++)[i] = isNull ? null : label(random);
          } else {
            block.values(value++)[i] =
                isNull ? Double.NaN : value(columns.get(c), fields.get(c), random);
          }
        }
      }
      result.add(block);
    }
    return result;
  }

  private static double value(Column column, Schema.Field field, SplittableRandom random) {
    switch (column) {
      case DOUBLE:
        return random.nextInt(8) == 0
            ? SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)]
            : random.nextGaussian() * 100;
      case LONG:
        return random.nextBoolean()
            ? random.nextLong(-(1L << 53), 1L << 53)
            : random.nextInt(-5, 50) + (random.nextBoolean() ? 0.5 : 0);
      case INT:
        return random.nextInt(-5, 50) + (random.nextBoolean() ? 0.7 : 0);
      case BOOLEAN:
        return BOOLEAN_CODES[random.nextInt(BOOLEAN_CODES.length)];
      case ENUM:
        int symbols = ((List<?>) field.getObjectProp("x-enum-symbols")).size();
        return random.nextInt(symbols) + (random.nextBoolean() ? 0.9 : 0);
      default:
        throw new IllegalArgumentException(column.name());
    }
  }

  private static String label(SplittableRandom random) {
    return random.nextBoolean()
        ? LABELS[random.nextInt(LABELS.length)]
        : Long.toString(random.nextLong(1L << 40));
  }

  /** The record path of today's pipeline: FeatureRecords into ParquetTableSink. */
  static void writeRecords(Path file, Schema schema, List<FeatureBlock> blocks, int rowGroupBytes)
      throws IOException {
    FeatureRecords toRecord = new FeatureRecords(schema);
    ParquetTableSink sink = new ParquetTableSink(schema, rowGroupBytes);
    sink.open(create(file));
    for (FeatureBlock block : blocks) {
      for (int r = 0; r < block.size(); r++) {
        sink.write(toRecord.apply(block.row(r)));
      }
    }
    sink.flush();
  }

  /**
   * The block writer, fed through one reused block that is scribbled over after each write, as a
   * producer reuses its block.
   */
  static void writeBlocks(Path file, Schema schema, List<FeatureBlock> blocks, long rowGroupBytes)
      throws IOException {
    try (ParquetBlockWriter writer =
        ParquetBlockWriter.open(
            new ChannelOutputFile(create(file), file.toString()), schema, rowGroupBytes)) {
      for (FeatureBlock block : blocks) {
        FeatureBlock reused = refill(block);
        writer.write(reused);
        scribble(reused);
      }
    }
  }

  private static FeatureBlock refill(FeatureBlock block) {
    long[] time = Arrays.copyOf(block.time(), block.capacity());
    double[][] values = new double[block.valueColumns()][];
    for (int c = 0; c < values.length; c++) {
      values[c] = Arrays.copyOf(block.values(c), block.capacity());
    }
    String[][] labels = new String[block.labelColumns()][];
    for (int c = 0; c < labels.length; c++) {
      labels[c] = Arrays.copyOf(block.labels(c), block.capacity());
    }
    return FeatureBlock.wrap(block.exchange(), block.symbol(), block.size(), time, values, labels);
  }

  private static void scribble(FeatureBlock block) {
    Arrays.fill(block.time(), -1);
    for (int c = 0; c < block.valueColumns(); c++) {
      Arrays.fill(block.values(c), 12345.678);
    }
    for (int c = 0; c < block.labelColumns(); c++) {
      Arrays.fill(block.labels(c), "scribbled");
    }
    block.clear("scribbled", "scribbled");
  }

  /** A new file as the pipeline's writers get it: a channel of Beam's filesystem. */
  static WritableByteChannel create(Path file) throws IOException {
    return FileSystems.create(
        FileSystems.matchNewResource(file.toString(), false), MimeTypes.BINARY);
  }

  /** Every record of a file, read with parquet-avro as the pipeline configures it. */
  static List<GenericRecord> read(Path file) throws IOException {
    List<GenericRecord> records = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                new BeamInputFile(file.toString(), FileChannel.open(file, StandardOpenOption.READ)))
            .withDataModel(GenericData.get())
            .withConf(ParquetRecords.readConfiguration())
            .build()) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        records.add(r);
      }
    }
    return records;
  }

  static ParquetFileReader open(Path file) throws IOException {
    return ParquetFileReader.open(
        new BeamInputFile(file.toString(), FileChannel.open(file, StandardOpenOption.READ)));
  }

  static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader = open(file)) {
      return reader.getFooter();
    }
  }

  /** A record as text that tells every value apart: doubles by their bits, values by type. */
  static String render(GenericRecord record) {
    StringBuilder s = new StringBuilder();
    for (Schema.Field f : record.getSchema().getFields()) {
      Object v = record.get(f.pos());
      s.append(f.name()).append('=');
      if (v instanceof Double) {
        s.append(v).append("/0x").append(Long.toHexString(Double.doubleToLongBits((Double) v)));
      } else if (v != null) {
        s.append(v.getClass().getSimpleName()).append(':').append(v);
      } else {
        s.append("null");
      }
      s.append(' ');
    }
    return s.toString();
  }
}
