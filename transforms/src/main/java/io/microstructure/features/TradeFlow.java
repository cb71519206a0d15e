package io.microstructure.features;

import java.io.Serializable;
import java.util.List;

/**
 * Trade-aligned flow of one snapshot interval (features.md, "Trade-aligned": {@code buy_volume,
 * sell_volume, trade_count, signed_volume, tfi, trade_vwap}). The engine {@link #add}s the trades
 * assigned to a snapshot, reads the values, then {@link #reset}s. Mutable, not thread-safe, and
 * allocation-free.
 */
public final class TradeFlow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Relative size under which buy and sell volumes count as cancelling. */
  static final double CANCELLING = 1e-9;

  private double buyVolume;
  private double sellVolume;
  private long count;
  // Kept apart from buy + sell so that vwap sums price·amount and amount in trade order, as a
  // reference implementation over the trade list would.
  private double notional;
  private double amount;

  /**
   * The trade-aligned columns, in this order: buy_volume, sell_volume, trade_count (a count),
   * signed_volume, tfi, trade_vwap.
   */
  public static List<FeatureColumn> columns() {
    return List.of(
        FeatureColumn.ofDouble("buy_volume"),
        FeatureColumn.ofDouble("sell_volume"),
        FeatureColumn.ofLong("trade_count"),
        FeatureColumn.ofDouble("signed_volume"),
        FeatureColumn.ofDouble("tfi"),
        FeatureColumn.ofDouble("trade_vwap"));
  }

  /** A trade whose taker bought ({@code buy}) or sold. */
  public void add(boolean buy, double price, double amount) {
    if (buy) {
      buyVolume += amount;
    } else {
      sellVolume += amount;
    }
    count++;
    notional += price * amount;
    this.amount += amount;
  }

  public void reset() {
    buyVolume = 0;
    sellVolume = 0;
    count = 0;
    notional = 0;
    amount = 0;
  }

  public double buyVolume() {
    return buyVolume;
  }

  public double sellVolume() {
    return sellVolume;
  }

  public long count() {
    return count;
  }

  /**
   * buy − sell, exactly 0 when the two cancel up to rounding: |buy − sell| ≤ 1e-9·(buy + sell).
   * A residue like 0.1 + 0.2 − 0.3 = 5.6e-17 would otherwise be a tiny nonzero x in Kyle's lambda
   * regression and blow its slope up to ~1e13 instead of leaving it null (features.md).
   */
  public double signedVolume() {
    double signed = buyVolume - sellVolume;
    return Math.abs(signed) <= CANCELLING * (buyVolume + sellVolume) ? 0.0 : signed;
  }

  /** signed_volume / (buy + sell); NaN when there is no volume. */
  public double tfi() {
    double total = buyVolume + sellVolume;
    return total == 0 ? Double.NaN : signedVolume() / total;
  }

  /** Σ price·amount / Σ amount; NaN without trades or when their amounts are all 0. */
  public double vwap() {
    return count == 0 || amount == 0 ? Double.NaN : notional / amount;
  }
}
