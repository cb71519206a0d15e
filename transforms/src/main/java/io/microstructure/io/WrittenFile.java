package io.microstructure.io;

import java.util.Objects;

/**
 * A file a table writer finished in its staging folder, waiting to be renamed into its partition:
 * which table and partition it belongs to, where it is, the time of its first row (orders several
 * files of one partition) and how many rows it holds.
 */
public final class WrittenFile {
  private final String tableRoot;
  private final String partition;
  private final String tempFile;
  private final long firstTime;
  private final long rows;

  public WrittenFile(
      String tableRoot, String partition, String tempFile, long firstTime, long rows) {
    this.tableRoot = tableRoot;
    this.partition = partition;
    this.tempFile = tempFile;
    this.firstTime = firstTime;
    this.rows = rows;
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
        && tableRoot.equals(f.tableRoot)
        && partition.equals(f.partition)
        && tempFile.equals(f.tempFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tableRoot, partition, tempFile);
  }

  @Override
  public String toString() {
    return tempFile + " -> " + partitionDir() + " (" + rows + " rows)";
  }
}
