package io.microstructure.features;

import java.util.Arrays;
import java.util.List;

/**
 * Rolling time-window statistics of features.md "Rolling": rv_H, rvar_H, ofi_sum_H, mlofi_sum_H,
 * trade_volume_H, trade_count_H, tfi_H and kyle_lambda_H over one key's snapshot series.
 *
 * <p>The window of snapshot i is the snapshots m ≤ i with ts[m] > ts[i] − H. It slides with the
 * "two stacks" scheme so that nothing is ever subtracted: the window is split into a front segment
 * whose suffix aggregates were precomputed when it was formed and a back segment with one running
 * aggregate. When the window start passes the front's end, the back segment becomes the new front.
 * Each snapshot is merged O(1) times amortised and no aggregate spans more than one window, so
 * rounding error cannot build up across a day. Aggregates are mergeable: Neumaier-compensated sums
 * and (count, mean, M2, co-moment) merged with Chan et al.'s pairwise formulas.
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

  // suffix[(k − frontBase)·S ..] = aggregate of snapshots [k, frontEnd); grows, never shrinks.
  private double[] suffix = new double[0];
  private final double[] back = new double[S];
  private final double[] elem = new double[S];
  private final double[] window = new double[S];

  public RollingWindowFeatures() {}

  public static List<String> columnNames(long horizonSeconds) {
    String h = Long.toString(horizonSeconds);
    return List.of(
        "rv_" + h,
        "rvar_" + h,
        "ofi_sum_" + h,
        "mlofi_sum_" + h,
        "trade_volume_" + h,
        "trade_count_" + h,
        "tfi_" + h,
        "kyle_lambda_" + h);
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
    if (horizonMicros <= 0) {
      throw new IllegalArgumentException("horizon must be > 0");
    }
    if (out.length < WIDTH) {
      throw new IllegalArgumentException("out needs " + WIDTH + " columns");
    }
    int lo = 0; // first snapshot of the window
    int frontBase = 0; // snapshot held at suffix offset 0
    int frontEnd = 0; // front = [lo, frontEnd), back = [frontEnd, i]
    clear(back, 0);
    for (int i = 0; i < n; i++) {
      load(i, logReturn, ofi, mlofi, buyVolume, sellVolume, tradeCount, deltaMid, signedVolume);
      merge(back, 0, elem, 0, back, 0);
      long start = ts[i] - horizonMicros; // exclusive
      while (ts[lo] <= start) {
        lo++;
      }
      if (lo >= frontEnd) {
        // Front exhausted: the live part of the back, [lo, i], becomes the new front.
        ensureSuffixCapacity(i - lo + 1);
        frontBase = lo;
        frontEnd = i + 1;
        int top = (i - frontBase) * S;
        load(i, logReturn, ofi, mlofi, buyVolume, sellVolume, tradeCount, deltaMid, signedVolume);
        System.arraycopy(elem, 0, suffix, top, S);
        for (int k = i - 1; k >= lo; k--) {
          load(k, logReturn, ofi, mlofi, buyVolume, sellVolume, tradeCount, deltaMid, signedVolume);
          int off = (k - frontBase) * S;
          merge(elem, 0, suffix, off + S, suffix, off);
        }
        clear(back, 0);
      }
      merge(suffix, (lo - frontBase) * S, back, 0, window, 0);
      emit(window, i, out);
    }
  }

  /** Writes snapshot i as a one-element aggregate into {@link #elem}. */
  private void load(
      int i,
      double[] logReturn,
      double[] ofi,
      double[] mlofi,
      double[] buyVolume,
      double[] sellVolume,
      double[] tradeCount,
      double[] deltaMid,
      double[] signedVolume) {
    double[] e = elem;
    double r = logReturn[i];
    if (Double.isNaN(r)) {
      e[R_N] = 0;
      e[R_MEAN] = 0;
      e[R_SQ] = 0;
    } else {
      e[R_N] = 1;
      e[R_MEAN] = r;
      e[R_SQ] = r * r;
    }
    e[R_M2] = 0;
    e[R_SQ + 1] = 0;
    setSum(e, OFI, ofi[i]);
    setSum(e, MLOFI, mlofi[i]);
    setSum(e, BUY, buyVolume[i]);
    setSum(e, SELL, sellVolume[i]);
    setSum(e, COUNT, tradeCount[i]);
    double y = deltaMid[i];
    double x = signedVolume[i];
    if (Double.isNaN(y) || Double.isNaN(x)) {
      e[K_N] = 0;
      e[K_MX] = 0;
      e[K_MY] = 0;
    } else {
      e[K_N] = 1;
      e[K_MX] = x;
      e[K_MY] = y;
    }
    e[K_M2X] = 0;
    e[K_CXY] = 0;
  }

  private static void setSum(double[] e, int at, double v) {
    e[at] = Double.isNaN(v) ? 0 : v; // null counts 0
    e[at + 1] = 0;
  }

  private static void emit(double[] w, int i, double[][] out) {
    double rn = w[R_N];
    out[RV][i] = rn < 2 ? Double.NaN : Math.sqrt(w[R_M2] / (rn - 1));
    out[RVAR][i] = w[R_SQ] + w[R_SQ + 1];
    out[OFI_SUM][i] = w[OFI] + w[OFI + 1];
    out[MLOFI_SUM][i] = w[MLOFI] + w[MLOFI + 1];
    double buy = w[BUY] + w[BUY + 1];
    double sell = w[SELL] + w[SELL + 1];
    double volume = buy + sell;
    out[TRADE_VOLUME][i] = volume;
    out[TRADE_COUNT][i] = w[COUNT] + w[COUNT + 1];
    out[TFI][i] = volume == 0 ? Double.NaN : (buy - sell) / volume;
    double kn = w[K_N];
    double m2x = w[K_M2X];
    double mx = w[K_MX];
    // Σx² = Σ(x−x̄)² + n·x̄², exact in real arithmetic; only used for the degeneracy test.
    double sumX2 = m2x + kn * mx * mx;
    out[KYLE_LAMBDA][i] = kn < 2 || m2x <= KYLE_DEGENERATE * sumX2 ? Double.NaN : w[K_CXY] / m2x;
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

    mergeSum(a, ao + R_SQ, b, bo + R_SQ, dst, d + R_SQ);
    mergeSum(a, ao + OFI, b, bo + OFI, dst, d + OFI);
    mergeSum(a, ao + MLOFI, b, bo + MLOFI, dst, d + MLOFI);
    mergeSum(a, ao + BUY, b, bo + BUY, dst, d + BUY);
    mergeSum(a, ao + SELL, b, bo + SELL, dst, d + SELL);
    mergeSum(a, ao + COUNT, b, bo + COUNT, dst, d + COUNT);
  }

  /** Neumaier: the rounding error of s_a + s_b goes into the compensation term. */
  private static void mergeSum(double[] a, int ai, double[] b, int bi, double[] dst, int di) {
    double sa = a[ai];
    double sb = b[bi];
    double c = a[ai + 1] + b[bi + 1];
    double t = sa + sb;
    if (Math.abs(sa) >= Math.abs(sb)) {
      c += (sa - t) + sb;
    } else {
      c += (sb - t) + sa;
    }
    dst[di] = t;
    dst[di + 1] = c;
  }

  private static void clear(double[] a, int off) {
    Arrays.fill(a, off, off + S, 0.0);
  }

  private void ensureSuffixCapacity(int elements) {
    int needed = elements * S;
    if (suffix.length < needed) {
      // Doubling keeps reallocation amortised; on int overflow max() falls back to needed.
      suffix = new double[Math.max(needed, 2 * suffix.length)];
    }
  }
}
