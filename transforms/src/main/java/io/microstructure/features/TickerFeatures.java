package io.microstructure.features;

import java.io.Serializable;
import java.util.List;

/**
 * Per-update rows of the ticker channel (features.md, "Channel-only features"), one key's updates
 * in reconstructed order. NaN is null throughout.
 *
 * <ul>
 *   <li>ticker_mid = (bid + ask) / 2; null when either is null.
 *   <li>ticker_spread_bps = 10⁴ · (ask − bid) / ticker_mid; null when the mid is null or not &gt; 0
 *       (never ±∞). A crossed ticker gives a negative spread, as a crossed book is valid data.
 *   <li>last, base_volume, quote_volume, percentage: passed through.
 *   <li>ticker_log_return = ln(last / the previous row's last). "Previous row" is literal: the
 *       key's previous update, whatever its last. So the return is null at the key's first row,
 *       when this row's or the previous row's last is null (a null last is not bridged), and when
 *       either last is not &gt; 0.
 * </ul>
 *
 * <p>Mutable, one instance per key at a time ({@link #reset} between keys), allocation-free.
 */
public final class TickerFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final List<String> COLUMNS = FeatureColumn.names(columns());

  /** A ticker row's columns, all doubles. */
  public static List<FeatureColumn> columns() {
    return List.of(
        FeatureColumn.ofDouble("ticker_mid"),
        FeatureColumn.ofDouble("ticker_spread_bps"),
        FeatureColumn.ofDouble("last"),
        FeatureColumn.ofDouble("base_volume"),
        FeatureColumn.ofDouble("quote_volume"),
        FeatureColumn.ofDouble("percentage"),
        FeatureColumn.ofDouble("ticker_log_return"));
  }

  private double previousLast = Double.NaN;

  public TickerFeatures() {}

  /** Starts a new key: the next row is its first. */
  public void reset() {
    previousLast = Double.NaN;
  }

  /**
   * Continues a key after an update whose last was {@code previousLast} (NaN: null), as when a
   * chunk of the key starts after earlier updates.
   */
  public void continueAfter(double previousLast) {
    this.previousLast = previousLast;
  }

  /**
   * One update in reconstructed order (NaN = absent); writes {@code COLUMNS.size()} values at
   * {@code out[offset ..]} in {@link #COLUMNS} order.
   */
  public void next(
      double bid,
      double ask,
      double last,
      double baseVolume,
      double quoteVolume,
      double percentage,
      double[] out,
      int offset) {
    double mid = (bid + ask) / 2; // NaN when either is NaN
    out[offset] = mid;
    out[offset + 1] = mid > 0 ? 1e4 * (ask - bid) / mid : Double.NaN;
    out[offset + 2] = last;
    out[offset + 3] = baseVolume;
    out[offset + 4] = quoteVolume;
    out[offset + 5] = percentage;
    // NaN compares false, so a null on either side gives null.
    out[offset + 6] = last > 0 && previousLast > 0 ? Math.log(last / previousLast) : Double.NaN;
    previousLast = last;
  }
}
