package io.microstructure.output;

import io.microstructure.model.MarketKey;
import java.util.List;
import java.util.Objects;

/**
 * A file a table writer finished in its staging folder, waiting to be renamed into its partition:
 * which table and partition it belongs to, where it is, the time of its first row (orders several
 * files of one partition), how many rows it holds and the markets (exchange, symbol as in the
 * rows) they are of. Two markets in one partition folder means their names collide once made
 * path-safe; the commit refuses that.
 */
public final class WrittenFile {
  private final String tableRoot;
  private final String partition;
  private final String tempFile;
  private final long firstTime;
  private final long rows;
  private final List<MarketKey> markets;
  private final long fileKey;

  /**
   * @param markets the distinct markets of the rows, sorted; empty for tables not partitioned by
   *     market (dead letters)
   */
  public WrittenFile(
      String tableRoot,
      String partition,
      String tempFile,
      long firstTime,
      long rows,
      List<MarketKey> markets) {
    this(tableRoot, partition, tempFile, firstTime, rows, markets, NO_KEY);
  }

  /**
   * @param fileKey the resume point (epoch µs) from which the file's rows are recomputed by an
   *     incremental run ({@link FileKeys}); {@link #NO_KEY} outside incremental runs
   */
  public WrittenFile(
      String tableRoot,
      String partition,
      String tempFile,
      long firstTime,
      long rows,
      List<MarketKey> markets,
      long fileKey) {
    this.tableRoot = tableRoot;
    this.partition = partition;
    this.tempFile = tempFile;
    this.firstTime = firstTime;
    this.rows = rows;
    this.markets = List.copyOf(markets);
    this.fileKey = fileKey;
  }

  /** The key of a file written outside incremental runs. */
  public static final long NO_KEY = Long.MIN_VALUE;

  /** See the constructor; {@link #NO_KEY} outside incremental runs. */
  public long fileKey() {
    return fileKey;
  }

  /** The table's folder, e.g. {@code <out>/ccxt/orderbook/hf}. */
  public String tableRoot() {
    return tableRoot;
  }

  /** The partition folder relative to the table, e.g. {@code exchange=x/symbol=y/date=z}. */
  public String partition() {
    return partition;
  }

  public String tempFile() {
    return tempFile;
  }

  /** Time column of the file's first row, epoch µs. */
  public long firstTime() {
    return firstTime;
  }

  public long rows() {
    return rows;
  }

  public List<MarketKey> markets() {
    return markets;
  }

  /** The partition's folder. */
  public String partitionDir() {
    return tableRoot + "/" + partition;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WrittenFile)) {
      return false;
    }
    WrittenFile f = (WrittenFile) o;
    return firstTime == f.firstTime
        && rows == f.rows
        && fileKey == f.fileKey
        && tableRoot.equals(f.tableRoot)
        && partition.equals(f.partition)
        && tempFile.equals(f.tempFile)
        && markets.equals(f.markets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tableRoot, partition, tempFile);
  }

  @Override
  public String toString() {
    return tempFile + " -> " + partitionDir() + " (" + rows + " rows of " + markets + ")";
  }
}
