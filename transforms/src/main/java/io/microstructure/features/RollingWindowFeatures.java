package io.microstructure.features;

import java.util.List;

/**
 * Rolling time-window statistics of features.md "Rolling": rv_H, rvar_H, ofi_sum_H, mlofi_sum_H,
 * trade_volume_H, trade_count_H, tfi_H and kyle_lambda_H over one key's snapshot series.
 *
 * <p>The window of snapshot i is the snapshots m ≤ i with ts[m] > ts[i] − H. It slides with the
 * "two stacks" scheme of {@link TwoStackWindow} so that nothing is ever subtracted: each snapshot
 * is merged O(1) times amortised and no aggregate spans more than one window, so rounding error
 * cannot build up across a day. Aggregates are mergeable: Neumaier-compensated sums and (count,
 * mean, M2, co-moment) merged with Chan et al.'s pairwise formulas.
 *
 * <p>Not thread-safe: an instance keeps scratch buffers that it reuses across calls.
 */
public final class RollingWindowFeatures {

  public static final int WIDTH = 8;

  // Output columns, in columnNames order.
  private static final int RV = 0;
  private static final int RVAR = 1;
  private static final int OFI_SUM = 2;
  private static final int MLOFI_SUM = 3;
  private static final int TRADE_VOLUME = 4;
  private static final int TRADE_COUNT = 5;
  private static final int TFI = 6;
  private static final int KYLE_LAMBDA = 7;

  // Layout of one aggregate inside a double[] (stride S). A Neumaier sum is a (sum, compensation)
  // pair whose value is sum + compensation.
  private static final int R_N = 0; // non-null log returns
  private static final int R_MEAN = 1;
  private static final int R_M2 = 2;
  private static final int R_SQ = 3; // Σ logReturn², 2 slots
  private static final int OFI = 5; // 2 slots
  private static final int MLOFI = 7; // 2 slots
  private static final int BUY = 9; // 2 slots
  private static final int SELL = 11; // 2 slots
  private static final int COUNT = 13; // 2 slots
  private static final int K_N = 15; // (signedVolume, deltaMid) points
  private static final int K_MX = 16;
  private static final int K_MY = 17;
  private static final int K_M2X = 18;
  private static final int K_CXY = 19;
  private static final int S = 20;

  /** Relative threshold of features.md under which Σ(x−x̄)² counts as zero. */
  private static final double KYLE_DEGENERATE = 1e-12;

  private final TwoStackWindow slider = new TwoStackWindow(S);
  private final Stats stats = new Stats();

  public RollingWindowFeatures() {}

  /** The columns of one horizon: all doubles but trade_count_H, a count. */
  public static List<FeatureColumn> columns(long horizonSeconds) {
    String h = Long.toString(horizonSeconds);
    return List.of(
        FeatureColumn.ofDouble("rv_" + h),
        FeatureColumn.ofDouble("rvar_" + h),
        FeatureColumn.ofDouble("ofi_sum_" + h),
        FeatureColumn.ofDouble("mlofi_sum_" + h),
        FeatureColumn.ofDouble("trade_volume_" + h),
        FeatureColumn.ofLong("trade_count_" + h),
        FeatureColumn.ofDouble("tfi_" + h),
        FeatureColumn.ofDouble("kyle_lambda_" + h));
  }

  public static List<String> columnNames(long horizonSeconds) {
    return FeatureColumn.names(columns(horizonSeconds));
  }

  /**
   * Inputs of one key, length ≥ n: ts (non-decreasing), logReturn (NaN = null), ofi and mlofi (NaN
   * counts 0), buyVolume, sellVolume, tradeCount (NaN counts 0), deltaMid (mid_n − mid_{n−1}; NaN
   * when there is no previous snapshot in the run or a mid is missing), signedVolume. Writes
   * out[c][i] for c in 0..WIDTH−1 in {@link #columnNames} order.
   */
  public void compute(
      int n,
      long[] ts,
      double[] logReturn,
      double[] ofi,
      double[] mlofi,
      double[] buyVolume,
      double[] sellVolume,
      double[] tradeCount,
      double[] deltaMid,
      double[] signedVolume,
      long horizonMicros,
      double[][] out) {
    start(
        ts,
        logReturn,
        ofi,
        mlofi,
        buyVolume,
        sellVolume,
        tradeCount,
        deltaMid,
        signedVolume,
        horizonMicros);
    try {
      fill(n, out, 0, 0);
    } finally {
      stats.release();
    }
  }

