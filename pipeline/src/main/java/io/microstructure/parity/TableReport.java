package io.microstructure.parity;

import java.util.List;

/**
 * How one table compared. "Missing" is what LEFT has and RIGHT lacks, "extra" what RIGHT has and
 * LEFT lacks.
 *
 * @param table the table's folder relative to the root, e.g. {@code ccxt/orderbook/hf}
 * @param presence whether the table is on both sides or on one only (one difference; its rows are
 *     then counted from the footers and not listed as missing or extra)
 * @param key the key columns rows are paired on, e.g. {@code [exchange, symbol, capture_ts]} (empty
 *     when the sides share no key)
 * @param partitions exchange/symbol/date partitions seen on either side
 * @param rowsLeft rows of the table on the LEFT
 * @param rowsRight rows on the RIGHT
 * @param rowsCompared rows paired and compared column by column
 * @param missingRows rows in LEFT only
 * @param extraRows rows in RIGHT only
 * @param missingRowKeys keys of the first missing rows in key order, at most {@code --max-examples}
 * @param extraRowKeys likewise for extra rows
 * @param missingColumns columns in LEFT only
 * @param extraColumns columns in RIGHT only
 * @param columns the columns on both sides, in LEFT's order
 * @param errors problems that stopped part of the comparison (unreadable file, no common key, files
 *     of one side with different schemas); each is a difference
 */
public record TableReport(
    String table,
    Presence presence,
    List<String> key,
    long partitions,
    long rowsLeft,
    long rowsRight,
    long rowsCompared,
    long missingRows,
    long extraRows,
    List<RowKey> missingRowKeys,
    List<RowKey> extraRowKeys,
    List<String> missingColumns,
    List<String> extraColumns,
    List<ColumnReport> columns,
    List<String> errors) {

  /** Where a table was found. */
  public enum Presence {
    BOTH,
    LEFT_ONLY,
    RIGHT_ONLY
  }

  public TableReport {
    key = List.copyOf(key);
    missingRowKeys = List.copyOf(missingRowKeys);
    extraRowKeys = List.copyOf(extraRowKeys);
    missingColumns = List.copyOf(missingColumns);
    extraColumns = List.copyOf(extraColumns);
    columns = List.copyOf(columns);
    errors = List.copyOf(errors);
  }

  /**
   * Differences in this table: one for a table on one side only, one per missing or extra row,
   * missing or extra column, column type mismatch, mismatching value and error.
   */
  public long differences() {
    long d = presence == Presence.BOTH ? 0 : 1;
    d += missingRows + extraRows + missingColumns.size() + extraColumns.size() + errors.size();
    for (ColumnReport c : columns) {
      d += c.differences();
    }
    return d;
  }

  public boolean identical() {
    return differences() == 0;
  }

  /** The column's report, or null when the column is not on both sides. */
  public ColumnReport column(String name) {
    for (ColumnReport c : columns) {
      if (c.column().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
