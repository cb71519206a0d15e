package io.microstructure.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The share of null values per column of a table, accumulated file by file. A file without a
 * column counts all its rows as null in it: a reader of the table sees nulls there.
 */
public final class NullShares {
  /** One column: null rows out of all rows of the table. */
  public record Share(String column, long nulls, long rows) {
    public double share() {
      return rows == 0 ? 0 : (double) nulls / rows;
    }
  }

  private final Map<String, long[]> columns = new LinkedHashMap<>(); // {nulls, rows seen}
  private long rows;

  /** Adds one file: its row count and, per column it has, how many of its rows are null. */
  public void addFile(long fileRows, Map<String, Long> nullsByColumn) {
    rows += fileRows;
    nullsByColumn.forEach(
        (column, nulls) -> {
          long[] c = columns.computeIfAbsent(column, k -> new long[2]);
          c[0] += nulls;
          c[1] += fileRows;
        });
  }

  public long rows() {
    return rows;
  }

  /** Per column, in the order columns were first seen. */
  public List<Share> shares() {
    List<Share> out = new ArrayList<>();
    columns.forEach((name, c) -> out.add(new Share(name, c[0] + (rows - c[1]), rows)));
    return out;
  }
}
