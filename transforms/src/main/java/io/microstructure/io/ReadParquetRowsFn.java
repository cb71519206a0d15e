package io.microstructure.io;

import io.microstructure.model.Channel;
import io.microstructure.model.RejectedRow;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.hadoop.SerializableConfiguration;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads Parquet files into Avro GenericRecords with parquet-avro, one row group per restriction,
 * and decodes each record at once by field name into a domain type.
 *
 * <p>This is what Beam's ParquetIO.ReadFiles does, with two things its parse function cannot see
 * and the data contract needs: the source file and each row's position in it (the last tie-breaker
 * of the reconstructed order, and the address of a dead-lettered row).
 */
public final class ReadParquetRowsFn<T> extends DoFn<FileIO.ReadableFile, T> {
  private static final long serialVersionUID = 1L;

  private final Channel channel;
  private final RowDecoder<T> decoder;
  private final TupleTag<T> validTag;
  private final TupleTag<RejectedRow> rejectedTag;
  private final boolean skipUnreadableFiles;
  private final SerializableConfiguration conf;
  private final Counter rowsRead;
  private final Counter rowsRejected;
  private final Counter filesSkipped;
  private final io.microstructure.transforms.StageTimer timer;

  public ReadParquetRowsFn(
      Channel channel,
      RowDecoder<T> decoder,
      TupleTag<T> validTag,
      TupleTag<RejectedRow> rejectedTag,
      boolean skipUnreadableFiles) {
    this.channel = channel;
    this.decoder = decoder;
    this.validTag = validTag;
    this.rejectedTag = rejectedTag;
    this.skipUnreadableFiles = skipUnreadableFiles;
    this.conf = new SerializableConfiguration(readConfiguration());
    this.rowsRead = Metrics.counter(channel.folder(), "rows_read");
    this.rowsRejected = Metrics.counter(channel.folder(), "rows_rejected");
    this.filesSkipped = Metrics.counter(channel.folder(), "files_skipped");
    this.timer = new io.microstructure.transforms.StageTimer("read_" + channel.folder());
  }

  /** Hadoop settings that make parquet-avro read files of any common writer. */
  public static Configuration readConfiguration() {
    Configuration c = new Configuration(false);
    // Standard 3-level lists (pyarrow, DuckDB, Spark) map to plain arrays, not wrapper records.
    c.setBoolean("parquet.avro.add-list-element-records", false);
    c.setBoolean("parquet.avro.compatible", false);
    return c;
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element FileIO.ReadableFile file) {
    try (ParquetFileReader reader = open(file)) {
      return new OffsetRange(0, reader.getRowGroups().size());
    } catch (IOException | RuntimeException e) {
      if (skipUnreadableFiles) {
        return new OffsetRange(0, 1); // processElement reports the file once
      }
      throw new UnreadableFileException(
          path(file) + ": not readable Parquet: " + e.getMessage(), e);
    }
  }

  @SplitRestriction
  public void split(@Restriction OffsetRange range, OutputReceiver<OffsetRange> out) {
    for (long i = range.getFrom(); i < range.getTo(); i++) {
      out.output(new OffsetRange(i, i + 1));
    }
  }