  /**
   * Starts streaming one key's series (the inputs of {@link #compute}, held by reference until the
   * next start): {@link #fill} then emits the columns a piece at a time, exactly as compute would.
   */
  public void start(
      long[] ts,
      double[] logReturn,
      double[] ofi,
      double[] mlofi,
      double[] buyVolume,
      double[] sellVolume,
      double[] tradeCount,
      double[] deltaMid,
      double[] signedVolume,
      long horizonMicros) {
    slider.start(horizonMicros);
    Stats st = stats;
    st.ts = ts;
    st.logReturn = logReturn;
    st.ofi = ofi;
    st.mlofi = mlofi;
    st.buyVolume = buyVolume;
    st.sellVolume = sellVolume;
    st.tradeCount = tradeCount;
    st.deltaMid = deltaMid;
    st.signedVolume = signedVolume;
  }

  /**
   * Writes the columns of the elements from where the previous fill stopped up to {@code to − 1}:
   * element i's value of column c goes to {@code out[column + c][i − shift]}.
   */
  public void fill(int to, double[][] out, int column, int shift) {
    if (out.length < column + WIDTH) {
      throw new IllegalArgumentException("out needs " + WIDTH + " columns from " + column);
    }
    Stats st = stats;
    st.out = out;
    st.column = column;
    st.shift = shift;
    try {
      slider.slideTo(to, st.ts, st);
    } finally {
      st.out = null;
    }
  }

  /** The window statistics over the inputs of the current {@link #compute} call. */
  private static final class Stats implements TwoStackWindow.Aggregate {
    long[] ts;
    double[] logReturn;
    double[] ofi;
    double[] mlofi;
    double[] buyVolume;
    double[] sellVolume;
    double[] tradeCount;
    double[] deltaMid;
    double[] signedVolume;
    double[][] out;
    int column;
    int shift;

    /** Drops the references to the caller's arrays. */
    void release() {
      ts = null;
      logReturn = null;
      ofi = null;
      mlofi = null;
      buyVolume = null;
      sellVolume = null;
      tradeCount = null;
      deltaMid = null;
      signedVolume = null;
      out = null;
    }

    @Override
    public void load(int i, double[] dst, int off) {
      RollingWindowFeatures.load(
          i,
          logReturn,
          ofi,
          mlofi,
          buyVolume,
          sellVolume,
          tradeCount,
          deltaMid,
          signedVolume,
          dst,
          off);
    }

    @Override
    public void merge(double[] a, int ao, double[] b, int bo, double[] dst, int d) {
      RollingWindowFeatures.merge(a, ao, b, bo, dst, d);
    }

    @Override
    public void emit(double[] w, int i) {
      RollingWindowFeatures.emit(w, i - shift, out, column);
    }
  }

  /** Writes snapshot i as a one-element aggregate at e[o ..]. */
  private static void load(
      int i,
      double[] logReturn,
      double[] ofi,
      double[] mlofi,
      double[] buyVolume,
      double[] sellVolume,
      double[] tradeCount,
      double[] deltaMid,
      double[] signedVolume,
      double[] e,
      int o) {
    double r = logReturn[i];
    if (Double.isNaN(r)) {
      e[o + R_N] = 0;
      e[o + R_MEAN] = 0;
      e[o + R_SQ] = 0;
    } else {
      e[o + R_N] = 1;
      e[o + R_MEAN] = r;
      e[o + R_SQ] = r * r;
    }
    e[o + R_M2] = 0;
    e[o + R_SQ + 1] = 0;
    setSum(e, o + OFI, ofi[i]);
    setSum(e, o + MLOFI, mlofi[i]);
    setSum(e, o + BUY, buyVolume[i]);
    setSum(e, o + SELL, sellVolume[i]);
    setSum(e, o + COUNT, tradeCount[i]);
    double y = deltaMid[i];
    double x = signedVolume[i];
    if (Double.isNaN(y) || Double.isNaN(x)) {
      e[o + K_N] = 0;
      e[o + K_MX] = 0;
      e[o + K_MY] = 0;
    } else {
      e[o + K_N] = 1;
      e[o + K_MX] = x;
      e[o + K_MY] = y;
    }
    e[o + K_M2X] = 0;
    e[o + K_CXY] = 0;
  }

  private static void setSum(double[] e, int at, double v) {
    e[at] = Double.isNaN(v) ? 0 : v; // null counts 0
    e[at + 1] = 0;
  }

