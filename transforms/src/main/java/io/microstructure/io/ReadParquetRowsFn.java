package io.microstructure.io;

import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.RejectedRow;
import java.io.IOException;
import java.util.List;
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
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Parquet files into Avro GenericRecords with parquet-avro, one row group per restriction,
 * and decodes each record at once by field name into a domain type.
 *
 * <p>This is what Beam's ParquetIO.ReadFiles does, with two things its parse function cannot see
 * and the data contract needs: the source file and each row's position in it (the last tie-breaker
 * of the reconstructed order, and the address of a dead-lettered row).
 *
 * <p>With a {@link ColumnarRows} binder (the order-book channel's columnar mode) each file is
 * decoded by that columnar reader instead, with the same restrictions, counters, dead letters and
 * unreadable-file handling; a file whose layout the columnar reader does not handle falls back to
 * the record path (counter {@code columnar_fallback_files}).
 */
public final class ReadParquetRowsFn<T, B extends EventBlock> extends DoFn<FileIO.ReadableFile, B> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReadParquetRowsFn.class);

  private final Channel channel;
  private final RowDecoder<T> decoder;
  private final MarketBlocks.Kind<T, B> blocks;
  private final TupleTag<B> validTag;
  private final TupleTag<RejectedRow> rejectedTag;
  private final boolean skipUnreadableFiles;
  private final SerializableConfiguration conf;
  private final Counter rowsRead;
  private final Counter rowsRejected;
  private final Counter filesSkipped;
  private final Counter columnarFallbacks;
  private final io.microstructure.transforms.StageTimer timer;
  private final ColumnarRows<T> columnar;

  /** The record path: parquet-avro GenericRecords decoded by {@code decoder}. */
  public ReadParquetRowsFn(
      Channel channel,
      RowDecoder<T> decoder,
      MarketBlocks.Kind<T, B> blocks,
      TupleTag<B> validTag,
      TupleTag<RejectedRow> rejectedTag,
      boolean skipUnreadableFiles) {
    this(channel, decoder, null, blocks, validTag, rejectedTag, skipUnreadableFiles);
  }

  /**
   * The columnar mode: files are decoded by {@code columnar}; {@code decoder} (the record path)
   * reads the files whose layout the columnar reader leaves to it. A null {@code columnar} is the
   * record path.
   */
  public ReadParquetRowsFn(
      Channel channel,
      RowDecoder<T> decoder,
      ColumnarRows<T> columnar,
      MarketBlocks.Kind<T, B> blocks,
      TupleTag<B> validTag,
      TupleTag<RejectedRow> rejectedTag,
      boolean skipUnreadableFiles) {
    this.channel = channel;
    this.decoder = decoder;
    this.columnar = columnar;
    this.blocks = blocks;
    this.validTag = validTag;
    this.rejectedTag = rejectedTag;
    this.skipUnreadableFiles = skipUnreadableFiles;
    this.conf = new SerializableConfiguration(readConfiguration());
    this.rowsRead = Metrics.counter(channel.folder(), "rows_read");
    this.rowsRejected = Metrics.counter(channel.folder(), "rows_rejected");
    this.filesSkipped = Metrics.counter(channel.folder(), "files_skipped");
    this.columnarFallbacks = Metrics.counter(channel.folder(), "columnar_fallback_files");
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
    RowGroupReader<T> groups = columnar == null ? null : bindColumnar(path, reader, tracker);
    if (groups == null) {
      groups = AvroRowGroupReader.of(path, reader, conf.get(), decoder);
    }
    List<BlockMetaData> blocks = reader.getRowGroups();
    long from = tracker.currentRestriction().getFrom();
    long firstRow = 0;
    for (int i = 0; i < from; i++) {
      firstRow += blocks.get(i).getRowCount();
      groups.skipRowGroup();
    }
    Emitter emitter = new Emitter(path, out);
    for (long g = from; tracker.tryClaim(g); g++) {
      long start = System.nanoTime();
      long rows = groups.readRowGroup(firstRow, emitter);
      emitter.blocks.flush();
      rowsRead.inc(rows);
      firstRow += rows;
      timer.add(start);
      timer.flush();
    }
  }

  /**
   * The columnar reader of this file, or null when its layout is one only the record path handles
   * (counted once per file, from the restriction holding its first row group).
   */
  private RowGroupReader<T> bindColumnar(
      String path, ParquetFileReader reader, RestrictionTracker<OffsetRange, Long> tracker) {
    try {
      return columnar.bind(path, reader);
    } catch (ColumnarOrderBookReader.UnsupportedLayoutException e) {
      if (tracker.currentRestriction().getFrom() == 0) {
        columnarFallbacks.inc();
        LOG.info("{}: read with the record path: {}", path, e.getMessage());
      }
      return null;
    }
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

  /**
   * Routes a decoded row to its market's block of valid rows or, with its address, to the dead
   * letters.
   */
  private final class Emitter implements RowSink<T> {
    private final String path;
    private final MultiOutputReceiver out;
    final MarketBlocks<T, B> blocks;

    Emitter(String path, MultiOutputReceiver out) {
      this.path = path;
      this.out = out;
      this.blocks = new MarketBlocks<>(ReadParquetRowsFn.this.blocks, out.get(validTag)::output);
    }

    @Override
    public void accept(T value) {
      blocks.add(value);
    }

    @Override
    public void acceptBook(
        String exchange,
        String symbol,
        long captureTs,
        long seq,
        long fileKey,
        long row,
        double[] bidPrice,
        double[] bidAmount,
        int bids,
        double[] askPrice,
        double[] askAmount,
        int asks) {
      blocks.addBook(
          exchange, symbol, fileKey, captureTs, seq, row, bidPrice, bidAmount, bids, askPrice,
          askAmount, asks);
    }

    @Override
    public void reject(long row, String column, String reason, String record) {
      rowsRejected.inc();
      out.get(rejectedTag)
          .output(new RejectedRow(channel.folder(), path, row, column, reason, record));
    }
  }

  /**
   * Binds a columnar reader to an open file; throws {@link
   * ColumnarOrderBookReader.UnsupportedLayoutException} for a layout it leaves to the record path.
   */
  @FunctionalInterface
  public interface ColumnarRows<T> extends java.io.Serializable {
    RowGroupReader<T> bind(String path, ParquetFileReader reader);
  }
}
