package io.microstructure.model;

import java.util.Objects;

/**
 * A raw row that failed validation (or a file that could not be read): where it came from, which
 * column, why, and the row itself as JSON so nothing is lost.
 */
public final class RejectedRow {
  private final String channel;
  private final String sourceFile;
  private final long row;
  private final String column;
  private final String reason;
  private final String record;

  public RejectedRow(
      String channel, String sourceFile, long row, String column, String reason, String record) {
    this.channel = channel;
    this.sourceFile = sourceFile;
    this.row = row;
    this.column = column;
    this.reason = reason;
    this.record = record;
  }

  /**
   * Where the row came from: a channel folder ({@code orderbook}, {@code trades}, {@code ticker}),
   * or {@code legacy} for an NDJSON line that is not a row of any channel (bad JSON, unknown type).
   */
  public String channel() {
    return channel;
  }

  /** Dead-letter source of NDJSON lines that belong to no channel. */
  public static final String LEGACY = "legacy";

  public String sourceFile() {
    return sourceFile;
  }

  /**
   * Row number within a Parquet file (0-based), line number within an NDJSON file (1-based), or -1
   * for a whole skipped file.
   */
  public long row() {
    return row;
  }

  /** The offending column, or null when the reason concerns the whole file. */
  public String column() {
    return column;
  }

  public String reason() {
    return reason;
  }

  /** The raw row rendered as JSON (null for a skipped file). */
  public String record() {
    return record;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RejectedRow)) {
      return false;
    }
    RejectedRow r = (RejectedRow) o;
    return channel.equals(r.channel)
        && row == r.row
        && sourceFile.equals(r.sourceFile)
        && Objects.equals(column, r.column)
        && reason.equals(r.reason)
        && Objects.equals(record, r.record);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channel, sourceFile, row, column, reason);
  }

  @Override
  public String toString() {
    return channel + " " + sourceFile + " row " + row + " column " + column + ": " + reason;
  }
}
