package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TickerFeaturesTest {
  private static final double NULL = Double.NaN;
  private static final int W = TickerFeatures.COLUMNS.size();

  private static double[] next(
      TickerFeatures f,
      double bid,
      double ask,
      double last,
      double base,
      double quote,
      double pct) {
    double[] out = new double[W];
    f.next(bid, ask, last, base, quote, pct, out, 0);
    return out;
  }

  private static void assertRow(double[] row, double... expected) {
    for (int c = 0; c < W; c++) {
      assertClose(TickerFeatures.COLUMNS.get(c), expected[c], row[c]);
    }
  }

  @Test
  void columns() {
    assertThat(TickerFeatures.COLUMNS)
        .containsExactly(
            "ticker_mid",
            "ticker_spread_bps",
            "last",
            "base_volume",
            "quote_volume",
            "percentage",
            "ticker_log_return");
  }

  @Test
  void handWorkedSequenceWithNulls() {
    TickerFeatures f = new TickerFeatures();
    // mid (99 + 101)/2 = 100, spread 1e4·(101 − 99)/100 = 200 bps; first row: no return
    assertRow(next(f, 99, 101, 100, 10, 1000, 1.5), 100, 200, 100, 10, 1000, 1.5, NULL);
    // mid (100 + 100.5)/2 = 100.25, spread 1e4·0.5/100.25 = 5000/100.25; return ln(101/100)
    assertRow(
        next(f, 100, 100.5, 101, 11, 1111, NULL),
        100.25,
        5000 / 100.25,
        101,
        11,
        1111,
        NULL,
        Math.log(101.0 / 100));
    // bid null: mid and spread null; last null: return null; other fields pass through
    assertRow(next(f, NULL, 102, NULL, 12, NULL, -0.5), NULL, NULL, NULL, 12, NULL, -0.5, NULL);
    // the previous row's last was null: null, not ln(102/101) (no bridging over a null last)
    assertRow(
        next(f, 101, 103, 102, NULL, NULL, NULL), 102, 1e4 * 2 / 102, 102, NULL, NULL, NULL, NULL);
    // last unchanged: ln(102/102) = 0
    assertRow(
        next(f, 101, 103, 102, NULL, NULL, NULL), 102, 1e4 * 2 / 102, 102, NULL, NULL, NULL, 0);
  }

  @Test
  void crossedTickerGivesANegativeSpread() {
    // mid (101 + 100)/2 = 100.5, spread 1e4·(100 − 101)/100.5 = −10000/100.5
    double[] row = next(new TickerFeatures(), 101, 100, NULL, NULL, NULL, NULL);
    assertClose("mid", 100.5, row[0]);
    assertClose("spread_bps", -10000 / 100.5, row[1]);
  }

  @Test
  void nonPositivePricesGiveNullsNotInfinities() {
    TickerFeatures f = new TickerFeatures();
    // mid (0 + 0)/2 = 0: the spread would divide by 0
    double[] row = next(f, 0, 0, 0, NULL, NULL, NULL);
    assertThat(row[0]).isEqualTo(0.0);
    assertThat(row[1]).isNaN();
    // the previous last was 0: ln(5/0) is not a return
    assertThat(next(f, NULL, NULL, 5, NULL, NULL, NULL)[6]).isNaN();
    // and neither is ln(0/5)
    assertThat(next(f, NULL, NULL, 0, NULL, NULL, NULL)[6]).isNaN();
  }

  @Test
  void resetStartsANewKey() {
    TickerFeatures f = new TickerFeatures();
    next(f, 1, 2, 100, 0, 0, 0);
    f.reset();
    // the new key's first row has no return even though the old key had a last
    assertThat(next(f, 1, 2, 110, 0, 0, 0)[6]).isNaN();
    // then ln(121/110) = ln(1.1)
    assertClose("return", Math.log(1.1), next(f, 1, 2, 121, 0, 0, 0)[6]);
  }

  @Test
  void writesExactlyItsColumnsAtTheOffset() {
    double[] out = new double[W + 4];
    Arrays.fill(out, -7);
    new TickerFeatures().next(99, 101, 100, 1, 2, 3, out, 2);
    assertThat(out[0]).isEqualTo(-7);
    assertThat(out[1]).isEqualTo(-7);
    assertThat(Arrays.copyOfRange(out, 2, 2 + W))
        .containsExactly(100, 200, 100, 1, 2, 3, Double.NaN);
    assertThat(out[2 + W]).isEqualTo(-7);
    assertThat(out[3 + W]).isEqualTo(-7);
  }
}
