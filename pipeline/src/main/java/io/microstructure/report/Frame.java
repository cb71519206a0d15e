package io.microstructure.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of one market's table, column by column, in capture_ts order (a partition's row order is
 * not significant, README). Held whole in memory: about 1 KB per row of orderbook/hf.
 */
public final class Frame {
  public static final String CAPTURE_TS = "capture_ts";

  private final int rows;
  private final Map<String, Column> columns;

  Frame(int rows, List<Column> columns) {
    this.rows = rows;
    Map<String, Column> m = new LinkedHashMap<>();
    columns.forEach(c -> m.put(c.name(), c));
    this.columns = Collections.unmodifiableMap(m);
  }

  public int rows() {
    return rows;
  }

  /** Columns in the files' order. */
  public Map<String, Column> columns() {
    return columns;
  }

  public Optional<Column.Numbers> numbers(String name) {
    return columns.get(name) instanceof Column.Numbers n ? Optional.of(n) : Optional.empty();
  }

  public Optional<Column.Texts> texts(String name) {
    return columns.get(name) instanceof Column.Texts t ? Optional.of(t) : Optional.empty();
  }

  /** capture_ts in epoch microseconds; empty when the table has no such timestamp column. */
  public Optional<long[]> captureTs() {
    return numbers(CAPTURE_TS)
        .filter(c -> c.kind() == Column.Kind.TIMESTAMP && c.nulls() == 0)
        .map(c -> Arrays.stream(c.values()).mapToLong(v -> (long) v).toArray());
  }

  /** The same rows ordered by capture_ts (stable); this frame when already in order. */
  Frame sortedByCaptureTs() {
    Optional<Column.Numbers> ts = numbers(CAPTURE_TS);
    if (ts.isEmpty()) {
      return this;
    }
    double[] t = ts.get().values();
    boolean sorted = true;
    for (int i = 1; i < rows && sorted; i++) {
      sorted = !(t[i] < t[i - 1]);
    }
    if (sorted) {
      return this;
    }
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(t[a], t[b]));
    List<Column> out = new ArrayList<>();
    for (Column c : columns.values()) {
      if (c instanceof Column.Numbers n) {
        double[] v = new double[rows];
        for (int i = 0; i < rows; i++) {
          v[i] = n.values()[order[i]];
        }
        out.add(new Column.Numbers(n.name(), n.kind(), v, n.nulls()));
      } else if (c instanceof Column.Texts s) {
        String[] v = new String[rows];
        for (int i = 0; i < rows; i++) {
          v[i] = s.values()[order[i]];
        }
        out.add(new Column.Texts(s.name(), v, s.nulls()));
      }
    }
    return new Frame(rows, out);
  }
}
