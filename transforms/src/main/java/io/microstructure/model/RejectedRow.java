package io.microstructure.model;

/**
 * A raw row that failed validation (or a file that could not be read): where it came from, which
 * column, why, and the row itself as JSON so nothing is lost.
 *
 * @param channel where the row came from: a channel folder ({@code orderbook}, {@code trades},
 *     {@code ticker}), or {@link #LEGACY} for an NDJSON line that is not a row of any channel (bad
 *     JSON, unknown type)
 * @param row row number within a Parquet file (0-based), line number within an NDJSON file
 *     (1-based), or -1 for a whole skipped file
 * @param column the offending column, or null when the reason concerns the whole file
 * @param record the raw row rendered as JSON (null for a skipped file)
 */
public record RejectedRow(
    String channel, String sourceFile, long row, String column, String reason, String record) {

  /** Dead-letter source of NDJSON lines that belong to no channel. */
  public static final String LEGACY = "legacy";

  @Override
  public String toString() {
    return channel + " " + sourceFile + " row " + row + " column " + column + ": " + reason;
  }
}
