package io.microstructure.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Cont–Kukanov–Stoikov order-flow imbalance between two consecutive snapshots, per level and
 * level-decayed (features.md, "Delta-based": {@code ofi_m}, {@code ofi}, {@code mlofi}).
 *
 * <p>Level m (1-based) is present in a side when {@code m <= count}; {@code ofi_m} is null (NaN)
 * unless level m is present in all four sides (previous and current bids and asks), so M larger
 * than the book depth simply yields null tail levels. {@code mlofi} counts null levels as 0 and is
 * therefore never null itself; the caller nulls it at the first snapshot of a run.
 *
 * <p>Immutable: the level weights are precomputed and {@link #compute} allocates nothing.
 */
public final class OrderFlowImbalance implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int levels;
  private final double[] weights;

  public OrderFlowImbalance(int levels, double decayAlpha) {
    if (levels < 1) {
      throw new IllegalArgumentException("ofi levels must be >= 1, got " + levels);
    }
    if (!(decayAlpha >= 0) || !Double.isFinite(decayAlpha)) {
      throw new IllegalArgumentException("ofi decay alpha must be finite and >= 0: " + decayAlpha);
    }
    this.levels = levels;
    this.weights = new double[levels];
    for (int m = 0; m < levels; m++) {
      weights[m] = Math.exp(-decayAlpha * m); // exp(-alpha * (level - 1)), level = m + 1
    }
  }

  /** ofi_1..ofi_M, then {@code ofi}, {@code mlofi}, {@code ofi_ewm}: all doubles. */
  public static List<FeatureColumn> columns(int levels) {
    List<FeatureColumn> columns = new ArrayList<>(levels + 3);
    for (int m = 1; m <= levels; m++) {
      columns.add(FeatureColumn.ofDouble("ofi_" + FeatureNames.suffix(m)));
    }
    columns.add(FeatureColumn.ofDouble("ofi"));
    columns.add(FeatureColumn.ofDouble("mlofi"));
    columns.add(FeatureColumn.ofDouble("ofi_ewm"));
    return List.copyOf(columns);
  }

  public static List<String> columnNames(int levels) {
    return FeatureColumn.names(columns(levels));
  }

  /**
   * e at one level: {@code 1{b_n >= b_n-1} qb_n - 1{b_n <= b_n-1} qb_n-1 - 1{a_n <= a_n-1} qa_n +
   * 1{a_n >= a_n-1} qa_n-1}. NaN when any of the four prices is absent (passed as NaN) — an absent
   * price must not silently drop terms through NaN comparisons being false.
   */
  public static double levelFlow(
      double prevBidPx,
      double prevBidAmt,
      double curBidPx,
      double curBidAmt,
      double prevAskPx,
      double prevAskAmt,
      double curAskPx,
      double curAskAmt) {
    if (Double.isNaN(prevBidPx)
        || Double.isNaN(curBidPx)
        || Double.isNaN(prevAskPx)
        || Double.isNaN(curAskPx)) {
      return Double.NaN;
    }
    double e = 0;
    if (curBidPx >= prevBidPx) {
      e += curBidAmt;
    }
    if (curBidPx <= prevBidPx) {
      e -= prevBidAmt;
    }
    if (curAskPx <= prevAskPx) {
      e -= curAskAmt;
    }
    if (curAskPx >= prevAskPx) {
      e += prevAskAmt;
    }
    return e;
  }

  /**
   * Fills {@code ofiOut[0..M)} with ofi_1..ofi_M (NaN where a price is absent) and returns mlofi =
   * Σ ofi_m·exp(−alpha·(m−1)), null levels counting 0.
   */
  public double compute(
      double[] prevBidPx,
      double[] prevBidAmt,
      int prevBidCount,
      double[] prevAskPx,
      double[] prevAskAmt,
      int prevAskCount,
      double[] curBidPx,
      double[] curBidAmt,
      int curBidCount,
      double[] curAskPx,
      double[] curAskAmt,
      int curAskCount,
      double[] ofiOut) {
    int present =
        Math.min(Math.min(prevBidCount, prevAskCount), Math.min(curBidCount, curAskCount));
    double mlofi = 0;
    for (int m = 0; m < levels; m++) {
      if (m >= present) {
        ofiOut[m] = Double.NaN;
        continue;
      }
      double e =
          levelFlow(
              prevBidPx[m],
              prevBidAmt[m],
              curBidPx[m],
              curBidAmt[m],
              prevAskPx[m],
              prevAskAmt[m],
              curAskPx[m],
              curAskAmt[m]);
      ofiOut[m] = e;
      if (!Double.isNaN(e)) {
        mlofi += weights[m] * e;
      }
    }
    return mlofi;
  }

  public int levels() {
    return levels;
  }
}
