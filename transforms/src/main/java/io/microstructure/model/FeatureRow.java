package io.microstructure.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One output row of a feature table: the key, the row's time (capture_ts, or bar_start for bars),
 * the free-text columns (a trade's id) as labels and the remaining columns as doubles, both in the
 * table schema's field order. NaN stands for null; the writer converts each value to its schema
 * type (long, int, boolean, enum string).
 */
public final class FeatureRow {
  private final String exchange;
  private final String symbol;
  private final long timestamp;
  private final double[] values;
  private final String[] labels;

  private static final String[] NO_LABELS = new String[0];

  public FeatureRow(String exchange, String symbol, long timestamp, double[] values) {
    this(exchange, symbol, timestamp, values, NO_LABELS);
  }

  public FeatureRow(
      String exchange, String symbol, long timestamp, double[] values, String[] labels) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.timestamp = timestamp;
    this.values = values;
    this.labels = labels;
  }

  public String exchange() {
    return exchange;
  }

  public String symbol() {
    return symbol;
  }

  /** Epoch microseconds. */
  public long timestamp() {
    return timestamp;
  }

  public double[] values() {
    return values;
  }

  public double value(int i) {
    return values[i];
  }

  /** Values of the table's plain string columns, in schema order (null entries are nulls). */
  public String[] labels() {
    return labels;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureRow)) {
      return false;
    }
    FeatureRow r = (FeatureRow) o;
    return timestamp == r.timestamp
        && exchange.equals(r.exchange)
        && symbol.equals(r.symbol)
        && Arrays.equals(values, r.values)
        && Arrays.equals(labels, r.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, symbol, timestamp, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return exchange
        + " "
        + symbol
        + " "
        + timestamp
        + " "
        + Arrays.toString(labels)
        + Arrays.toString(values);
  }
}
