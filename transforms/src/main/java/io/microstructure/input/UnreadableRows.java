package io.microstructure.input;

/**
 * Rows a reader could not decode at all, as one dead letter: a row group that failed, or a whole
 * file skipped (not Parquet, a required column missing). Says which rows, so that every row of
 * every footer is accounted for: rows read + rows in unreadable row groups = rows in the footers.
 */
final class UnreadableRows {
  private UnreadableRows() {}

  /** {@code row group 2 of 3 unreadable (rows 8192..12287): <cause>}; groups count from 0. */
  static String rowGroup(long group, int groups, long firstRow, long rows, Throwable cause) {
    return "row group "
        + group
        + " of "
        + groups
        + " unreadable ("
        + rows(firstRow, rows)
        + "): "
        + FailureText.of(cause);
  }

  /**
   * {@code file skipped (rows 0..12287 in 3 row groups): <problem>}.
   *
   * @param rows the footer's row count, or -1 when the footer itself is unreadable
   */
  static String fileSkipped(long rows, int groups, String problem) {
    String what =
        rows < 0
            ? "footer unreadable"
            : rows(0, rows) + " in " + groups + (groups == 1 ? " row group" : " row groups");
    return "file skipped (" + what + "): " + problem;
  }

  /** {@code not readable Parquet: <cause>}: the problem of a file whose footer cannot be read. */
  static String notParquet(Throwable cause) {
    return "not readable Parquet: " + FailureText.of(cause);
  }

  private static String rows(long first, long n) {
    return n == 0 ? "no rows" : "rows " + first + ".." + (first + n - 1);
  }
}
