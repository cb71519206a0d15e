package io.microstructure.features;

import java.util.List;

/**
 * Per-trade rolling features of the trades channel (features.md, "Channel-only features"):
 * trade_count_H, trade_volume_H, tfi_H and vwap_H over one key's trades. The window of trade n is
 * the trades m ≤ n (reconstructed order, so ties in ts count only up to n) with ts[m] > ts[n] − H.
 *
 * <ul>
 *   <li>trade_count_H: number of trades in the window, zero-amount ones included.
 *   <li>trade_volume_H: Σ amount.
 *   <li>tfi_H: (Σ buy amount − Σ sell amount) / Σ amount; null (NaN) when Σ amount is 0.
 *   <li>vwap_H: Σ price·amount / Σ amount; null (NaN) when Σ amount is 0.
 * </ul>
 *
 * <p>O(1) amortised per trade through {@link TwoStackWindow}, with Neumaier-compensated sums, so
 * nothing is ever subtracted and the values stay correctly rounded (up to a few ulps) over a day. Σ
 * amount is taken as Σ buy + Σ sell, which keeps |tfi_H| ≤ 1 exactly. Inputs are valid trades
 * (finite price &gt; 0, finite amount ≥ 0). Not thread-safe: scratch buffers are reused.
 */
public final class TradeWindowFeatures {

  public static final int WIDTH = 4;

  // Output columns, in columnNames order.
  private static final int TRADE_COUNT = 0;
  private static final int TRADE_VOLUME = 1;
  private static final int TFI = 2;
  private static final int VWAP = 3;

  // Layout of one aggregate: an exact count (integers below 2^53 need no compensation) and three
  // (sum, compensation) pairs.
  private static final int COUNT = 0;
  private static final int BUY = 1;
  private static final int SELL = 3;
  private static final int NOTIONAL = 5;
  private static final int S = 7;

  private final TwoStackWindow slider = new TwoStackWindow(S);
  private final Sums sums = new Sums();

  public TradeWindowFeatures() {}

  /**
   * {@code trade_count_H} (a count), {@code trade_volume_H, tfi_H, vwap_H}, H written literally.
   */
  public static List<FeatureColumn> columns(long horizonSeconds) {
    String h = FeatureNames.suffix(horizonSeconds);
    return List.of(
        FeatureColumn.ofLong("trade_count_" + h),
        FeatureColumn.ofDouble("trade_volume_" + h),
        FeatureColumn.ofDouble("tfi_" + h),
        FeatureColumn.ofDouble("vwap_" + h));
  }

  public static List<String> columnNames(long horizonSeconds) {
    return FeatureColumn.names(columns(horizonSeconds));
  }

  /**
   * n trades of one key in reconstructed order (arrays of length ≥ n): ts in µs (non-decreasing),
   * the taker's side, price, amount. Writes out[c][i] for c in 0..WIDTH−1 in {@link #columnNames}
   * order.
   *
   * @throws IllegalArgumentException when {@code horizonMicros <= 0} or out has too few columns
   */
  public void compute(
      int n,
      long[] ts,
      boolean[] buy,
      double[] price,
      double[] amount,
      long horizonMicros,
      double[][] out) {
    start(ts, buy, price, amount, horizonMicros);
    try {
      fill(n, out, 0, 0);
    } finally {
      sums.release();
    }
  }

  /**
   * Starts streaming one key's trades (the inputs of {@link #compute}, held by reference until the
   * next start): {@link #fill} then emits the columns a piece at a time, exactly as compute would.
   */
  public void start(long[] ts, boolean[] buy, double[] price, double[] amount, long horizonMicros) {
    slider.start(horizonMicros);
    Sums s = sums;
    s.ts = ts;
    s.buy = buy;
    s.price = price;
    s.amount = amount;
  }

  /**
   * Writes the columns of the trades from where the previous fill stopped up to {@code to − 1}:
   * trade i's value of column c goes to {@code out[column + c][i − shift]}.
   */
  public void fill(int to, double[][] out, int column, int shift) {
    if (out.length < column + WIDTH) {
      throw new IllegalArgumentException("out needs " + WIDTH + " columns from " + column);
    }
    Sums s = sums;
    s.out = out;
    s.column = column;
    s.shift = shift;
    try {
      slider.slideTo(to, s.ts, s);
    } finally {
      s.out = null;
    }
  }

  /** The window sums over the inputs of the current {@link #compute} call. */
  private static final class Sums implements TwoStackWindow.Aggregate {
    long[] ts;
    boolean[] buy;
    double[] price;
    double[] amount;
    double[][] out;
    int column;
    int shift;

    /** Drops the references to the caller's arrays. */
    void release() {
      ts = null;
      buy = null;
      price = null;
      amount = null;
      out = null;
    }

    @Override
    public void load(int i, double[] e, int o) {
      double a = amount[i];
      e[o + COUNT] = 1;
      e[o + BUY] = buy[i] ? a : 0;
      e[o + BUY + 1] = 0;
      e[o + SELL] = buy[i] ? 0 : a;
      e[o + SELL + 1] = 0;
      e[o + NOTIONAL] = price[i] * a;
      e[o + NOTIONAL + 1] = 0;
    }

    @Override
    public void merge(double[] a, int ao, double[] b, int bo, double[] dst, int d) {
      dst[d + COUNT] = a[ao + COUNT] + b[bo + COUNT];
      TwoStackWindow.mergeSum(a, ao + BUY, b, bo + BUY, dst, d + BUY);
      TwoStackWindow.mergeSum(a, ao + SELL, b, bo + SELL, dst, d + SELL);
      TwoStackWindow.mergeSum(a, ao + NOTIONAL, b, bo + NOTIONAL, dst, d + NOTIONAL);
    }

    @Override
    public void emit(double[] w, int i) {
      int r = i - shift;
      double buyVolume = w[BUY] + w[BUY + 1];
      double sellVolume = w[SELL] + w[SELL + 1];
      double volume = buyVolume + sellVolume;
      out[column + TRADE_COUNT][r] = w[COUNT];
      out[column + TRADE_VOLUME][r] = volume;
      if (volume > 0) {
        out[column + TFI][r] = (buyVolume - sellVolume) / volume;
        out[column + VWAP][r] = (w[NOTIONAL] + w[NOTIONAL + 1]) / volume;
      } else {
        out[column + TFI][r] = Double.NaN;
        out[column + VWAP][r] = Double.NaN;
      }
    }
  }
}
