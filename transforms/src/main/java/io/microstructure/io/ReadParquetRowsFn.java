package io.microstructure.io;

import io.microstructure.model.EventBlock;
import io.microstructure.model.RawRow;
import io.microstructure.model.RejectedRow;
import io.microstructure.transforms.StageTimer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileIO;
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
 * Reads the Parquet files of one or more channels into blocks of valid rows per market and dead
 * letters, one row group per restriction. A file's channel is the folder it lies in. Each channel
 * is read as its {@link ChannelFormat} says: parquet-avro GenericRecords decoded by field name (the
 * record path), or a columnar reader tried first, with the record path for the files whose layout
 * it leaves (counter {@code columnar_fallback_files}).
 *
 * <p>This is what Beam's ParquetIO.ReadFiles does, with two things its parse function cannot see
 * and the data contract needs: the source file and each row's position in it (the last tie-breaker
 * of the reconstructed order, and the address of a dead-lettered row). The main output is the dead
 * letters; each channel's blocks go to its format's tag.
 */
public final class ReadParquetRowsFn extends DoFn<FileIO.ReadableFile, RejectedRow> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ReadParquetRowsFn.class);

  private final Map<String, Reading<?, ?>> byFolder = new LinkedHashMap<>();
  private final boolean skipUnreadableFiles;
  // The same settings for every file: made at setup rather than serialized with the DoFn (the
  // DirectRunner copies a DoFn through serialization for each bundle).
  private transient Configuration conf;

  /**
   * @param formats each channel's format, by the folder its files lie under (no trailing slash)
   */
  public ReadParquetRowsFn(Map<String, ChannelFormat<?, ?>> formats, boolean skipUnreadableFiles) {
    for (Map.Entry<String, ChannelFormat<?, ?>> e : formats.entrySet()) {
      byFolder.put(e.getKey() + "/", new Reading<>(e.getValue()));
    }
    this.skipUnreadableFiles = skipUnreadableFiles;
  }

  @Setup
  public void setup() {
    conf = readConfiguration();
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
          path(file) + ": not readable Parquet: " + why(e, path(file)), e);
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
    Reading<?, ?> reading = readingOf(path);
    try (ParquetFileReader reader = open(file)) {
      reading.readRowGroups(path, reader, tracker, out);
    } catch (MissingColumnException e) {
      reading.skipOrFail(path, e.column(), e.getMessage(), e, tracker, out);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UnreadableFileException) {
        throw (UnreadableFileException) e;
      }
      reading.skipOrFail(path, null, "not readable Parquet: " + why(e, path), e, tracker, out);
    }
  }

  @FinishBundle
  public void finishBundle() {
    byFolder.values().forEach(r -> r.timer.flush());
  }

  private Reading<?, ?> readingOf(String path) {
    for (Map.Entry<String, Reading<?, ?>> e : byFolder.entrySet()) {
      if (path.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException(
        path + ": not under any channel folder " + byFolder.keySet());
  }

  private ParquetFileReader open(FileIO.ReadableFile file) throws IOException {
    return ParquetFileReader.open(
        new BeamInputFile(file.openSeekable(), path(file)),
        HadoopReadOptions.builder(conf).build());
  }

  private static String path(FileIO.ReadableFile file) {
    return file.getMetadata().resourceId().toString();
  }

  /** A reader's complaint about the file at {@code path}, which the message already leads with. */
  static String why(Exception e, String path) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replace(path, "the file");
  }

  /** One channel's reading: its format and counters. */
  private final class Reading<T extends RawRow, B extends EventBlock>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final ChannelFormat<T, B> format;
    private final Counter rowsRead;
    private final Counter rowsRejected;
    private final Counter filesSkipped;
    private final Counter columnarFallbacks;
    private final StageTimer timer;

    Reading(ChannelFormat<T, B> format) {
      this.format = format;
      String folder = format.channel().folder();
      this.rowsRead = Metrics.counter(folder, "rows_read");
      this.rowsRejected = Metrics.counter(folder, "rows_rejected");
      this.filesSkipped = Metrics.counter(folder, "files_skipped");
      this.columnarFallbacks = Metrics.counter(folder, "columnar_fallback_files");
      this.timer = new StageTimer("read_" + folder);
    }

    void readRowGroups(
        String path,
        ParquetFileReader reader,
        RestrictionTracker<OffsetRange, Long> tracker,
        MultiOutputReceiver out)
        throws IOException {
      RowGroupReader<T> groups =
          format.columnar() == null ? null : bindColumnar(path, reader, tracker);
      if (groups == null) {
        groups = AvroRowGroupReader.of(path, reader, conf, format.decoder());
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
      }
    }

    /**
     * The columnar reader of this file, or null when its layout is one only the record path handles
     * (counted once per file, from the restriction holding its first row group).
     */
    private RowGroupReader<T> bindColumnar(
        String path, ParquetFileReader reader, RestrictionTracker<OffsetRange, Long> tracker) {
      try {
        return format.columnar().bind(path, reader);
      } catch (ColumnarOrderBookReader.UnsupportedLayoutException e) {
        if (tracker.currentRestriction().getFrom() == 0) {
          columnarFallbacks.inc();
          LOG.info("{}: read with the record path: {}", path, e.getMessage());
        }
        return null;
      }
    }

    void skipOrFail(
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
        out.get(REJECTED)
            .output(
                new RejectedRow(
                    format.channel().folder(), path, -1, column, "file skipped: " + message, null));
      }
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
        this.blocks = new MarketBlocks<>(format.blocks(), out.get(format.tag())::output);
      }

      @Override
      public void accept(T value) {
        blocks.add(value);
      }

      @Override
      public void acceptBook(BookRow row) {
        blocks.addBook(row);
      }

      @Override
      public void reject(long row, String column, String reason, String record) {
        rowsRejected.inc();
        out.get(REJECTED)
            .output(new RejectedRow(format.channel().folder(), path, row, column, reason, record));
      }
    }
  }

  /** Rows that failed validation, and skipped files, of every channel: the main output. */
  public static final TupleTag<RejectedRow> REJECTED = new TupleTag<RejectedRow>("rejected") {};
}
