package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TradeWindowFeaturesTest {
  private static final long SEC = 1_000_000L;
  private static final int COUNT = 0;
  private static final int VOLUME = 1;
  private static final int TFI = 2;
  private static final int VWAP = 3;

  private static double[][] compute(
      long[] ts, boolean[] buy, double[] price, double[] amount, long h) {
    double[][] out = new double[TradeWindowFeatures.WIDTH][ts.length];
    new TradeWindowFeatures().compute(ts.length, ts, buy, price, amount, h, out);
    return out;
  }

  private static void assertRow(
      double[][] out, int i, double count, double volume, double tfi, double vwap) {
    assertClose("trade_count row " + i, count, out[COUNT][i]);
    assertClose("trade_volume row " + i, volume, out[VOLUME][i]);
    assertClose("tfi row " + i, tfi, out[TFI][i]);
    assertClose("vwap row " + i, vwap, out[VWAP][i]);
  }

  @Test
  void columnNamesCarryTheHorizonLiterally() {
    assertThat(TradeWindowFeatures.columnNames(60))
        .containsExactly("trade_count_60", "trade_volume_60", "tfi_60", "vwap_60");
    assertThat(TradeWindowFeatures.columnNames(900)).hasSize(TradeWindowFeatures.WIDTH);
  }

  @Test
  void handWorkedWindowWithBoundaryTiesAndAZeroTrade() {
    long[] ts = {0, 3 * SEC, 3 * SEC, 10 * SEC, 12_500_000};
    boolean[] buy = {true, false, true, false, true};
    double[] price = {100, 101, 102, 99, 100};
    double[] amount = {2, 1, 0, 3, 4};
    double[][] out = compute(ts, buy, price, amount, 10 * SEC);
    // row 0: {0}: buy 2 @ 100 -> count 1, volume 2, tfi 2/2 = 1, vwap 100
    assertRow(out, 0, 1, 2, 1, 100);
    // row 1: {0, 1} (ts > 3 − 10 s): buy 2, sell 1 -> volume 3, tfi (2 − 1)/3, vwap (200 + 101)/3
    assertRow(out, 1, 2, 3, 1.0 / 3, 301.0 / 3);
    // row 2: same ts as row 1 but later in order, so {0, 1, 2}; the zero trade adds a count only
    assertRow(out, 2, 3, 3, 1.0 / 3, 301.0 / 3);
    // row 3 at 10 s: window ts > 10 − 10 = 0 excludes trade 0 at exactly t − H -> {1, 2, 3}:
    // sell 1 + sell 3 = 4, buy 0 -> tfi (0 − 4)/4 = −1, vwap (101 + 0 + 99·3)/4 = 398/4 = 99.5
    assertRow(out, 3, 3, 4, -1, 99.5);
    // row 4 at 12.5 s: ts > 2.5 s -> {1, 2, 3, 4}: buy 4, sell 4 -> volume 8, tfi 0,
    // vwap (101 + 297 + 400)/8 = 798/8 = 99.75
    assertRow(out, 4, 4, 8, 0, 99.75);
  }

  @Test
  void tradeOneMicrosecondInsideTheHorizonCounts() {
    long[] ts = {0, 10 * SEC - 1, 10 * SEC};
    boolean[] buy = {true, true, false};
    double[] price = {10, 20, 30};
    double[] amount = {1, 1, 2};
    double[][] out = compute(ts, buy, price, amount, 10 * SEC);
    // row 1: 0 > (10 s − 1 µs) − 10 s = −1 µs: trade 0 is in -> count 2, volume 2, tfi 1,
    // vwap (10 + 20)/2 = 15
    assertRow(out, 1, 2, 2, 1, 15);
    // row 2: 0 > 0 is false: trade 0 is out -> {1, 2}: buy 1, sell 2 -> tfi (1 − 2)/3,
    // vwap (20 + 60)/3 = 80/3
    assertRow(out, 2, 2, 3, -1.0 / 3, 80.0 / 3);
  }

  @Test
  void windowWithoutVolumeHasNullTfiAndVwap() {
    long[] ts = {0, 100 * SEC, 101 * SEC};
    boolean[] buy = {true, false, true};
    double[] price = {50, 51, 52};
    double[] amount = {5, 0, 0};
    double[][] out = compute(ts, buy, price, amount, 10 * SEC);
    assertRow(out, 0, 1, 5, 1, 50);
    // rows 1 and 2: trade 0 left the window, only zero-amount trades remain -> count 1 and 2,
    // volume 0, tfi and vwap null
    assertRow(out, 1, 1, 0, Double.NaN, Double.NaN);
    assertRow(out, 2, 2, 0, Double.NaN, Double.NaN);
  }

  @Test
  void longGapsEmptyTheWindowAndTheInstanceIsReusable() {
    TradeWindowFeatures f = new TradeWindowFeatures();
    long[] ts = {0, 1 * SEC, 500 * SEC, 501 * SEC, 502 * SEC, 0};
    boolean[] buy = {true, true, false, false, true, true};
    double[] price = {1, 2, 3, 4, 5, 99};
    double[] amount = {1, 1, 1, 1, 2, 99};
    double[][] out = new double[TradeWindowFeatures.WIDTH][6];
    // Only the first 5 trades (the 6th array slot is padding), horizon 5 s.
    f.compute(5, ts, buy, price, amount, 5 * SEC, out);
    // row 1: {0, 1}: buy 2 -> tfi 1, vwap (1 + 2)/2 = 1.5
    assertRow(out, 1, 2, 2, 1, 1.5);
    // row 2 after a 499 s gap: {2} alone
    assertRow(out, 2, 1, 1, -1, 3);
    // row 4: {2, 3, 4}: sell 1 + 1, buy 2 -> volume 4, tfi 0, vwap (3 + 4 + 10)/4 = 4.25
    assertRow(out, 4, 3, 4, 0, 4.25);
    assertThat(out[COUNT][5]).isZero(); // padding untouched

    // The same instance on a different, shorter series gives what a fresh one gives.
    long[] ts2 = {7, 8};
    boolean[] buy2 = {false, true};
    double[] price2 = {10, 30};
    double[] amount2 = {3, 1};
    double[][] again = new double[TradeWindowFeatures.WIDTH][2];
    f.compute(2, ts2, buy2, price2, amount2, 5 * SEC, again);
    // row 1: sell 3 @ 10, buy 1 @ 30 -> tfi (1 − 3)/4 = −0.5, vwap (30 + 30)/4 = 15
    assertRow(again, 1, 2, 4, -0.5, 15);
  }

  @Test
  void emptyInputWritesNothingAndBadArgumentsThrow() {
    double[][] out = new double[TradeWindowFeatures.WIDTH][0];
    TradeWindowFeatures f = new TradeWindowFeatures();
    f.compute(0, new long[0], new boolean[0], new double[0], new double[0], SEC, out);
    long[] ts = {0};
    boolean[] buy = {true};
    double[] one = {1};
    assertThatThrownBy(() -> f.compute(1, ts, buy, one, one, 0, new double[4][1]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> f.compute(1, ts, buy, one, one, SEC, new double[3][1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
