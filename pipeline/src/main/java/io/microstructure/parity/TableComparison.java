package io.microstructure.parity;

import io.microstructure.io.ParquetFooters;
import io.microstructure.parity.ColumnType.Kind;
import io.microstructure.parity.ParquetTables.Batch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Compares one table of two roots, partition by partition (exchange/symbol/date), so memory holds
 * one partition of each side at a time (the two sides are read in parallel): about 8 bytes per cell
 * plus ~100 bytes per row and side. The demo's order-book table (124 columns, 36k rows per
 * partition) runs in a 256 MB heap; a full UTC day of 10 Hz snapshots of one symbol (864k rows)
 * needs about 1 GB per side, so ~2.5 GB of heap. Larger partitions are the limit of this design.
 *
 * <p>Within a partition each side's rows are sorted by key (exchange, symbol, row time) and then by
 * every other column both sides have (in LEFT's column order, nulls first), and walked together.
 * Rows of equal key (two snapshots at one capture_ts, trades sharing one) pair up
 * deterministically: a row first with an identical one (every column agreeing), the rest in that
 * sorted order; surplus ones are missing (LEFT only) or extra (RIGHT only). A row that landed in
 * another partition on one side is therefore missing in one partition and extra in the other.
 */
final class TableComparison {
  /** Row-time columns, by preference: the first present on both sides is the key's third part. */
  static final List<String> TIME_COLUMNS = List.of("bar_index", "capture_ts", "bar_start");

  private final String table;
  private final OutputRoot left;
  private final OutputRoot right;
  private final ParityOptions options;
  private final ExecutorService executor;

  private final List<String> errors = new ArrayList<>();
  private final List<String> key = new ArrayList<>();
  private final List<String> missingColumns = new ArrayList<>();
  private final List<String> extraColumns = new ArrayList<>();
  private final List<ColumnStats> columns = new ArrayList<>();
  private final List<RowKey> missingKeys = new ArrayList<>();
  private final List<RowKey> extraKeys = new ArrayList<>();
  private long partitions;
  private long rowsLeft;
  private long rowsRight;
  private long rowsCompared;
  private long missingRows;
  private long extraRows;

  private Map<String, ColumnType> leftSchema;
  private Map<String, ColumnType> rightSchema;
  private String leftSchemaSource;
  private String rightSchemaSource;

  TableComparison(
      String table,
      OutputRoot left,
      OutputRoot right,
      ParityOptions options,
      ExecutorService executor) {
    this.table = table;
    this.left = left;
    this.right = right;
    this.options = options;
    this.executor = executor;
  }

  /** A table found under one root only: one difference, rows counted from the footers. */
  static TableReport oneSided(String table, OutputRoot side, boolean isLeft) {
    List<String> errors = new ArrayList<>();
    long rows = 0;
    var parts = side.tables.get(table);
    for (String partition : parts.keySet()) {
      for (ResourceId file : side.files(table, partition)) {
        try {
          rows += ParquetFooters.rowCount(file);
        } catch (IOException | RuntimeException e) {
          errors.add(side.side + ": " + file + ": not readable Parquet: " + e.getMessage());
        }
      }
    }
    return new TableReport(
        table,
        isLeft ? TableReport.Presence.LEFT_ONLY : TableReport.Presence.RIGHT_ONLY,
        List.of(),
        parts.size(),
        isLeft ? rows : 0,
        isLeft ? 0 : rows,
        0,
        0,
        0,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        errors);
  }

  TableReport run() {
    SortedSet<String> parts = new TreeSet<>(left.tables.get(table).keySet());
    parts.addAll(right.tables.get(table).keySet());
    partitions = parts.size();
    leftSchema = firstSchema(left, parts, true);
    rightSchema = firstSchema(right, parts, false);
    boolean comparable = leftSchema != null && rightSchema != null && setUpColumns();
    for (String partition : parts) {
      if (comparable) {
        comparePartition(partition);
      } else {
        countFooters(left, partition, true);
        countFooters(right, partition, false);
      }
    }
    List<ColumnReport> reports = new ArrayList<>();
    for (ColumnStats c : columns) {
      reports.add(c.report());
    }
    return new TableReport(
        table,
        TableReport.Presence.BOTH,
        key,
        partitions,
        rowsLeft,
        rowsRight,
        rowsCompared,
        missingRows,
        extraRows,
        missingKeys,
        extraKeys,
        missingColumns,
        extraColumns,
        reports,
        errors);
  }

  /** The columns of a side: those of its first readable file. */
  private Map<String, ColumnType> firstSchema(
      OutputRoot side, SortedSet<String> parts, boolean isLeft) {
    String firstError = null;
    for (String partition : parts) {
      for (ResourceId file : side.files(table, partition)) {
        try {
          Map<String, ColumnType> schema = ParquetTables.schema(file);
          if (isLeft) {
            leftSchemaSource = file.toString();
          } else {
            rightSchemaSource = file.toString();
          }
          return schema;
        } catch (IOException | RuntimeException e) {
          if (firstError == null) {
            firstError = file + ": not readable Parquet: " + e.getMessage();
          }
        }
      }
    }
    errors.add(side.side + ": no readable file (" + firstError + ")");
    return null;
  }

  /** Missing, extra and common columns and the key; false when rows cannot be paired. */
  private boolean setUpColumns() {
    for (Map.Entry<String, ColumnType> e : leftSchema.entrySet()) {
      ColumnType r = rightSchema.get(e.getKey());
      if (r == null) {
        missingColumns.add(e.getKey());
      } else {
        columns.add(new ColumnStats(e.getKey(), e.getValue(), r, options));
      }
    }
    for (String name : rightSchema.keySet()) {
      if (!leftSchema.containsKey(name)) {
        extraColumns.add(name);
      }
    }
    String time = null;
    for (String t : TIME_COLUMNS) {
      if (leftSchema.containsKey(t) && rightSchema.containsKey(t)) {
        time = t;
        break;
      }
    }
    List<String> lacking = new ArrayList<>();
    for (String k : new String[] {"exchange", "symbol"}) {
      if (!leftSchema.containsKey(k) || !rightSchema.containsKey(k)) {
        lacking.add(k);
      }
    }
    if (time == null) {
      lacking.add(String.join(" or ", TIME_COLUMNS));
    }
    if (!lacking.isEmpty()) {
      errors.add(
          "rows cannot be paired: no "
              + String.join(", ", lacking)
              + " column on both sides; rows counted, not compared");
      return false;
    }
    for (Map<String, ColumnType> schema : List.of(leftSchema, rightSchema)) {
      ColumnType t = schema.get(time);
      if (t.kind() != Kind.INTEGRAL) {
        errors.add(
            "rows cannot be paired: key column "
                + time
                + " is "
                + t
                + " on "
                + (schema == leftSchema ? "LEFT" : "RIGHT")
                + ", not a timestamp or integer; rows counted, not compared");
        return false;
      }
    }
    key.addAll(List.of("exchange", "symbol", time));
    return true;
  }

  private void countFooters(OutputRoot side, String partition, boolean isLeft) {
    for (ResourceId file : side.files(table, partition)) {
      try {
        long n = ParquetFooters.rowCount(file);
        if (isLeft) {
          rowsLeft += n;
        } else {
          rowsRight += n;
        }
      } catch (IOException | RuntimeException e) {
        errors.add(side.side + ": " + file + ": not readable Parquet: " + e.getMessage());
      }
    }
  }

  private void comparePartition(String partition) {
    List<ResourceId> lf = left.files(table, partition);
    List<ResourceId> rf = right.files(table, partition);
    CompletableFuture<Batch> lb = load(lf, leftSchema, leftSchemaSource);
    CompletableFuture<Batch> rb = load(rf, rightSchema, rightSchemaSource);
    Batch l = join(lb, left, partition);
    Batch r = join(rb, right, partition);
    if (l == null || r == null) {
      // The other side's rows still count; nothing of this partition is paired.
      if (l != null) {
        rowsLeft += l.rows;
      }
      if (r != null) {
        rowsRight += r.rows;
      }
      return;
    }
    rowsLeft += l.rows;
    rowsRight += r.rows;
    compare(l, r);
  }

  private CompletableFuture<Batch> load(
      List<ResourceId> files, Map<String, ColumnType> schema, String source) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return ParquetTables.read(files, schema, source);
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        executor);
  }

  private Batch join(CompletableFuture<Batch> f, OutputRoot side, String partition) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      errors.add(
          side.side + ": " + cause.getMessage() + " (partition " + partition + " not compared)");
      return null;
    }
  }

  /** Pairs the rows of one partition and compares them column by column. */
  private void compare(Batch l, Batch r) {
    int[] lSort = new int[columns.size()];
    int[] rSort = new int[columns.size()];
    int[] lCol = new int[columns.size()];
    int[] rCol = new int[columns.size()];
    int sortColumns = 0;
    for (int j = 0; j < columns.size(); j++) {
      String name = columns.get(j).column;
      lCol[j] = indexOf(l, name);
      rCol[j] = indexOf(r, name);
      if (!key.contains(name)) {
        lSort[sortColumns] = lCol[j];
        rSort[sortColumns] = rCol[j];
        sortColumns++;
      }
    }
    RowKey[] lKeys = keys(l);
    RowKey[] rKeys = keys(r);
    int[] lOrder = order(l, lKeys, Arrays.copyOf(lSort, sortColumns));
    int[] rOrder = order(r, rKeys, Arrays.copyOf(rSort, sortColumns));

    Pairs pairs = new Pairs();
    int i = 0;
    int k = 0;
    while (i < lOrder.length || k < rOrder.length) {
      int c =
          i == lOrder.length
              ? 1
              : k == rOrder.length ? -1 : lKeys[lOrder[i]].compareTo(rKeys[rOrder[k]]);
      if (c < 0) {
        missing(lKeys[lOrder[i++]]);
      } else if (c > 0) {
        extra(rKeys[rOrder[k++]]);
      } else {
        RowKey groupKey = lKeys[lOrder[i]];
        int iEnd = i;
        while (iEnd < lOrder.length && lKeys[lOrder[iEnd]].compareTo(groupKey) == 0) {
          iEnd++;
        }
        int kEnd = k;
        while (kEnd < rOrder.length && rKeys[rOrder[kEnd]].compareTo(groupKey) == 0) {
          kEnd++;
        }
        pairGroup(l, r, lOrder, i, iEnd, rOrder, k, kEnd, lCol, rCol, lKeys, rKeys, pairs);
        i = iEnd;
        k = kEnd;
      }
    }
    // Column by column over the pairs (in key order): one column's arrays at a time.
    rowsCompared += pairs.size;
    for (int j = 0; j < lCol.length; j++) {
      ColumnStats stats = columns.get(j);
      ColumnData a = l.columns[lCol[j]];
      ColumnData b = r.columns[rCol[j]];
      for (int p = 0; p < pairs.size; p++) {
        stats.compare(a, pairs.left[p], b, pairs.right[p], lKeys);
      }
    }
  }

  /** Row numbers of paired rows, LEFT and RIGHT. */
  private static final class Pairs {
    int[] left = new int[1024];
    int[] right = new int[1024];
    int size;

    void add(int a, int b) {
      if (size == left.length) {
        left = Arrays.copyOf(left, size * 2);
        right = Arrays.copyOf(right, size * 2);
      }
      left[size] = a;
      right[size] = b;
      size++;
    }
  }

  /**
   * Pairs the rows of one key: first each LEFT row (in order) with the first unpaired RIGHT row
   * that agrees with it in every column, then the rest in order; surplus rows are missing or extra.
   * So a snapshot dropped from a pair sharing a capture_ts is one missing row, and two rows whose
   * values were swapped still pair in order and show their mismatches.
   */
  private void pairGroup(
      Batch l,
      Batch r,
      int[] lOrder,
      int i0,
      int i1,
      int[] rOrder,
      int k0,
      int k1,
      int[] lCol,
      int[] rCol,
      RowKey[] lKeys,
      RowKey[] rKeys,
      Pairs pairs) {
    int n = i1 - i0;
    int m = k1 - k0;
    int[] partner = new int[n]; // index into rOrder, or -1
    Arrays.fill(partner, -1);
    boolean[] taken = new boolean[m];
    if (n > 1 || m > 1) {
      for (int x = 0; x < n; x++) {
        for (int y = 0; y < m; y++) {
          if (!taken[y] && rowsAgree(l, lOrder[i0 + x], r, rOrder[k0 + y], lCol, rCol)) {
            partner[x] = y;
            taken[y] = true;
            break;
          }
        }
      }
    }
    int y = 0;
    for (int x = 0; x < n; x++) {
      if (partner[x] >= 0) {
        continue;
      }
      while (y < m && taken[y]) {
        y++;
      }
      if (y < m) {
        partner[x] = y;
        taken[y] = true;
      }
    }
    for (int x = 0; x < n; x++) {
      int a = lOrder[i0 + x];
      if (partner[x] < 0) {
        missing(lKeys[a]);
        continue;
      }
      pairs.add(a, rOrder[k0 + partner[x]]);
    }
    for (int z = 0; z < m; z++) {
      if (!taken[z]) {
        extra(rKeys[rOrder[k0 + z]]);
      }
    }
  }

  private boolean rowsAgree(Batch l, int a, Batch r, int b, int[] lCol, int[] rCol) {
    for (int j = 0; j < lCol.length; j++) {
      if (!ColumnStats.agrees(l.columns[lCol[j]], a, r.columns[rCol[j]], b, options.tolerance())) {
        return false;
      }
    }
    return true;
  }

  private void missing(RowKey k) {
    missingRows++;
    if (missingKeys.size() < options.maxExamples()) {
      missingKeys.add(k);
    }
  }

  private void extra(RowKey k) {
    extraRows++;
    if (extraKeys.size() < options.maxExamples()) {
      extraKeys.add(k);
    }
  }

  private static int indexOf(Batch b, String name) {
    for (int i = 0; i < b.columns.length; i++) {
      if (b.columns[i].name.equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + name);
  }

  private RowKey[] keys(Batch b) {
    ColumnData ex = b.columns[indexOf(b, key.get(0))];
    ColumnData sym = b.columns[indexOf(b, key.get(1))];
    ColumnData time = b.columns[indexOf(b, key.get(2))];
    String timeColumn = key.get(2);
    RowKey[] keys = new RowKey[b.rows];
    for (int r = 0; r < b.rows; r++) {
      keys[r] =
          new RowKey(
              ex.isNull(r) ? null : ex.textAt(r),
              sym.isNull(r) ? null : sym.textAt(r),
              timeColumn,
              time.isNull(r) ? null : time.longAt(r));
    }
    return keys;
  }

  /** Row numbers sorted by key, then by the given columns (nulls first). */
  private static int[] order(Batch b, RowKey[] keys, int[] sortColumns) {
    Integer[] rows = new Integer[b.rows];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    ColumnData[] cols = new ColumnData[sortColumns.length];
    for (int j = 0; j < cols.length; j++) {
      cols[j] = b.columns[sortColumns[j]];
    }
    Arrays.sort(
        rows,
        (x, y) -> {
          int c = keys[x].compareTo(keys[y]);
          for (int j = 0; c == 0 && j < cols.length; j++) {
            c = cols[j].compareRows(x, y);
          }
          return c;
        });
    int[] order = new int[rows.length];
    for (int r = 0; r < order.length; r++) {
      order[r] = rows[r];
    }
    return order;
  }

  /** Counts and examples of one column's comparisons. */
  static final class ColumnStats {
    final String column;
    private final ColumnType leftType;
    private final ColumnType rightType;
    private final double tolerance;
    private final int maxExamples;
    private long compared;
    private long mismatches;
    private Mismatch worst;
    private double worstSeverity = Double.NEGATIVE_INFINITY;
    private final List<RowKey> keys = new ArrayList<>();

    ColumnStats(String column, ColumnType leftType, ColumnType rightType, ParityOptions options) {
      this.column = column;
      this.leftType = leftType;
      this.rightType = rightType;
      this.tolerance = options.tolerance();
      this.maxExamples = options.maxExamples();
    }

    /** Compares LEFT's row {@code i} with RIGHT's row {@code j}, counting a mismatch. */
    void compare(ColumnData a, int i, ColumnData b, int j, RowKey[] leftKeys) {
      compared++;
      if (agrees(a, i, b, j, tolerance)) {
        return;
      }
      RowKey key = leftKeys[i];
      Object x = a.valueAt(i);
      Object y = b.valueAt(j);
      Double diff = null;
      Double bound = null;
      if (x != null && y != null && a.type.kind().numeric() && b.type.kind().numeric()) {
        if (a.type.kind() == Kind.INTEGRAL && b.type.kind() == Kind.INTEGRAL) {
          diff = Math.abs((double) a.longAt(i) - (double) b.longAt(j));
          bound = 0.0;
        } else {
          double dx = a.doubleAt(i);
          double dy = b.doubleAt(j);
          diff = Math.abs(dx - dy);
          if (Double.isFinite(diff)) {
            bound = tolerance * Math.max(1.0, Math.max(Math.abs(dx), Math.abs(dy)));
          } else if (!Double.isNaN(dx) && !Double.isNaN(dy)) {
            diff = Double.POSITIVE_INFINITY;
          }
        }
      }
      record(key, x, y, diff, bound);
    }

    /**
     * Whether two values agree: both null; doubles within tolerance · max(1, |x|, |y|) and neither
     * NaN (the pipeline never writes NaN, so a NaN never agrees, not even with a NaN); integers,
     * timestamps and booleans equal; anything else equal as text.
     */
    static boolean agrees(ColumnData a, int i, ColumnData b, int j, double tolerance) {
      boolean an = a.isNull(i);
      boolean bn = b.isNull(j);
      if (an || bn) {
        return an && bn;
      }
      Kind ka = a.type.kind();
      Kind kb = b.type.kind();
      if (ka == Kind.INTEGRAL && kb == Kind.INTEGRAL) {
        return a.longAt(i) == b.longAt(j);
      }
      if (ka.numeric() && kb.numeric()) {
        double x = a.doubleAt(i);
        double y = b.doubleAt(j);
        if (Double.isNaN(x) || Double.isNaN(y)) {
          return false;
        }
        if (x == y) {
          return true;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
          return false;
        }
        return Math.abs(x - y) <= tolerance * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
      }
      if (ka == Kind.BOOLEAN && kb == Kind.BOOLEAN) {
        return a.longAt(i) == b.longAt(j);
      }
      return a.textAt(i).equals(b.textAt(j));
    }

    private void record(RowKey key, Object x, Object y, Double diff, Double bound) {
      mismatches++;
      if (keys.size() < maxExamples) {
        keys.add(key);
      }
      double severity = Mismatch.severity(diff, bound);
      if (worst == null || severity > worstSeverity) {
        worst = new Mismatch(key, x, y, diff, bound);
        worstSeverity = severity;
      }
    }

    ColumnReport report() {
      return new ColumnReport(
          column, leftType.toString(), rightType.toString(), compared, mismatches, worst, keys);
    }
  }
}
