package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StructuralFeaturesTest {

  /** The spec's agreement bound: |x - y| <= 1e-9 * max(1, |x|, |y|), nulls coincide. */
  static void assertClose(String name, double expected, double actual) {
    if (Double.isNaN(expected)) {
      assertThat(actual).as(name + " should be null (NaN)").isNaN();
      return;
    }
    double bound = 1e-9 * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    assertThat(Math.abs(expected - actual))
        .as("%s: expected %s but was %s", name, expected, actual)
        .isLessThanOrEqualTo(bound);
  }

  private static final FeatureParameters PARAMS =
      FeatureParameters.builder()
          .maxLevels(5)
          .depthLevels(1, 3, 5)
          .depthBandsBps(2.5, 10, 25, 50)
          .ofiLevels(5)
          .build();

  private static Map<String, Double> row(
      StructuralFeatures f, double[] bp, double[] bq, int nb, double[] ap, double[] aq, int na) {
    double[] out = new double[f.width()];
    f.compute(bp, bq, nb, ap, aq, na, out, 0);
    Map<String, Double> r = new HashMap<>();
    List<String> names = f.columnNames();
    for (int i = 0; i < names.size(); i++) {
      r.put(names.get(i), out[i]);
    }
    return r;
  }

  private static void expect(Map<String, Double> r, String name, double expected) {
    assertThat(r).as("column " + name).containsKey(name);
    assertClose(name, expected, r.get(name));
  }

  // The reference book: mid exactly 100.
  //   bids 99.9 x 2, 99.8 x 3, 99.5 x 5, 99.0 x 10  (distances 10, 20, 50, 100 bps)
  //   asks 100.1 x 1, 100.2 x 4, 100.4 x 5          (distances 10, 20, 40 bps)
  private static final double[] BP = {99.9, 99.8, 99.5, 99.0};
  private static final double[] BQ = {2, 3, 5, 10};
  private static final double[] AP = {100.1, 100.2, 100.4};
  private static final double[] AQ = {1, 4, 5};

  @Test
  void columnOrderFollowsTheSpec() {
    StructuralFeatures f = new StructuralFeatures(PARAMS);
    assertThat(f.columnNames())
        .containsExactly(
            "best_bid",
            "best_ask",
            "best_bid_size",
            "best_ask_size",
            "mid_price",
            "spread",
            "spread_bps",
            "microprice",
            "micro_minus_mid_bps",
            "bid_depth_1",
            "ask_depth_1",
            "imbalance_1",
            "bid_depth_3",
            "ask_depth_3",
            "imbalance_3",
            "bid_depth_5",
            "ask_depth_5",
            "imbalance_5",
            "bid_vwap_3",
            "ask_vwap_3",
            "bid_vwap_5",
            "ask_vwap_5",
            "bid_band_depth_2p5",
            "ask_band_depth_2p5",
            "band_imbalance_2p5",
            "bid_band_depth_10",
            "ask_band_depth_10",
            "band_imbalance_10",
            "bid_band_depth_25",
            "ask_band_depth_25",
            "band_imbalance_25",
            "bid_band_depth_50",
            "ask_band_depth_50",
            "band_imbalance_50",
            "bid_slope",
            "ask_slope",
            "bid_levels",
            "ask_levels",
            "book_crossed");
    assertThat(f.width()).isEqualTo(f.columnNames().size());
    assertThatThrownBy(() -> f.columnNames().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void defaultParametersGiveFiftyTwoColumns() {
    // 9 top-of-book + 3*5 depth + 2*4 vwap (L=1 has none) + 3*5 bands + 5 = 52
    StructuralFeatures f = new StructuralFeatures(FeatureParameters.defaults());
    assertThat(f.width()).isEqualTo(52);
    assertThat(f.columnNames()).contains("bid_depth_20", "imbalance_10", "bid_band_depth_25");
  }

  @Test
  void duplicateDepthLevelsAreRejected() {
    FeatureParameters p = PARAMS.toBuilder().depthLevels(3, 3).build();
    assertThatThrownBy(() -> new StructuralFeatures(p))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bid_depth_3");
  }

  @Test
  void topOfBook() {
    Map<String, Double> r = row(new StructuralFeatures(PARAMS), BP, BQ, 4, AP, AQ, 3);
    expect(r, "best_bid", 99.9);
    expect(r, "best_ask", 100.1);
    expect(r, "best_bid_size", 2);
    expect(r, "best_ask_size", 1);
    // (99.9 + 100.1) / 2
    expect(r, "mid_price", 100.0);
    // 100.1 - 99.9
    expect(r, "spread", 0.2);
    // 1e4 * 0.2 / 100
    expect(r, "spread_bps", 20.0);
    // (99.9*1 + 100.1*2) / (2 + 1) = 300.1 / 3
    expect(r, "microprice", 300.1 / 3);
    // 1e4 * (100.0333.. - 100) / 100 = 100 * (0.1/3) = 10/3
    expect(r, "micro_minus_mid_bps", 10.0 / 3);
  }

  @Test
  void depthImbalanceAndVwap() {
    Map<String, Double> r = row(new StructuralFeatures(PARAMS), BP, BQ, 4, AP, AQ, 3);
    expect(r, "bid_depth_1", 2);
    expect(r, "ask_depth_1", 1);
    // (2 - 1) / (2 + 1)
    expect(r, "imbalance_1", 1.0 / 3);
    // 2+3+5 = 10 ; 1+4+5 = 10
    expect(r, "bid_depth_3", 10);
    expect(r, "ask_depth_3", 10);
    expect(r, "imbalance_3", 0);
    // bids: 4 levels present -> 20; asks: only 3 present -> 10 (absent levels add 0)
    expect(r, "bid_depth_5", 20);
    expect(r, "ask_depth_5", 10);
    // (20 - 10) / 30
    expect(r, "imbalance_5", 1.0 / 3);
    // (99.9*2 + 99.8*3 + 99.5*5) / 10 = (199.8 + 299.4 + 497.5) / 10 = 996.7 / 10
    expect(r, "bid_vwap_3", 99.67);
    // (100.1*1 + 100.2*4 + 100.4*5) / 10 = (100.1 + 400.8 + 502) / 10 = 1002.9 / 10
    expect(r, "ask_vwap_3", 100.29);
    // (996.7 + 99.0*10) / 20 = 1986.7 / 20
    expect(r, "bid_vwap_5", 99.335);
    // same three levels as ask_vwap_3
    expect(r, "ask_vwap_5", 100.29);
  }

  @Test
  void bandDepthsUseRealDistances() {
    Map<String, Double> r = row(new StructuralFeatures(PARAMS), BP, BQ, 4, AP, AQ, 3);
    // nothing within 2.5 bps on either side; 0/0 -> null
    expect(r, "bid_band_depth_2p5", 0);
    expect(r, "ask_band_depth_2p5", 0);
    expect(r, "band_imbalance_2p5", Double.NaN);
    // 10 bps: bid 99.9 (10), ask 100.1 (10) -> (2 - 1) / 3
    expect(r, "bid_band_depth_10", 2);
    expect(r, "ask_band_depth_10", 1);
    expect(r, "band_imbalance_10", 1.0 / 3);
    // 25 bps: bids 99.9, 99.8 -> 2+3; asks 100.1, 100.2 -> 1+4
    expect(r, "bid_band_depth_25", 5);
    expect(r, "ask_band_depth_25", 5);
    expect(r, "band_imbalance_25", 0);
    // 50 bps: bid 99.5 is at exactly 1e4*0.5/100 = 50 -> 2+3+5 = 10; asks all <= 40 -> 10
    expect(r, "bid_band_depth_50", 10);
    expect(r, "ask_band_depth_50", 10);
    expect(r, "band_imbalance_50", 0);
  }

  @Test
  void slopesAreOlsOfCumulativeAmountOnDistance() {
    Map<String, Double> r = row(new StructuralFeatures(PARAMS), BP, BQ, 4, AP, AQ, 3);
    // bids: x = 10, 20, 50, 100; y = 2, 5, 10, 20; x̄ = 45, ȳ = 9.25
    //   dx = -35, -25, 5, 55; dy = -7.25, -4.25, 0.75, 10.75
    //   Sxy = 253.75 + 106.25 + 3.75 + 591.25 = 955; Sxx = 1225 + 625 + 25 + 3025 = 4900
    // asks: x = 10, 20, 40; y = 1, 5, 10; x̄ = 70/3, ȳ = 16/3
    //   dx = -40/3, -10/3, 50/3; dy = -13/3, -1/3, 14/3
    //   Sxy = (520 + 10 + 700)/9 = 1230/9; Sxx = (1600 + 100 + 2500)/9 = 4200/9
    expect(r, "bid_slope", 955.0 / 4900);
    expect(r, "ask_slope", 1230.0 / 4200);
    expect(r, "bid_levels", 4);
    expect(r, "ask_levels", 3);
    expect(r, "book_crossed", 0);
  }

  @Test
  void emptyBidSide() {
    Map<String, Double> r =
        row(new StructuralFeatures(PARAMS), new double[0], new double[0], 0, AP, AQ, 3);
    double nan = Double.NaN;
    expect(r, "best_bid", nan);
    expect(r, "best_ask", 100.1);
    expect(r, "best_bid_size", nan);
    expect(r, "best_ask_size", 1);
    expect(r, "mid_price", nan);
    expect(r, "spread", nan);
    expect(r, "spread_bps", nan);
    expect(r, "microprice", nan);
    expect(r, "micro_minus_mid_bps", nan);
    // (0 - 1) / (0 + 1)
    expect(r, "bid_depth_1", 0);
    expect(r, "ask_depth_1", 1);
    expect(r, "imbalance_1", -1);
    expect(r, "bid_vwap_3", nan);
    expect(r, "ask_vwap_3", 100.29);
    // no mid: every band column null, even where a side has volume
    expect(r, "bid_band_depth_10", nan);
    expect(r, "ask_band_depth_10", nan);
    expect(r, "band_imbalance_10", nan);
    expect(r, "bid_slope", nan);
    expect(r, "ask_slope", nan);
    expect(r, "bid_levels", 0);
    expect(r, "ask_levels", 3);
    expect(r, "book_crossed", nan);
  }

  @Test
  void bothSidesEmpty() {
    double[] none = new double[0];
    Map<String, Double> r = row(new StructuralFeatures(PARAMS), none, none, 0, none, none, 0);
    expect(r, "bid_depth_5", 0);
    expect(r, "ask_depth_5", 0);
    expect(r, "imbalance_5", Double.NaN);
    expect(r, "bid_levels", 0);
    expect(r, "ask_levels", 0);
    expect(r, "book_crossed", Double.NaN);
  }

  @Test
  void zeroBestSizesGiveMicropriceEqualToMid() {
    // bids 99 x 0, asks 101 x 0: mid 100, microprice falls back to 100
    Map<String, Double> r =
        row(
            new StructuralFeatures(PARAMS),
            new double[] {99},
            new double[] {0},
            1,
            new double[] {101},
            new double[] {0},
            1);
    expect(r, "mid_price", 100);
    expect(r, "microprice", 100);
    expect(r, "micro_minus_mid_bps", 0);
    // depth 0 on both sides: imbalance and vwap null
    expect(r, "imbalance_1", Double.NaN);
    expect(r, "bid_vwap_3", Double.NaN);
    expect(r, "ask_vwap_3", Double.NaN);
    // one level a side: slope null
    expect(r, "bid_slope", Double.NaN);
    expect(r, "ask_slope", Double.NaN);
  }

  @Test
  void crossedBookIsFlaggedAndNegativeDistancesAreInBand() {
    // bids 100.2 x 1, 100.1 x 1; asks 100.0 x 2, 100.3 x 1; mid = (100.2 + 100.0)/2 = 100.1
    Map<String, Double> r =
        row(
            new StructuralFeatures(PARAMS),
            new double[] {100.2, 100.1},
            new double[] {1, 1},
            2,
            new double[] {100.0, 100.3},
            new double[] {2, 1},
            2);
    expect(r, "book_crossed", 1);
    expect(r, "spread", -0.2);
    // 1e4 * -0.2 / 100.1
    expect(r, "spread_bps", -2000.0 / 100.1);
    // bid distances: 1e4*(100.1-100.2)/100.1 = -9.99 and 0; ask: -9.99 and +19.98
    // 2.5 bps: bids both (-9.99, 0) -> 2; asks only 100.0 -> 2; imbalance 0
    expect(r, "bid_band_depth_2p5", 2);
    expect(r, "ask_band_depth_2p5", 2);
    expect(r, "band_imbalance_2p5", 0);
    // 25 bps: everything -> 2 vs 3 -> (2 - 3) / 5
    expect(r, "band_imbalance_25", -0.2);
  }

  @Test
  void lockedBookIsCrossed() {
    Map<String, Double> r =
        row(
            new StructuralFeatures(PARAMS),
            new double[] {100},
            new double[] {1},
            1,
            new double[] {100},
            new double[] {1},
            1);
    expect(r, "book_crossed", 1);
    expect(r, "spread", 0);
    expect(r, "spread_bps", 0);
  }

  @Test
  void levelOnTheBandEdgeInDecimalTermsIsIncluded() {
    // bid 0.999, ask 1.001: mid 1.0; the bid sits at 10 bps in decimal but computes as
    // 1e4*(1.0 - 0.999)/1.0 = 10.000000000000009 (0.999 is not exact in binary)
    FeatureParameters p = PARAMS.toBuilder().depthBandsBps(10).build();
    Map<String, Double> r =
        row(
            new StructuralFeatures(p),
            new double[] {0.999, 0.99899999},
            new double[] {3, 100},
            2,
            new double[] {1.001},
            new double[] {1},
            1);
    assertThat(1e4 * (1.0 - 0.999) / 1.0).isGreaterThan(10.0); // the point of the tolerance
    // level 2 is at 1e4*(1 - 0.99899999) = 10.0001 bps: beyond 10*(1+1e-12), so out
    expect(r, "bid_band_depth_10", 3);
    expect(r, "ask_band_depth_10", 1);
    expect(r, "band_imbalance_10", 0.5);
  }

  @Test
  void onlyMaxLevelsLevelsAreUsedAndPaddingIsIgnored() {
    FeatureParameters p = PARAMS.toBuilder().maxLevels(2).depthLevels(1, 2).ofiLevels(1).build();
    // 3 bid levels given but max_levels = 2; the arrays carry garbage beyond the count
    double[] bp = {10, 9, 8, -1, Double.NaN};
    double[] bq = {1, 2, 4, 1e9, Double.NaN};
    double[] ap = {11, 12, 99, 99};
    double[] aq = {5, 7, 1e9, 1e9};
    Map<String, Double> r = row(new StructuralFeatures(p), bp, bq, 3, ap, aq, 2);
    // bid 1+2 = 3 (8 x 4 dropped), ask 5+7 = 12
    expect(r, "bid_depth_2", 3);
    expect(r, "ask_depth_2", 12);
    expect(r, "bid_levels", 2);
    expect(r, "ask_levels", 2);
    // (10*1 + 9*2) / 3 = 28/3
    expect(r, "bid_vwap_2", 28.0 / 3);
  }

  @Test
  void slopeIsNullWhenAllDistancesAreEqual() {
    // two bid levels at the same price (degenerate but possible in a feed)
    Map<String, Double> r =
        row(
            new StructuralFeatures(PARAMS),
            new double[] {99, 99},
            new double[] {1, 2},
            2,
            new double[] {101, 102},
            new double[] {1, 1},
            2);
    // asks: x = 100, 200 bps (mid 100); y = 1, 2 -> slope (2-1)/(200-100) = 0.01
    expect(r, "bid_slope", Double.NaN);
    expect(r, "ask_slope", 0.01);
  }

  @Test
  void writesExactlyWidthValuesAtOffset() {
    StructuralFeatures f = new StructuralFeatures(PARAMS);
    double[] out = new double[f.width() + 10];
    Arrays.fill(out, -777);
    f.compute(BP, BQ, 4, AP, AQ, 3, out, 7);
    for (int i = 0; i < 7; i++) {
      assertThat(out[i]).isEqualTo(-777);
    }
    for (int i = 7 + f.width(); i < out.length; i++) {
      assertThat(out[i]).isEqualTo(-777);
    }
    assertThat(out[7]).isEqualTo(99.9);
    assertThat(out[7 + f.width() - 1]).isEqualTo(0.0); // book_crossed last
  }
}