  @ProcessElement
  public void process(
      @Element FileIO.ReadableFile file,
      RestrictionTracker<OffsetRange, Long> tracker,
      MultiOutputReceiver out) {
    String path = path(file);
    try (ParquetFileReader reader = open(file)) {
      readRowGroups(path, reader, tracker, out);
    } catch (MissingColumnException e) {
      skipOrFail(path, e.column(), e.getMessage(), e, tracker, out);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UnreadableFileException) {
        throw (UnreadableFileException) e;
      }
      skipOrFail(path, null, "not readable Parquet: " + e.getMessage(), e, tracker, out);
    }
  }

  private void readRowGroups(
      String path,
      ParquetFileReader reader,
      RestrictionTracker<OffsetRange, Long> tracker,
      MultiOutputReceiver out)
      throws IOException {
    FileMetaData meta = reader.getFooter().getFileMetaData();
    MessageType fileSchema = meta.getSchema();
    Configuration c = conf.get();
    AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
    ReadSupport.ReadContext context =
        support.init(new InitContext(c, toSetMultiMap(meta.getKeyValueMetaData()), fileSchema));
    RecordMaterializer<GenericRecord> materializer =
        support.prepareForRead(c, meta.getKeyValueMetaData(), fileSchema, context);
    MessageColumnIO columnIO =
        new ColumnIOFactory(meta.getCreatedBy())
            .getColumnIO(context.getRequestedSchema(), fileSchema, true);
    RowDecoder.Bound<T> bound = decoder.bind(path, fileSchema, recordSchema(c, meta, fileSchema));

    List<BlockMetaData> blocks = reader.getRowGroups();
    long from = tracker.currentRestriction().getFrom();
    long firstRow = 0;
    for (int i = 0; i < from; i++) {
      firstRow += blocks.get(i).getRowCount();
      reader.skipNextRowGroup();
    }
    Emitter emitter = new Emitter(path, out);
    for (long g = from; tracker.tryClaim(g); g++) {
      long start = System.nanoTime();
      PageReadStore pages = reader.readNextRowGroup();
      RecordReader<GenericRecord> records =
          columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
      long rows = pages.getRowCount();
      for (long r = 0; r < rows; r++) {
        GenericRecord record = records.read();
        emitter.row = firstRow + r;
        emitter.record = record;
        bound.decode(record, firstRow + r, emitter);
      }
      rowsRead.inc(rows);
      firstRow += rows;
      timer.add(start);
      timer.flush();
    }
  }

  /** The Avro schema parquet-avro gives the records: the writer's, else converted from Parquet. */
  private static org.apache.avro.Schema recordSchema(
      Configuration c, FileMetaData meta, MessageType fileSchema) {
    String avro = meta.getKeyValueMetaData().get("parquet.avro.schema");
    if (avro == null) {
      avro = meta.getKeyValueMetaData().get("avro.schema");
    }
    return avro != null
        ? new org.apache.avro.Schema.Parser().parse(avro)
        : new org.apache.parquet.avro.AvroSchemaConverter(c).convert(fileSchema);
  }

  private void skipOrFail(
      String path,
      String column,
      String message,
      Exception cause,
      RestrictionTracker<OffsetRange, Long> tracker,
      MultiOutputReceiver out) {
    if (!skipUnreadableFiles) {
      throw new UnreadableFileException(
          message.startsWith(path) ? message : path + ": " + message, cause);
    }
    // Report a skipped file once, from the restriction that holds its first row group.
    if (tracker.currentRestriction().getFrom() == 0 && tracker.tryClaim(0L)) {
      filesSkipped.inc();
      out.get(rejectedTag)
          .output(
              new RejectedRow(
                  channel.folder(), path, -1, column, "file skipped: " + message, null));
    }
  }

  private ParquetFileReader open(FileIO.ReadableFile file) throws IOException {
    return ParquetFileReader.open(
        new BeamInputFile(file.openSeekable()), HadoopReadOptions.builder(conf.get()).build());
  }

  private static String path(FileIO.ReadableFile file) {
    return file.getMetadata().resourceId().toString();
  }

  private static Map<String, Set<String>> toSetMultiMap(Map<String, String> map) {
    Map<String, Set<String>> m = new HashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      Set<String> s = new LinkedHashSet<>();
      s.add(e.getValue());
      m.put(e.getKey(), s);
    }
    return m;
  }

  /** Routes a decoded row to the valid output or, with its address, to the dead letters. */
  private final class Emitter implements RowDecoder.Output<T> {
    private final String path;
    private final MultiOutputReceiver out;
    long row;
    GenericRecord record;

    Emitter(String path, MultiOutputReceiver out) {
      this.path = path;
      this.out = out;
    }

    @Override
    public void accept(T value) {
      out.get(validTag).output(value);
    }

    @Override
    public void reject(String column, String reason) {
      rowsRejected.inc();
      out.get(rejectedTag)
          .output(
              new RejectedRow(channel.folder(), path, row, column, reason, String.valueOf(record)));
    }
  }
}