  private static void emit(double[] w, int i, double[][] out, int c) {
    double rn = w[R_N];
    out[c + RV][i] = rn < 2 ? Double.NaN : Math.sqrt(w[R_M2] / (rn - 1));
    out[c + RVAR][i] = w[R_SQ] + w[R_SQ + 1];
    out[c + OFI_SUM][i] = w[OFI] + w[OFI + 1];
    out[c + MLOFI_SUM][i] = w[MLOFI] + w[MLOFI + 1];
    double buy = w[BUY] + w[BUY + 1];
    double sell = w[SELL] + w[SELL + 1];
    double volume = buy + sell;
    out[c + TRADE_VOLUME][i] = volume;
    out[c + TRADE_COUNT][i] = w[COUNT] + w[COUNT + 1];
    out[c + TFI][i] = volume == 0 ? Double.NaN : (buy - sell) / volume;
    double kn = w[K_N];
    double m2x = w[K_M2X];
    double mx = w[K_MX];
    // Σx² = Σ(x−x̄)² + n·x̄², exact in real arithmetic; only used for the degeneracy test.
    double sumX2 = m2x + kn * mx * mx;
    out[c + KYLE_LAMBDA][i] =
        kn < 2 || m2x <= KYLE_DEGENERATE * sumX2 ? Double.NaN : w[K_CXY] / m2x;
  }

  /** dst = a ⊕ b; dst may alias a or b. */
  private static void merge(double[] a, int ao, double[] b, int bo, double[] dst, int d) {
    // Read everything first so that aliasing is harmless.
    double rna = a[ao + R_N];
    double rnb = b[bo + R_N];
    double rMa = a[ao + R_MEAN];
    double rMb = b[bo + R_MEAN];
    double rM2a = a[ao + R_M2];
    double rM2b = b[bo + R_M2];
    double kna = a[ao + K_N];
    double knb = b[bo + K_N];
    double mxa = a[ao + K_MX];
    double mxb = b[bo + K_MX];
    double mya = a[ao + K_MY];
    double myb = b[bo + K_MY];
    double m2xa = a[ao + K_M2X];
    double m2xb = b[bo + K_M2X];
    double cxya = a[ao + K_CXY];
    double cxyb = b[bo + K_CXY];

    if (rnb == 0) {
      dst[d + R_N] = rna;
      dst[d + R_MEAN] = rMa;
      dst[d + R_M2] = rM2a;
    } else if (rna == 0) {
      dst[d + R_N] = rnb;
      dst[d + R_MEAN] = rMb;
      dst[d + R_M2] = rM2b;
    } else {
      double rn = rna + rnb;
      double delta = rMb - rMa;
      dst[d + R_N] = rn;
      dst[d + R_MEAN] = rMa + delta * (rnb / rn);
      dst[d + R_M2] = rM2a + rM2b + delta * delta * (rna * rnb / rn);
    }

    if (knb == 0) {
      dst[d + K_N] = kna;
      dst[d + K_MX] = mxa;
      dst[d + K_MY] = mya;
      dst[d + K_M2X] = m2xa;
      dst[d + K_CXY] = cxya;
    } else if (kna == 0) {
      dst[d + K_N] = knb;
      dst[d + K_MX] = mxb;
      dst[d + K_MY] = myb;
      dst[d + K_M2X] = m2xb;
      dst[d + K_CXY] = cxyb;
    } else {
      double kn = kna + knb;
      double dx = mxb - mxa;
      double dy = myb - mya;
      double w = kna * knb / kn;
      dst[d + K_N] = kn;
      dst[d + K_MX] = mxa + dx * (knb / kn);
      dst[d + K_MY] = mya + dy * (knb / kn);
      dst[d + K_M2X] = m2xa + m2xb + dx * dx * w;
      dst[d + K_CXY] = cxya + cxyb + dx * dy * w;
    }

    TwoStackWindow.mergeSum(a, ao + R_SQ, b, bo + R_SQ, dst, d + R_SQ);
    TwoStackWindow.mergeSum(a, ao + OFI, b, bo + OFI, dst, d + OFI);
    TwoStackWindow.mergeSum(a, ao + MLOFI, b, bo + MLOFI, dst, d + MLOFI);
    TwoStackWindow.mergeSum(a, ao + BUY, b, bo + BUY, dst, d + BUY);
    TwoStackWindow.mergeSum(a, ao + SELL, b, bo + SELL, dst, d + SELL);
    TwoStackWindow.mergeSum(a, ao + COUNT, b, bo + COUNT, dst, d + COUNT);
  }
}
