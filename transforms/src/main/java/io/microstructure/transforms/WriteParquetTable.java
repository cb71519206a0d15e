package io.microstructure.transforms;

import io.microstructure.coders.WrittenFileCoder;
import io.microstructure.io.ChannelOutputFile;
import io.microstructure.io.SegmentFiles;
import io.microstructure.metrics.StageTimer;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import io.microstructure.output.FeatureBlockWriter;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.ParquetTableSink;
import io.microstructure.output.WrittenFile;
import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes a table as Snappy Parquet for partition folders under its root: the elements of each
 * partition are grouped (one shuffle) and written by one writer into one staged file. The output is
 * those staged files; {@link CommitRun} commits them (renames each into its partition as
 * {@code part-00000-of-00001.parquet} and deletes files of earlier runs there), once for every
 * table of a run.
 *
 * <p>Two element types: rows converted to GenericRecords one by one ({@link #of}, for small tables
 * such as bars and dead letters), and {@link FeatureBlock}s written column by column ({@link
 * #blocks}), split by partition first.
 */
public final class WriteParquetTable<T>
    extends PTransform<PCollection<T>, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;

  private final String tableRoot;
  private final String schemaJson;
  private final Format<T> format;
  private final String counterNamespace;
  private final String stagingDir;

  private WriteParquetTable(
      String tableRoot,
      Schema schema,
      Format<T> format,
      String counterNamespace,
      String stagingDir) {
    this.tableRoot = SegmentFiles.stripSlash(tableRoot);
    this.schemaJson = schema.toString();
    this.format = format;
    this.counterNamespace = counterNamespace;
    this.stagingDir = SegmentFiles.stripSlash(stagingDir);
  }

  /**
   * Rows of any type, each converted to a record of {@code schema}.
   *
   * @param tableRoot folder of the table, e.g. {@code <out>/ccxt/orderbook/bars/duration=60s}
   * @param partition relative partition folder of a row, e.g. {@code exchange=x/symbol=y/date=z}
   * @param counterNamespace namespace of the {@code rows_written} counter (the table's name)
   * @param stagingDir where files are written before {@link CommitRun} renames them into
   *     place; outside the table so that readers of the table never see it
   */
  public static <T> WriteParquetTable<T> of(
      String tableRoot,
      Schema schema,
      SerializableFunction<T, String> partition,
      SerializableFunction<T, GenericRecord> toRecord,
      String counterNamespace,
      String stagingDir) {
    return new WriteParquetTable<>(
        tableRoot,
        schema,
        new Records<>(partition, toRecord, null, null),
        counterNamespace,
        stagingDir);
  }

  /**
   * Rows of markets (records only; blocks know theirs): each staged file names the markets of its
   * rows, so that the commit can refuse two markets whose partition folders are the same.
   */
  public WriteParquetTable<T> withMarketOf(SerializableFunction<T, MarketKey> market) {
    if (!(format instanceof Records)) {
      throw new IllegalStateException("blocks name their market themselves");
    }
    Records<T> records = (Records<T>) format;
    return new WriteParquetTable<>(
        tableRoot,
        new Schema.Parser().parse(schemaJson),
        new Records<>(records.partition, records.toRecord, market, records.fileKey),
        counterNamespace,
        stagingDir);
  }

  /**
   * Records of an incremental run: a partition's rows are split into files by their key ({@link
   * WrittenFile#fileKey()}, e.g. the start of a bar's chunk), one file per key.
   */
  public WriteParquetTable<T> withFileKeyOf(SerializableFunction<T, Long> fileKey) {
    if (!(format instanceof Records)) {
      throw new IllegalStateException("blocks are keyed by the replay that writes them");
    }
    Records<T> records = (Records<T>) format;
    return new WriteParquetTable<>(
        tableRoot,
        new Schema.Parser().parse(schemaJson),
        new Records<>(records.partition, records.toRecord, records.market, fileKey),
        counterNamespace,
        stagingDir);
  }

  /** Feature blocks, partitioned by exchange, symbol and the UTC date of each row's time. */
  public static WriteParquetTable<FeatureBlock> blocks(
      String tableRoot, Schema schema, String counterNamespace, String stagingDir) {
    return new WriteParquetTable<>(tableRoot, schema, new Blocks(), counterNamespace, stagingDir);
  }

  /** Returns the staged files, one per partition. */
  @Override
  public PCollection<WrittenFile> expand(PCollection<T> rows) {
    Coder<T> coder = rows.getCoder();
    return rows
        // Tables are written whole: windowed rows (bars) would get one file set per window. The
        // timestamp combiner stays END_OF_WINDOW: with any other, Flink's batch GroupByKey
        // pre-combines a partition's rows into one record, which outgrows Flink's sort buffer.
        .apply(
            "GlobalWindow",
            Window.<T>into(new GlobalWindows())
                .withTimestampCombiner(TimestampCombiner.END_OF_WINDOW))
        .apply("ByPartition", ParDo.of(new PartitionFn<>(format)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("GroupByPartition", GroupByKey.create())
        .apply("WritePartition", ParDo.of(new WritePartitionFn<>(this)))
        .setCoder(WrittenFileCoder.of());
  }

  // A grouping key of a keyed file: its partition folder, then its file key.
  private static final char KEY_SEPARATOR = '\u0000';

  private static String keyed(String partition, long fileKey) {
    return partition + KEY_SEPARATOR + fileKey;
  }

  /** Where an element's rows go and how a file of them is written. */
  abstract static class Format<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hands each (partition, rows of the element in it) pair to {@code out}. */
    abstract void partition(T element, BiConsumer<String, T> out);

    /** Orders a partition's elements before they are written. */
    abstract void order(List<T> elements);

    /** Time of the first row written, for {@link WrittenFile#firstTime()}. */
    abstract long firstTime(List<T> elements);

    /** The distinct markets of the elements' rows, sorted; empty when rows have none. */
    abstract List<MarketKey> markets(List<T> elements);

    abstract TableFile<T> open(WritableByteChannel channel, String path, Schema schema)
        throws IOException;
  }

  /** One open staged file. */
  interface TableFile<T> {
    void write(T element) throws IOException;

    long rows();

    void close() throws IOException;
  }

  private static final class Records<T> extends Format<T> {
    private static final long serialVersionUID = 1L;
    private final SerializableFunction<T, String> partition;
    private final SerializableFunction<T, GenericRecord> toRecord;
    private final SerializableFunction<T, MarketKey> market;
    private final SerializableFunction<T, Long> fileKey;

    Records(
        SerializableFunction<T, String> partition,
        SerializableFunction<T, GenericRecord> toRecord,
        SerializableFunction<T, MarketKey> market,
        SerializableFunction<T, Long> fileKey) {
      this.partition = partition;
      this.toRecord = toRecord;
      this.market = market;
      this.fileKey = fileKey;
    }

    @Override
    List<MarketKey> markets(List<T> elements) {
      if (market == null) {
        return List.of();
      }
      TreeSet<MarketKey> markets = new TreeSet<>();
      for (T e : elements) {
        markets.add(market.apply(e));
      }
      return List.copyOf(markets);
    }

    @Override
    void partition(T element, BiConsumer<String, T> out) {
      String folder = partition.apply(element);
      out.accept(fileKey == null ? folder : keyed(folder, fileKey.apply(element)), element);
    }

    @Override
    void order(List<T> elements) {}

    @Override
    long firstTime(List<T> elements) {
      return 0;
    }

    @Override
    TableFile<T> open(WritableByteChannel channel, String path, Schema schema) throws IOException {
      ParquetTableSink sink =
          new ParquetTableSink(schema, (int) FeatureBlockWriter.ROW_GROUP_BYTES);
      sink.open(channel, path);
      return new TableFile<T>() {
        long rows;

        @Override
        public void write(T element) throws IOException {
          sink.write(toRecord.apply(element));
          rows++;
        }

        @Override
        public long rows() {
          return rows;
        }

        @Override
        public void close() throws IOException {
          sink.flush();
        }
      };
    }
  }

  private static final class Blocks extends Format<FeatureBlock> {
    private static final long serialVersionUID = 1L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    @Override
    void partition(FeatureBlock block, BiConsumer<String, FeatureBlock> out) {
      long[] time = block.time();
      int n = block.size();
      int from = 0;
      while (from < n) {
        long day = Math.floorDiv(time[from], MICROS_PER_DAY);
        int to = from + 1;
        while (to < n && Math.floorDiv(time[to], MICROS_PER_DAY) == day) {
          to++;
        }
        String partition = OutputLayout.hivePartition(block.exchange(), block.symbol(), time[from]);
        out.accept(partition, from == 0 && to == n ? block : block.slice(from, to));
        from = to;
      }
    }

    @Override
    void order(List<FeatureBlock> blocks) {
      blocks.sort(Comparator.comparingLong(b -> b.time()[0]));
    }

    @Override
    long firstTime(List<FeatureBlock> blocks) {
      return blocks.isEmpty() ? 0 : blocks.get(0).time()[0];
    }

    @Override
    List<MarketKey> markets(List<FeatureBlock> blocks) {
      TreeSet<MarketKey> markets = new TreeSet<>();
      for (FeatureBlock b : blocks) {
        markets.add(MarketKey.of(b.exchange(), b.symbol()));
      }
      return List.copyOf(markets);
    }

    @Override
    TableFile<FeatureBlock> open(WritableByteChannel channel, String path, Schema schema)
        throws IOException {
      FeatureBlockWriter writer =
          FeatureBlockWriter.open(new ChannelOutputFile(channel, path), schema);
      return new TableFile<FeatureBlock>() {
        @Override
        public void write(FeatureBlock block) throws IOException {
          writer.write(block);
        }

        @Override
        public long rows() {
          return writer.rowsWritten();
        }

        @Override
        public void close() throws IOException {
          writer.close();
        }
      };
    }
  }

  private static final class PartitionFn<T> extends DoFn<T, KV<String, T>> {
    private static final long serialVersionUID = 1L;
    private final Format<T> format;

    PartitionFn(Format<T> format) {
      this.format = format;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<String, T>> out) {
      format.partition(element, (partition, part) -> out.output(KV.of(partition, part)));
    }
  }

  /** Writes all elements of one partition into one staged file. */
  private static final class WritePartitionFn<T>
      extends DoFn<KV<String, Iterable<T>>, WrittenFile> {
    private static final long serialVersionUID = 1L;
    private final String tableRoot;
    private final String schemaJson;
    private final Format<T> format;
    private final String stagingDir;
    private final Counter written;
    private final StageTimer timer = new StageTimer("write");
    private transient Schema schema;

    WritePartitionFn(WriteParquetTable<T> spec) {
      this.tableRoot = spec.tableRoot;
      this.schemaJson = spec.schemaJson;
      this.format = spec.format;
      this.stagingDir = spec.stagingDir;
      this.written = Metrics.counter(spec.counterNamespace, "rows_written");
    }

    @Setup
    public void setup() {
      schema = new Schema.Parser().parse(schemaJson);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> partition, OutputReceiver<WrittenFile> out)
        throws IOException {
      long start = System.nanoTime();
      List<T> elements = new ArrayList<>();
      partition.getValue().forEach(elements::add);
      format.order(elements);
      String path = stagingDir + "/" + UUID.randomUUID() + ".parquet";
      WritableByteChannel channel =
          FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY);
      TableFile<T> file = format.open(channel, path, schema);
      for (T e : elements) {
        file.write(e);
      }
      file.close();
      written.inc(file.rows());
      String group = partition.getKey();
      int k = group.indexOf(KEY_SEPARATOR);
      out.output(
          new WrittenFile(
              tableRoot,
              k < 0 ? group : group.substring(0, k),
              path,
              format.firstTime(elements),
              file.rows(),
              format.markets(elements),
              k < 0 ? WrittenFile.NO_KEY : Long.parseLong(group.substring(k + 1))));
      timer.add(start);
    }

    @FinishBundle
    public void finishBundle() {
      timer.flush();
    }
  }
}
