package io.microstructure.model;

import java.util.Arrays;

/**
 * Rows of one output table for one market, column by column: each row's time (capture_ts, or
 * bar_start for bars) and, in the table schema's field order after exchange, symbol and the time,
 * its value columns (doubles, NaN for null; integers, booleans and enum-coded strings as their
 * double code, as in {@link FeatureRow}) and its label columns (plain strings such as a trade's
 * id).
 *
 * <p>A block is a reusable buffer: a producer fills it row by row up to its capacity, hands it to a
 * writer and {@link #clear clears} it. Whoever keeps a block beyond that call takes a {@link
 * #copy}.
 */
public final class FeatureBlock {
  private String exchange;
  private String symbol;
  private int size;
  private long[] time;
  private final double[][] values;
  private final String[][] labels;

  /**
   * @param valueColumns number of double-coded columns
   * @param labelColumns number of string columns
   * @param capacity rows the block holds
   */
  public FeatureBlock(int valueColumns, int labelColumns, int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be > 0");
    }
    this.time = new long[capacity];
    this.values = new double[valueColumns][capacity];
    this.labels = new String[labelColumns][capacity];
  }

  private FeatureBlock(
      String exchange, String symbol, int size, long[] time, double[][] values, String[][] labels) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.size = size;
    this.time = time;
    this.values = values;
    this.labels = labels;
  }

  /** Empties the block and sets the market of the rows to come. */
  public FeatureBlock clear(String exchange, String symbol) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.size = 0;
    return this;
  }

  /** Appends a row with this time and returns its index; the caller then fills its columns. */
  public int addRow(long timeMicros) {
    if (size == time.length) {
      throw new IllegalStateException("block is full (" + size + " rows)");
    }
    time[size] = timeMicros;
    return size++;
  }

  public boolean isFull() {
    return size == time.length;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public String exchange() {
    return exchange;
  }

  public String symbol() {
    return symbol;
  }

  public int size() {
    return size;
  }

  public int capacity() {
    return time.length;
  }

  /** Row times, epoch microseconds; entries at and after {@link #size()} are undefined. */
  public long[] time() {
    return time;
  }

  public int valueColumns() {
    return values.length;
  }

  public int labelColumns() {
    return labels.length;
  }

  /** Value column c, one entry per row (NaN = null); entries at and after size are undefined. */
  public double[] values(int c) {
    return values[c];
  }

  /** Label column l, one entry per row (null = null); entries at and after size are undefined. */
  public String[] labels(int l) {
    return labels[l];
  }

  /** Row i as a {@link FeatureRow}, for tests and row-at-a-time consumers. */
  public FeatureRow row(int i) {
    double[] v = new double[values.length];
    for (int c = 0; c < v.length; c++) {
      v[c] = values[c][i];
    }
    String[] l = new String[labels.length];
    for (int c = 0; c < l.length; c++) {
      l[c] = labels[c][i];
    }
    return new FeatureRow(exchange, symbol, time[i], v, l);
  }

  /** An independent block holding rows from (inclusive) to to (exclusive). */
  public FeatureBlock slice(int from, int to) {
    if (from < 0 || to > size || from > to) {
      throw new IndexOutOfBoundsException("rows " + from + ".." + to + " of " + size);
    }
    double[][] v = new double[values.length][];
    for (int c = 0; c < v.length; c++) {
      v[c] = Arrays.copyOfRange(values[c], from, to);
    }
    String[][] l = new String[labels.length][];
    for (int c = 0; c < l.length; c++) {
      l[c] = Arrays.copyOfRange(labels[c], from, to);
    }
    return new FeatureBlock(exchange, symbol, to - from, Arrays.copyOfRange(time, from, to), v, l);
  }

  /** An independent block holding exactly the current rows. */
  public FeatureBlock copy() {
    return slice(0, size);
  }

  /** Equal when market, size and every row's time and columns are (NaN equal to NaN). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureBlock)) {
      return false;
    }
    FeatureBlock b = (FeatureBlock) o;
    if (!(size == b.size
        && values.length == b.values.length
        && labels.length == b.labels.length
        && java.util.Objects.equals(exchange, b.exchange)
        && java.util.Objects.equals(symbol, b.symbol)
        && Arrays.equals(time, 0, size, b.time, 0, size))) {
      return false;
    }
    for (int c = 0; c < values.length; c++) {
      if (!Arrays.equals(values[c], 0, size, b.values[c], 0, size)) {
        return false;
      }
    }
    for (int c = 0; c < labels.length; c++) {
      if (!Arrays.equals(labels[c], 0, size, b.labels[c], 0, size)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(exchange, symbol, size, size == 0 ? 0 : time[0]);
  }

  @Override
  public String toString() {
    return "FeatureBlock[" + exchange + " " + symbol + ", " + size + " rows]";
  }

  /** A block over existing column arrays (each of at least {@code size} entries), not copied. */
  public static FeatureBlock wrap(
      String exchange, String symbol, int size, long[] time, double[][] values, String[][] labels) {
    return new FeatureBlock(exchange, symbol, size, time, values, labels);
  }
}
