package io.microstructure.features;

/**
 * Direct recomputation of one trade's rolling features straight from features.md: scan back for the
 * window, then plain sums. Deliberately shares nothing with {@link TradeWindowFeatures}.
 */
final class NaiveTradeWindow {

  private NaiveTradeWindow() {}

  /** trade_count_H, trade_volume_H, tfi_H, vwap_H of trade i. */
  static double[] at(int i, long[] ts, boolean[] buy, double[] price, double[] amount, long h) {
    int start = i;
    while (start - 1 >= 0 && ts[start - 1] > ts[i] - h) {
      start--;
    }
    double count = 0;
    double volume = 0;
    double buyVolume = 0;
    double sellVolume = 0;
    double notional = 0;
    for (int m = start; m <= i; m++) {
      count++;
      volume += amount[m];
      if (buy[m]) {
        buyVolume += amount[m];
      } else {
        sellVolume += amount[m];
      }
      notional += price[m] * amount[m];
    }
    double tfi = volume == 0 ? Double.NaN : (buyVolume - sellVolume) / volume;
    double vwap = volume == 0 ? Double.NaN : notional / volume;
    return new double[] {count, volume, tfi, vwap};
  }
}
