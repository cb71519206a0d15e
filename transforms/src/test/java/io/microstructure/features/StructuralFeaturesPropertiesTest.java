package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class StructuralFeaturesPropertiesTest {

  private static final int MAX_LEVELS = 8;
  private static final int[] DEPTHS = {1, 2, 3, 5, 8};
  private static final double[] BANDS = {2.5, 10, 25, 50, 100, 1000};
  private static final StructuralFeatures FEATURES =
      new StructuralFeatures(
          FeatureParameters.builder()
              .maxLevels(MAX_LEVELS)
              .depthLevels(DEPTHS)
              .depthBandsBps(BANDS)
              .ofiLevels(MAX_LEVELS)
              .build());

  /** A side as the engine hands it over: arrays possibly longer than the count. */
  record Side(double[] price, double[] amount, int count) {}

  record Book(Side bids, Side asks) {
    double[] compute() {
      double[] out = new double[FEATURES.width()];
      FEATURES.compute(
          bids.price, bids.amount, bids.count, asks.price, asks.amount, asks.count, out, 0);
      return out;
    }
  }

  private static Arbitrary<Side> side(boolean bid) {
    Arbitrary<Double> base = Arbitraries.doubles().between(0.5, 120_000);
    Arbitrary<double[]> steps =
        Arbitraries.doubles().between(0, 0.01).array(double[].class).ofMinSize(0).ofMaxSize(12);
    Arbitrary<double[]> amounts =
        Arbitraries.doubles().between(0, 50).array(double[].class).ofSize(12);
    Arbitrary<Integer> padding = Arbitraries.integers().between(0, 3);
    return Combinators.combine(base, steps, amounts, padding)
        .as(
            (b, st, am, pad) -> {
              int n = st.length;
              double[] price = new double[n + pad];
              double[] amount = new double[n + pad];
              double p = b;
              for (int i = 0; i < n; i++) {
                // bids fall and asks rise away from the top by a random relative step
                p = bid ? p * (1 - st[i]) : p * (1 + st[i]);
                price[i] = p;
                amount[i] = am[i];
              }
              Arrays.fill(price, n, n + pad, Double.NaN); // garbage beyond the count
              Arrays.fill(amount, n, n + pad, 1e12);
              return new Side(price, amount, n);
            });
  }

  @Provide
  Arbitrary<Book> books() {
    return Combinators.combine(side(true), side(false)).as(Book::new);
  }

  private static double col(double[] out, String name) {
    int i = FEATURES.columnNames().indexOf(name);
    assertThat(i).as(name).isNotNegative();
    return out[i];
  }

  private static void assertImbalance(double v, double a, double b) {
    if (a == 0 && b == 0) {
      assertThat(v).isNaN();
    } else {
      assertThat(v).isBetween(-1.0, 1.0);
    }
  }

  @Property
  void imbalancesLieInMinusOneToOne(@ForAll("books") Book book) {
    double[] out = book.compute();
    for (int l : DEPTHS) {
      String s = FeatureNames.suffix(l);
      assertImbalance(
          col(out, "imbalance_" + s), col(out, "bid_depth_" + s), col(out, "ask_depth_" + s));
    }
    if (book.bids.count > 0 && book.asks.count > 0) {
      for (double b : BANDS) {
        String s = FeatureNames.suffix(b);
        assertImbalance(
            col(out, "band_imbalance_" + s),
            col(out, "bid_band_depth_" + s),
            col(out, "ask_band_depth_" + s));
      }
    }
  }

  @Property
  void depthIsMonotoneInLevelsAndBandDepthInBand(@ForAll("books") Book book) {
    double[] out = book.compute();
    for (String sideName : List.of("bid", "ask")) {
      double prev = 0;
      for (int l : DEPTHS) {
        double d = col(out, sideName + "_depth_" + FeatureNames.suffix(l));
        assertThat(d).isGreaterThanOrEqualTo(prev);
        prev = d;
      }
      double total = prev; // DEPTHS ends at max_levels
      double prevBand = 0;
      for (double b : BANDS) {
        double d = col(out, sideName + "_band_depth_" + FeatureNames.suffix(b));
        if (Double.isNaN(d)) {
          continue; // no mid
        }
        assertThat(d).isGreaterThanOrEqualTo(prevBand).isLessThanOrEqualTo(total);
        prevBand = d;
      }
    }
  }

  @Property
  void micropriceLiesBetweenTheBestPrices(@ForAll("books") Book book) {
    double[] out = book.compute();
    double bid = col(out, "best_bid");
    double ask = col(out, "best_ask");
    double micro = col(out, "microprice");
    if (Double.isNaN(bid) || Double.isNaN(ask)) {
      assertThat(micro).isNaN();
      return;
    }
    double slack = 1e-12 * Math.max(bid, ask);
    assertThat(micro).isBetween(Math.min(bid, ask) - slack, Math.max(bid, ask) + slack);
    assertThat(col(out, "book_crossed")).isEqualTo(bid >= ask ? 1.0 : 0.0);
  }

  @Property
  void levelCountsAreCappedAndDepthsNeverNull(@ForAll("books") Book book) {
    double[] out = book.compute();
    assertThat(col(out, "bid_levels")).isEqualTo(Math.min(book.bids.count, MAX_LEVELS));
    assertThat(col(out, "ask_levels")).isEqualTo(Math.min(book.asks.count, MAX_LEVELS));
    for (int l : DEPTHS) {
      assertThat(col(out, "bid_depth_" + l)).isNotNaN();
      assertThat(col(out, "ask_depth_" + l)).isNotNaN();
    }
  }
}
