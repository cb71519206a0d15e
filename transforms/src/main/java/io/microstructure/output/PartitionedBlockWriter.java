package io.microstructure.output;

import io.microstructure.io.ChannelOutputFile;
import io.microstructure.io.PausePoints;
import io.microstructure.io.SegmentFiles;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.MarketKey;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Writes one market's rows of one table, in the order given, into a staged Parquet file per Hive
 * partition ({@code exchange=/symbol=/date=} of each row's time) under a staging folder, to be
 * renamed into place once the run's writes are complete ({@link WrittenFile}).
 *
 * <p>Rows come in time order, so one file is open at a time: a row of a later date closes the open
 * files. Should a row go back to a date already closed, that partition gets a second file. Not
 * thread-safe.
 */
public final class PartitionedBlockWriter implements AutoCloseable {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final String tableRoot;
  private final String stagingDir;
  private final Schema schema;
  private final long cutMicros;
  private final boolean keyed;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final List<WrittenFile> written = new ArrayList<>();

  /**
   * @param tableRoot the table's folder
   * @param stagingDir where files are written before they are renamed into the table
   * @param schema the table's schema
   */
  public PartitionedBlockWriter(String tableRoot, String stagingDir, Schema schema) {
    this(tableRoot, stagingDir, schema, 0);
  }

  /**
   * As above, for an incremental run: files are also cut every {@code cutMicros} of row time (its
   * chunks, dividing a day) and keyed by the start of theirs ({@link WrittenFile#fileKey()}); 0:
   * files per partition only, unkeyed.
   */
  public PartitionedBlockWriter(String tableRoot, String stagingDir, Schema schema, long cutMicros) {
    this.tableRoot = SegmentFiles.stripSlash(tableRoot);
    this.stagingDir = SegmentFiles.stripSlash(stagingDir);
    this.schema = schema;
    this.cutMicros = cutMicros > 0 ? cutMicros : MICROS_PER_DAY;
    this.keyed = cutMicros > 0;
  }

  /** Writes the block's rows; the block may be reused once this returns. */
  public void write(FeatureBlock block) throws IOException {
    write(block, WrittenFile.NO_KEY);
  }

  /**
   * Writes the block's rows into files of this key (a volume bar's, {@link FileKeys}), whatever
   * their time; {@link WrittenFile#NO_KEY}: keyed by the writer's cut, if any.
   */
  public void write(FeatureBlock block, long key) throws IOException {
    int n = block.size();
    long[] time = block.time();
    int from = 0;
    while (from < n) {
      long day = Math.floorDiv(time[from], MICROS_PER_DAY);
      long cut = Math.floorDiv(time[from], cutMicros);
      int to = from + 1;
      while (to < n
          && Math.floorDiv(time[to], MICROS_PER_DAY) == day
          && Math.floorDiv(time[to], cutMicros) == cut) {
        to++;
      }
      long fileKey =
          key != WrittenFile.NO_KEY ? key : keyed ? cut * cutMicros : WrittenFile.NO_KEY;
      String partition = OutputLayout.hivePartition(block.exchange(), block.symbol(), time[from]);
      Open file = writerFor(partition, day, time[from], fileKey);
      file.markets.add(MarketKey.of(block.exchange(), block.symbol()));
      file.writer.write(from == 0 && to == n ? block : block.slice(from, to));
      from = to;
    }
  }

  /** Closes every open file and returns all files written. */
  public List<WrittenFile> finish() throws IOException {
    for (Open f : open.values()) {
      written.add(f.close());
    }
    open.clear();
    return written;
  }

  /** Rows written so far, over all files. */
  public long rows() {
    long rows = 0;
    for (WrittenFile f : written) {
      rows += f.rows();
    }
    for (Open f : open.values()) {
      rows += f.writer.rowsWritten();
    }
    return rows;
  }

  private Open writerFor(String partition, long day, long firstTime, long key)
      throws IOException {
    String id = partition + "|" + key;
    Open f = open.get(id);
    if (f != null) {
      return f;
    }
    // Rows move forward in time, keys with them: files of earlier days or keys are complete.
    for (var it = open.values().iterator(); it.hasNext(); ) {
      Open o = it.next();
      if (o.day < day || o.key < key) {
        written.add(o.close());
        it.remove();
      }
    }
    f = new Open(partition, day, firstTime, key);
    open.put(id, f);
    return f;
  }

  /** Closes open files without reporting them (after a failure; the run's staging folder goes). */
  @Override
  public void close() {
    for (Open f : open.values()) {
      try {
        f.writer.close();
      } catch (IOException | RuntimeException e) {
        // the file is discarded with the staging folder
      }
    }
    open.clear();
  }

  /** A staged file being written. */
  private final class Open {
    final String partition;
    final long day;
    final long firstTime;
    final long key;
    final String path;
    final FeatureBlockWriter writer;
    final TreeSet<MarketKey> markets = new TreeSet<>();

    Open(String partition, long day, long firstTime, long key) throws IOException {
      this.partition = partition;
      this.day = day;
      this.firstTime = firstTime;
      this.key = key;
      this.path = stagingDir + "/" + UUID.randomUUID() + ".parquet";
      WritableByteChannel channel =
          FileSystems.create(FileSystems.matchNewResource(path, false), MimeTypes.BINARY);
      this.writer = FeatureBlockWriter.open(new ChannelOutputFile(channel, path), schema);
    }

    WrittenFile close() throws IOException {
      writer.close();
      PausePoints.reach(PausePoints.FILE_STAGED);
      return new WrittenFile(
          tableRoot, partition, path, firstTime, writer.rowsWritten(), List.copyOf(markets), key);
    }
  }
}
