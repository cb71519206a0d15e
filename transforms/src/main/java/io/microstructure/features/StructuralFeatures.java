package io.microstructure.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Structural features of one order-book snapshot (features.md, "Structural").
 *
 * <p>Columns, in this order: {@code best_bid, best_ask, best_bid_size, best_ask_size, mid_price,
 * spread, spread_bps, microprice, micro_minus_mid_bps}; for each L of {@code depth_levels}: {@code
 * bid_depth_L, ask_depth_L, imbalance_L}; for each L of {@code depth_levels} with L &gt; 1: {@code
 * bid_vwap_L, ask_vwap_L}; for each B of {@code depth_bands_bps}: {@code bid_band_depth_B,
 * ask_band_depth_B, band_imbalance_B}; then {@code bid_slope, ask_slope, bid_levels, ask_levels,
 * book_crossed}. Null is written as NaN, booleans as 1.0/0.0, counts as doubles.
 *
 * <p>Only the first {@code max_levels} levels of a side are used; levels at index {@code >= count}
 * are absent: they add 0 to sums and never supply a price. Decisions where the spec is silent:
 *
 * <ul>
 *   <li>{@code best_bid_size}/{@code best_ask_size} are null when that side is empty; {@code
 *       mid_price, spread, spread_bps, microprice, micro_minus_mid_bps} are null when either side
 *       is empty; {@code microprice} is the mid when both best sizes are 0.
 *   <li>{@code bid_depth_L} sums the present levels among the first L (0 when none); {@code
 *       imbalance_L} is null when both depths are 0; {@code bid_vwap_L} is null when {@code
 *       bid_depth_L} is 0 (likewise asks).
 *   <li>Band columns need the mid, so all of them are null when the mid is null. A bid level's
 *       distance is {@code 1e4*(mid - b)/mid}, an ask's {@code 1e4*(a - mid)/mid}; a level is in
 *       band B when its distance is {@code <= B*(1 + 1e-12)}. The tolerance makes a level that sits
 *       on the band edge in decimal terms (10 bps computed as 10.000000000000002) count the same
 *       way as one computed as 9.999999999999998. Negative distances (crossed book) are included.
 *   <li>{@code bid_slope}/{@code ask_slope}: OLS slope with intercept of the cumulative amount
 *       (running sum from level 1) on the distance from the mid in bps, over the present levels;
 *       null with fewer than 2 levels, without a mid, or when all distances are equal. Two-pass
 *       (mean first) so that large prices do not cancel catastrophically.
 *   <li>{@code bid_levels}/{@code ask_levels}: present levels, capped at {@code max_levels}; {@code
 *       book_crossed}: 1 if b_1 &ge; a_1 else 0, null when either side is empty.
 * </ul>
 *
 * <p>Immutable and stateless: {@link #compute} allocates nothing and one instance may be shared by
 * threads.
 */
public final class StructuralFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Relative slack on band edges, see the class comment. */
  static final double BAND_EDGE_TOLERANCE = 1e-12;

  private static final double BPS = 1e4;
  private static final double NULL = Double.NaN;

  private final int maxLevels;
  private final int[] depthLevels;
  private final int[] vwapLevels;
  private final double[] bandLimits;
  private final List<FeatureColumn> columns;

  public StructuralFeatures(FeatureParameters params) {
    this.maxLevels = params.maxLevels();
    this.depthLevels = params.depthLevels();
    int vwapCount = 0;
    for (int l : depthLevels) {
      if (l > 1) {
        vwapCount++;
      }
    }
    this.vwapLevels = new int[vwapCount];
    int k = 0;
    for (int l : depthLevels) {
      if (l > 1) {
        vwapLevels[k++] = l;
      }
    }
    double[] bands = params.depthBandsBps();
    this.bandLimits = new double[bands.length];
    for (int i = 0; i < bands.length; i++) {
      bandLimits[i] = bands[i] * (1 + BAND_EDGE_TOLERANCE);
    }
    this.columns = buildColumns(depthLevels, vwapLevels, bands);
  }

  private static List<FeatureColumn> buildColumns(
      int[] depthLevels, int[] vwapLevels, double[] bands) {
    List<String> doubles = new ArrayList<>();
    doubles.add("best_bid");
    doubles.add("best_ask");
    doubles.add("best_bid_size");
    doubles.add("best_ask_size");
    doubles.add("mid_price");
    doubles.add("spread");
    doubles.add("spread_bps");
    doubles.add("microprice");
    doubles.add("micro_minus_mid_bps");
    for (int l : depthLevels) {
      String s = FeatureNames.suffix(l);
      doubles.add("bid_depth_" + s);
      doubles.add("ask_depth_" + s);
      doubles.add("imbalance_" + s);
    }
    for (int l : vwapLevels) {
      String s = FeatureNames.suffix(l);
      doubles.add("bid_vwap_" + s);
      doubles.add("ask_vwap_" + s);
    }
    for (double b : bands) {
      String s = FeatureNames.suffix(b);
      doubles.add("bid_band_depth_" + s);
      doubles.add("ask_band_depth_" + s);
      doubles.add("band_imbalance_" + s);
    }
    doubles.add("bid_slope");
    doubles.add("ask_slope");
    List<FeatureColumn> columns = new ArrayList<>();
    for (String name : doubles) {
      columns.add(FeatureColumn.ofDouble(name));
    }
    columns.add(FeatureColumn.of("bid_levels", FeatureColumn.Type.INT));
    columns.add(FeatureColumn.of("ask_levels", FeatureColumn.Type.INT));
    columns.add(FeatureColumn.of("book_crossed", FeatureColumn.Type.BOOLEAN));
    // Repeated depth levels or bands would write two columns of one name.
    Set<String> seen = new HashSet<>();
    for (FeatureColumn c : columns) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("duplicate feature column " + c.name());
      }
    }
    return List.copyOf(columns);
  }

  /** Immutable columns, in the order {@link #compute} writes them. */
  public List<FeatureColumn> columns() {
    return columns;
  }

  /** Immutable column names, in the order {@link #compute} writes them. */
  public List<String> columnNames() {
    return FeatureColumn.names(columns);
  }

  public int width() {
    return columns.size();
  }

  /** Writes {@link #width()} values to {@code out[offset..offset + width())}. */
  public void compute(
      double[] bidPrice,
      double[] bidAmount,
      int bidCount,
      double[] askPrice,
      double[] askAmount,
      int askCount,
      double[] out,
      int offset) {
    int nb = Math.max(0, Math.min(bidCount, maxLevels));
    int na = Math.max(0, Math.min(askCount, maxLevels));
    boolean both = nb > 0 && na > 0;
    int o = offset;

    double bestBid = nb > 0 ? bidPrice[0] : NULL;
    double bestAsk = na > 0 ? askPrice[0] : NULL;
    double bestBidSize = nb > 0 ? bidAmount[0] : NULL;
    double bestAskSize = na > 0 ? askAmount[0] : NULL;
    double mid = both ? mid(bestBid, bestAsk) : NULL;
    out[o++] = bestBid;
    out[o++] = bestAsk;
    out[o++] = bestBidSize;
    out[o++] = bestAskSize;
    out[o++] = mid;
    if (both) {
      double spread = spread(bestBid, bestAsk);
      double sizes = bestBidSize + bestAskSize;
      double micro = sizes == 0 ? mid : (bestBid * bestAskSize + bestAsk * bestBidSize) / sizes;
      out[o++] = spread;
      out[o++] = spreadBps(spread, mid);
      out[o++] = micro;
      out[o++] = BPS * (micro - mid) / mid;
    } else {
      out[o++] = NULL;
      out[o++] = NULL;
      out[o++] = NULL;
      out[o++] = NULL;
    }

    for (int l : depthLevels) {
      double bidDepth = sum(bidAmount, Math.min(l, nb));
      double askDepth = sum(askAmount, Math.min(l, na));
      out[o++] = bidDepth;
      out[o++] = askDepth;
      out[o++] = imbalance(bidDepth, askDepth);
    }

    for (int l : vwapLevels) {
      out[o++] = vwap(bidPrice, bidAmount, Math.min(l, nb));
      out[o++] = vwap(askPrice, askAmount, Math.min(l, na));
    }

    for (double limit : bandLimits) {
      if (both) {
        double bidBand = bandDepth(bidPrice, bidAmount, nb, mid, limit, -1);
        double askBand = bandDepth(askPrice, askAmount, na, mid, limit, +1);
        out[o++] = bidBand;
        out[o++] = askBand;
        out[o++] = imbalance(bidBand, askBand);
      } else {
        out[o++] = NULL;
        out[o++] = NULL;
        out[o++] = NULL;
      }
    }

    out[o++] = both ? slope(bidPrice, bidAmount, nb, mid, -1) : NULL;
    out[o++] = both ? slope(askPrice, askAmount, na, mid, +1) : NULL;
    out[o++] = nb;
    out[o++] = na;
    out[o] = both ? (bestBid >= bestAsk ? 1.0 : 0.0) : NULL;
  }

  /**
   * True when both sides have a level among the first {@code max_levels}: the condition for the mid
   * and everything derived from it.
   */
  public boolean hasMid(int bidCount, int askCount) {
    return Math.min(bidCount, maxLevels) > 0 && Math.min(askCount, maxLevels) > 0;
  }

  /**
   * mid_price of best bid b_1 and best ask a_1 (the stateful families use this very expression).
   */
  public static double mid(double bestBid, double bestAsk) {
    return (bestBid + bestAsk) / 2;
  }

  public static double spread(double bestBid, double bestAsk) {
    return bestAsk - bestBid;
  }

  public static double spreadBps(double spread, double mid) {
    return BPS * spread / mid;
  }

  /** Sequential sum from level 1, the order a reference implementation would use. */
  private static double sum(double[] amount, int n) {
    double s = 0;
    for (int m = 0; m < n; m++) {
      s += amount[m];
    }
    return s;
  }

  private static double imbalance(double bid, double ask) {
    return bid == 0 && ask == 0 ? NULL : (bid - ask) / (bid + ask);
  }

  private static double vwap(double[] price, double[] amount, int n) {
    double notional = 0;
    double depth = 0;
    for (int m = 0; m < n; m++) {
      notional += price[m] * amount[m];
      depth += amount[m];
    }
    return depth == 0 ? NULL : notional / depth;
  }

  /**
   * Distance from the mid in bps, positive away from the mid. {@code sign} is -1 for bids, +1 for
   * asks; the expression is kept identical to the spec's {@code 1e4*(mid - b)/mid}.
   */
  private static double distanceBps(double price, double mid, int sign) {
    return sign < 0 ? BPS * (mid - price) / mid : BPS * (price - mid) / mid;
  }

  private static double bandDepth(
      double[] price, double[] amount, int n, double mid, double limit, int sign) {
    // All levels are scanned rather than stopping at the first one outside: nothing here relies on
    // the book being sorted.
    double s = 0;
    for (int m = 0; m < n; m++) {
      if (distanceBps(price[m], mid, sign) <= limit) {
        s += amount[m];
      }
    }
    return s;
  }

  private static double slope(double[] price, double[] amount, int n, double mid, int sign) {
    if (n < 2) {
      return NULL;
    }
    double x0 = distanceBps(price[0], mid, sign);
    boolean allEqual = true;
    double sumX = 0;
    double sumY = 0;
    double cum = 0;
    for (int m = 0; m < n; m++) {
      double x = distanceBps(price[m], mid, sign);
      cum += amount[m];
      allEqual &= x == x0;
      sumX += x;
      sumY += cum;
    }
    if (allEqual) {
      return NULL;
    }
    double meanX = sumX / n;
    double meanY = sumY / n;
    double sxx = 0;
    double sxy = 0;
    cum = 0;
    for (int m = 0; m < n; m++) {
      double dx = distanceBps(price[m], mid, sign) - meanX;
      cum += amount[m];
      sxx += dx * dx;
      sxy += dx * (cum - meanY);
    }
    return sxx == 0 ? NULL : sxy / sxx;
  }
}
