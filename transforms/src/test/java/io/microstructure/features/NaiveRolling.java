package io.microstructure.features;

/**
 * Direct recomputation of the rolling features of one snapshot, straight from the definitions in
 * features.md: find the window by scanning back, then plain two-pass statistics. Deliberately
 * shares nothing with {@link RollingWindowFeatures}.
 */
final class NaiveRolling {

  private NaiveRolling() {}

  /** The 8 rolling values of snapshot i, in RollingWindowFeatures.columnNames order. */
  static double[] at(
      int i,
      long[] ts,
      double[] logReturn,
      double[] ofi,
      double[] mlofi,
      double[] buy,
      double[] sell,
      double[] count,
      double[] deltaMid,
      double[] signed,
      long h) {
    int start = i;
    while (start - 1 >= 0 && ts[start - 1] > ts[i] - h) {
      start--;
    }

    // rv, rvar: two passes over the non-null log returns.
    int rn = 0;
    double rSum = 0;
    double rSq = 0;
    for (int m = start; m <= i; m++) {
      if (!Double.isNaN(logReturn[m])) {
        rn++;
        rSum += logReturn[m];
        rSq += logReturn[m] * logReturn[m];
      }
    }
    double rv = Double.NaN;
    if (rn >= 2) {
      double mean = rSum / rn;
      double dev = 0;
      for (int m = start; m <= i; m++) {
        if (!Double.isNaN(logReturn[m])) {
          dev += (logReturn[m] - mean) * (logReturn[m] - mean);
        }
      }
      rv = Math.sqrt(dev / (rn - 1));
    }

    double ofiSum = 0;
    double mlofiSum = 0;
    double volume = 0;
    double buySum = 0;
    double sellSum = 0;
    double countSum = 0;
    for (int m = start; m <= i; m++) {
      ofiSum += zeroIfNull(ofi[m]);
      mlofiSum += zeroIfNull(mlofi[m]);
      volume += zeroIfNull(buy[m]) + zeroIfNull(sell[m]);
      buySum += zeroIfNull(buy[m]);
      sellSum += zeroIfNull(sell[m]);
      countSum += zeroIfNull(count[m]);
    }
    double tfi = buySum + sellSum == 0 ? Double.NaN : (buySum - sellSum) / (buySum + sellSum);

    // kyle: OLS slope with intercept, two passes over the points that have a Δmid.
    int k = 0;
    double xSum = 0;
    double ySum = 0;
    for (int m = start; m <= i; m++) {
      if (!Double.isNaN(deltaMid[m]) && !Double.isNaN(signed[m])) {
        k++;
        xSum += signed[m];
        ySum += deltaMid[m];
      }
    }
    double kyle = Double.NaN;
    if (k >= 2) {
      double xBar = xSum / k;
      double yBar = ySum / k;
      double sxx = 0;
      double sxy = 0;
      double sx2 = 0;
      for (int m = start; m <= i; m++) {
        if (!Double.isNaN(deltaMid[m]) && !Double.isNaN(signed[m])) {
          double dx = signed[m] - xBar;
          sxx += dx * dx;
          sxy += dx * (deltaMid[m] - yBar);
          sx2 += signed[m] * signed[m];
        }
      }
      if (sxx > 1e-12 * sx2) {
        kyle = sxy / sxx;
      }
    }
    return new double[] {rv, rSq, ofiSum, mlofiSum, volume, countSum, tfi, kyle};
  }

  /** The normative agreement of features.md "Precision"; nulls must coincide. */
  static boolean agree(double x, double y) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return Double.isNaN(x) && Double.isNaN(y);
    }
    return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
  }

  private static double zeroIfNull(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
