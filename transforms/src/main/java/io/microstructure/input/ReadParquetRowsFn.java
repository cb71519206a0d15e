package io.microstructure.input;

import io.microstructure.io.BeamInputFile;
import io.microstructure.io.ParquetRecords;
import io.microstructure.metrics.StageTimer;
import io.microstructure.model.EventBlock;
import io.microstructure.model.RawRow;
import io.microstructure.model.RejectedRow;
import java.io.IOException;
import java.util.ArrayList;
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
 * letters, in restrictions of whole row groups. A file's channel is the folder it lies in. Each channel
 * is read as its {@link ChannelFormat} says: parquet-avro GenericRecords decoded by field name (the
 * record path), or a columnar reader tried first, with the record path for the files whose layout
 * it leaves (counter {@code columnar_fallback_files}).
 *
 * <p>This is what Beam's ParquetIO.ReadFiles does, with two things its parse function cannot see
 * and the data contract needs: the source file and each row's position in it (the last tie-breaker
 * of the reconstructed order, and the address of a dead-lettered row). The main output is the dead
 * letters; each channel's blocks go to its format's tag.
 *
 * <p>Input that cannot be decoded at all fails the run with a message naming the file (and the row
 * group, or the column), unless unreadable files are skipped. Then nothing is lost silently: a file
 * that is not Parquet or lacks a required column becomes one dead letter (row -1, from the
 * restriction holding row group 0), a row group that fails becomes one dead letter for its rows
 * (row = its first row) and none of its rows go on, and the counters balance per channel:
 * rows_read + rows_unreadable = rows_in_footers.
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
    conf = ParquetRecords.readConfiguration();
  }

  /**
   * Rows a batch (the unit a restriction claims) holds at least, in whole row groups: 32 full
   * market blocks, about what one large row group holds. Blocks are handed on at the end of a
   * batch, since nothing may be output after a claim fails; batches of small row groups (a capture
   * tool's flush every 1,000 rows) therefore still make full blocks, where a block per row group
   * made the rest of the run 4 to 16 times as many elements. Batches this large also give the
   * runner as many bundles as large row groups do: the DirectRunner's GroupByKey copies a key's
   * whole buffered state for every bundle that adds to it, which made 16,384-row batches 1.3 to
   * 1.5 times slower than large row groups.
   */
  static final long BATCH_ROWS = 32L * MarketBlocks.BLOCK_ROWS;

  /** Rows a restriction reads at least, in whole batches: see {@link #split}. */
  static final long ROWS_PER_RESTRICTION = BATCH_ROWS;

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element FileIO.ReadableFile file) {
    try (ParquetFileReader reader = open(file)) {
      // A file without row groups gets one offset all the same, so its columns are checked too.
      return new OffsetRange(0, Math.max(1, batches(reader.getRowGroups()).size()));
    } catch (IOException | RuntimeException e) {
      if (skipUnreadableFiles) {
        return new OffsetRange(0, 1); // processElement reports the file once
      }
      // The message leads with the path; parquet-mr's own text names the file again.
      String path = path(file);
      throw new UnreadableFileException(
          path + ": " + UnreadableRows.notParquet(e).replace(path, "the file"), e);
    }
  }

  /**
   * Splits a file into runs of consecutive batches of at least {@link #ROWS_PER_RESTRICTION} rows
   * (with today's sizes, a batch each). Each restriction costs the runner a scheduling round trip
   * (tens of milliseconds on the DirectRunner), and capture tools flush small row groups: daedalus
   * writes one every 1,000 records, which as one restriction each made reading 2-3× slower.
   */
  @SplitRestriction
  public void split(
      @Element FileIO.ReadableFile file,
      @Restriction OffsetRange range,
      OutputReceiver<OffsetRange> out) {
    runsOfRowGroups(batchRows(file), range, ROWS_PER_RESTRICTION).forEach(out::output);
  }

  /**
   * The batches of a file: runs of consecutive row groups of at least {@link #BATCH_ROWS} rows (a
   * large row group alone). A restriction's offsets are batch indices.
   */
  static List<OffsetRange> batches(List<BlockMetaData> groups) {
    long[] rows = groups.stream().mapToLong(BlockMetaData::getRowCount).toArray();
    return runsOfRowGroups(rows, new OffsetRange(0, rows.length), BATCH_ROWS);
  }

  /**
   * {@code range} cut into runs of consecutive row groups holding at least {@code target} rows
   * each; a row group the footer does not list counts as {@code target} rows, so it stands alone.
   * What is left at the end joins the last run when it holds less than half the target (a file's
   * tail is not worth a run of its own), else it is a shorter run of its own.
   */
  static List<OffsetRange> runsOfRowGroups(long[] rows, OffsetRange range, long target) {
    List<OffsetRange> runs = new ArrayList<>();
    long from = range.getFrom();
    long inRun = 0;
    for (long g = range.getFrom(); g < range.getTo(); g++) {
      inRun += g < rows.length ? rows[(int) g] : target;
      if (inRun >= target) {
        runs.add(new OffsetRange(from, g + 1));
        from = g + 1;
        inRun = 0;
      }
    }
    if (from < range.getTo()) {
      if (!runs.isEmpty() && 2 * inRun < target) {
        OffsetRange last = runs.remove(runs.size() - 1);
        runs.add(new OffsetRange(last.getFrom(), range.getTo()));
      } else {
        runs.add(new OffsetRange(from, range.getTo()));
      }
    }
    return runs;
  }

  /** Rows of each batch; none when the footer cannot be read (the read reports that). */
  private long[] batchRows(FileIO.ReadableFile file) {
    try (ParquetFileReader reader = open(file)) {
      List<BlockMetaData> groups = reader.getRowGroups();
      return batches(groups).stream()
          .mapToLong(b -> firstRow(groups, b.getTo()) - firstRow(groups, b.getFrom()))
          .toArray();
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  @ProcessElement
  public void process(
      @Element FileIO.ReadableFile file,
      RestrictionTracker<OffsetRange, Long> tracker,
      MultiOutputReceiver out) {
    String path = path(file);
    readingOf(path).read(file, path, tracker, out);
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
        new BeamInputFile(path(file), file.openSeekable()),
        HadoopReadOptions.builder(conf).build());
  }

  private static String path(FileIO.ReadableFile file) {
    return file.getMetadata().resourceId().toString();
  }

  /** The file row index of row group g's first row. */
  private static long firstRow(List<BlockMetaData> groups, long g) {
    long first = 0;
    for (int i = 0; i < g; i++) {
      first += groups.get(i).getRowCount();
    }
    return first;
  }

  /**
   * One channel's reading: its format and counters. Per channel, {@code rows_in_footers} (the row
   * count of every claimed row group) = {@code rows_read} (rows decoded, valid or rejected) +
   * {@code rows_unreadable} (rows of row groups that failed and of skipped files).
   */
  private final class Reading<T extends RawRow, B extends EventBlock>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final ChannelFormat<T, B> format;
    private final Counter rowsRead;
    private final Counter rowsRejected;
    private final Counter rowsInFooters;
    private final Counter rowsUnreadable;
    private final Counter rowGroupsSkipped;
    private final Counter filesSkipped;
    private final Counter columnarFallbacks;
    private final StageTimer timer;

    Reading(ChannelFormat<T, B> format) {
      this.format = format;
      String folder = format.channel().folder();
      this.rowsRead = Metrics.counter(folder, "rows_read");
      this.rowsRejected = Metrics.counter(folder, "rows_rejected");
      this.rowsInFooters = Metrics.counter(folder, "rows_in_footers");
      this.rowsUnreadable = Metrics.counter(folder, "rows_unreadable");
      this.rowGroupsSkipped = Metrics.counter(folder, "row_groups_skipped");
      this.filesSkipped = Metrics.counter(folder, "files_skipped");
      this.columnarFallbacks = Metrics.counter(folder, "columnar_fallback_files");
      this.timer = new StageTimer("read_" + folder);
    }

    /**
     * Reads the row groups the restriction holds. When skipping unreadable files, a row group is
     * atomic: its blocks and dead letters are held until it has been read whole, and dropped for
     * one dead letter naming its rows if it fails. Otherwise they go out as they come, and a
     * failure fails the run.
     */
    void read(
        FileIO.ReadableFile file,
        String path,
        RestrictionTracker<OffsetRange, Long> tracker,
        MultiOutputReceiver out) {
      Emitter emitter = new Emitter(path, out, skipUnreadableFiles);
      OpenFile open = null;
      List<BlockMetaData> footer = null; // once the file has been opened
      List<OffsetRange> batches = null;
      FileProblem problem = null;
      try {
        for (long b = tracker.currentRestriction().getFrom(); tracker.tryClaim(b); b++) {
          if (open == null && problem == null && footer == null) {
            try {
              open = new OpenFile(file, path, b, true);
              footer = open.groups;
              batches = batches(footer);
            } catch (FileProblem p) {
              problem = p;
            }
          }
          if (problem != null) {
            for (long g : groupsOf(b, problem.groups)) {
              skipFile(path, problem, g, out);
            }
            continue;
          }
          if (b >= batches.size()) {
            continue; // a file without row groups: its columns were checked on opening
          }
          for (long g = batches.get((int) b).getFrom(); g < batches.get((int) b).getTo(); g++) {
            if (open == null) { // a row group failed: its reader's position is unknown
              try {
                open = new OpenFile(file, path, g, false);
              } catch (FileProblem p) { // reopening failed: so does this row group
                rowsInFooters.inc(footer.get((int) g).getRowCount());
                rowGroupFailed(path, footer, g, p, out);
                continue;
              }
            }
            long start = System.nanoTime();
            rowsInFooters.inc(footer.get((int) g).getRowCount());
            try {
              open.read(g, emitter);
              emitter.commit();
              rowsRead.inc(footer.get((int) g).getRowCount());
            } catch (IOException | RuntimeException e) {
              emitter.discard();
              open.close();
              open = null;
              rowGroupFailed(path, footer, g, e, out);
            }
            timer.add(start);
          }
          emitter.endBatch(); // before the next claim, which may fail
        }
      } finally {
        if (open != null) {
          open.close();
        }
      }
    }

    /**
     * The row groups of batch b by a footer, for the accounting of a file that cannot be read; by
     * none (the footer itself is unreadable), offset b stands for the file.
     */
    private List<Long> groupsOf(long b, List<BlockMetaData> groups) {
      if (groups == null) {
        return List.of(b);
      }
      List<OffsetRange> all = batches(groups);
      List<Long> list = new ArrayList<>();
      if (b < all.size()) {
        for (long g = all.get((int) b).getFrom(); g < all.get((int) b).getTo(); g++) {
          list.add(g);
        }
      } else if (b == 0) {
        list.add(0L); // no row groups: offset 0 reports the file
      }
      return list;
    }

    /** Row group g could not be read: fails the run, or becomes one dead letter for its rows. */
    private void rowGroupFailed(
        String path, List<BlockMetaData> groups, long g, Exception e, MultiOutputReceiver out) {
      long rows = groups.get((int) g).getRowCount();
      long first = firstRow(groups, g);
      String reason = UnreadableRows.rowGroup(g, groups.size(), first, rows, e);
      if (!skipUnreadableFiles) {
        throw new UnreadableFileException(path + ": " + reason, e);
      }
      rowsUnreadable.inc(rows);
      rowGroupsSkipped.inc();
      out.get(EventTags.REJECTED)
          .output(new RejectedRow(format.channel().folder(), path, first, null, reason, null));
    }

    /**
     * Offset g of a file that cannot be read at all: fails the run, or counts the row group as
     * unreadable; the restriction holding row group 0 reports the file, once.
     */
    private void skipFile(String path, FileProblem p, long g, MultiOutputReceiver out) {
      if (!skipUnreadableFiles) {
        throw new UnreadableFileException(
            p.message.startsWith(path) ? p.message : path + ": " + p.message, p.getCause());
      }
      if (p.groups != null && g < p.groups.size()) {
        long rows = p.groups.get((int) g).getRowCount();
        rowsInFooters.inc(rows);
        rowsUnreadable.inc(rows);
      }
      if (g == 0) {
        filesSkipped.inc();
        long rows = -1;
        if (p.groups != null) {
          rows = p.groups.stream().mapToLong(BlockMetaData::getRowCount).sum();
        }
        int groups = p.groups == null ? 0 : p.groups.size();
        out.get(EventTags.REJECTED)
            .output(
                new RejectedRow(
                    format.channel().folder(),
                    path,
                    -1,
                    p.column,
                    UnreadableRows.fileSkipped(rows, groups, p.message),
                    null));
      }
    }

    /** A file opened and bound to its decoder, positioned at the next row group to read. */
    private final class OpenFile implements java.io.Closeable {
      final String path;
      final ParquetFileReader reader;
      final List<BlockMetaData> groups;
      final RowGroupReader<T> rows;
      long next;

      /**
       * Opens the file to read from row group g on, or from the first row group of batch g when
       * {@code isBatch}.
       */
      OpenFile(FileIO.ReadableFile file, String path, long g, boolean isBatch)
          throws FileProblem {
        this.path = path;
        try {
          reader = open(file);
        } catch (IOException | RuntimeException e) {
          throw new FileProblem(null, UnreadableRows.notParquet(e), null, e);
        }
        groups = reader.getRowGroups();
        try {
          CaptureTsUnit unit =
              CaptureTsDetection.resolve(path, reader.getFooter(), format.plainInt64Unit());
          if (isBatch) {
            List<OffsetRange> batches = batches(groups);
            g = g < batches.size() ? batches.get((int) g).getFrom() : groups.size();
          }
          rows = bind(path, reader, g, unit);
          for (next = 0; next < Math.min(g, groups.size()); next++) {
            rows.skipRowGroup();
          }
        } catch (MissingColumnException e) {
          close();
          throw new FileProblem(e.column(), e.getMessage(), groups, e);
        } catch (IOException | RuntimeException e) {
          close();
          throw new FileProblem(null, UnreadableRows.notParquet(e), groups, e);
        }
      }

      void read(long g, RowSink<T> sink) throws IOException {
        if (g != next) {
          throw new IllegalStateException(path + ": row group " + g + " read at " + next);
        }
        next++;
        rows.readRowGroup(firstRow(groups, g), sink);
      }

      @Override
      public void close() {
        try {
          reader.close();
        } catch (IOException e) {
          LOG.warn("{}: cannot close: {}", path, e.getMessage());
        }
      }
    }

    /** The columnar reader where the format has one and it takes the file, else the record path. */
    private RowGroupReader<T> bind(
        String path, ParquetFileReader reader, long g, CaptureTsUnit unit) {
      if (format.columnar() != null) {
        try {
          return format.columnar().bind(path, reader, unit);
        } catch (ColumnarOrderBookReader.UnsupportedLayoutException e) {
          if (g == 0) { // counted once per file
            columnarFallbacks.inc();
            LOG.info("{}: read with the record path: {}", path, e.getMessage());
          }
        }
      }
      return AvroRowGroupReader.of(path, reader, conf, format.decoder().withPlainInt64Unit(unit));
    }

    /**
     * Routes a decoded row to its market's block of valid rows or, with its address, to the dead
     * letters. Held back until {@link #commit} when {@code atomic}.
     */
    private final class Emitter implements RowSink<T> {
      private final String path;
      private final MultiOutputReceiver out;
      private final boolean atomic;
      private final List<B> heldBlocks = new ArrayList<>();
      private final List<RejectedRow> heldRejections = new ArrayList<>();
      private final MarketBlocks<T, B> blocks;

      Emitter(String path, MultiOutputReceiver out, boolean atomic) {
        this.path = path;
        this.out = out;
        this.atomic = atomic;
        this.blocks =
            new MarketBlocks<>(
                format.blocks(), atomic ? heldBlocks::add : out.get(format.tag())::output);
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
        RejectedRow r =
            new RejectedRow(format.channel().folder(), path, row, column, reason, record);
        if (atomic) {
          heldRejections.add(r);
        } else {
          rowsRejected.inc();
          out.get(EventTags.REJECTED).output(r);
        }
      }

      /**
       * The row group was read whole. When row groups are atomic, hands on what it made (its rows
       * must stay apart from the next group's, which may fail); otherwise its rows stay in the
       * market blocks, which go on filling until the batch ends.
       */
      void commit() {
        if (atomic) {
          blocks.flush();
          heldBlocks.forEach(out.get(format.tag())::output);
          heldRejections.forEach(out.get(EventTags.REJECTED)::output);
          rowsRejected.inc(heldRejections.size());
          heldBlocks.clear();
          heldRejections.clear();
        }
      }

      /** The batch's row groups are read: hands on the blocks still filling. */
      void endBatch() {
        blocks.flush();
      }

      /** The row group failed: drops what it made. */
      void discard() {
        blocks.discard();
        heldBlocks.clear();
        heldRejections.clear();
      }
    }
  }

  /**
   * Why a file cannot be read at all: its footer, a required column, its schema. Thrown while
   * opening it, before any row.
   */
  private static final class FileProblem extends Exception {
    private static final long serialVersionUID = 1L;
    final String column;
    final String message;
    final transient List<BlockMetaData> groups; // null when the footer is unreadable

    FileProblem(String column, String message, List<BlockMetaData> groups, Throwable cause) {
      super(message, cause);
      this.column = column;
      this.message = message;
      this.groups = groups;
    }
  }

  /** Rows that failed validation, and skipped files, of every channel: the main output. */
}
