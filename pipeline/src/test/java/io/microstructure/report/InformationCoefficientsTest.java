package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The IC table of a frame: features against every fwd_return_H (sorted by horizon), flags, times
 * and labels left out of the features, each cell equal to Spearman's rho over that pair's complete
 * rows.
 */
class InformationCoefficientsTest {
  private static final double NaN = Double.NaN;

  @Test
  void everyQuantityAgainstEveryHorizon() {
    // Hand-worked: a = 1..5 against fwd_return_5 = 5..1 is -1 and against fwd_return_60 = 1..5 is 1;
    // b has a null in row 2, so its pairs with fwd_return_60 (null in row 4) are rows 0, 1, 3:
    // b = 3, 1, 2 against 1, 2, 4 -> ranks 3, 1, 2 against 1, 2, 3: d^2 = 4 + 1 + 1, rho = 1 - 36/24 = -0.5.
    Frame f = new Frame(5, List.of(
        new Column.Numbers("capture_ts", Column.Kind.TIMESTAMP, new double[] {1, 2, 3, 4, 5}, 0),
        new Column.Numbers("fwd_return_60", Column.Kind.DOUBLE, new double[] {1, 2, 3, 4, NaN}, 1),
        new Column.Numbers("a", Column.Kind.DOUBLE, new double[] {1, 2, 3, 4, 5}, 0),
        new Column.Numbers("crossed", Column.Kind.BOOLEAN, new double[] {0, 1, 0, 1, 0}, 0),
        new Column.Texts("spread_regime", new String[] {"normal", null, null, null, null}, 4),
        new Column.Numbers("b", Column.Kind.LONG, new double[] {3, 1, NaN, 2, 7}, 1),
        new Column.Numbers("fwd_return_5", Column.Kind.DOUBLE, new double[] {5, 4, 3, 2, 1}, 0)));
    InformationCoefficients ic = InformationCoefficients.of(f);
    assertThat(ic.horizons()).containsExactly("fwd_return_5", "fwd_return_60");
    assertThat(ic.rows()).extracting(InformationCoefficients.Row::feature).containsExactly("a", "b");
    assertThat(ic.ic("a", "fwd_return_5").orElseThrow().rho()).isCloseTo(-1, within(1e-12));
    assertThat(ic.ic("a", "fwd_return_60").orElseThrow()).isEqualTo(new Spearman.Result(1.0, 4));
    assertThat(ic.ic("b", "fwd_return_60").orElseThrow().pairs()).isEqualTo(3);
    assertThat(ic.ic("b", "fwd_return_60").orElseThrow().rho()).isCloseTo(-0.5, within(1e-12));
  }

  @Test
  void sharedNullPatternsGiveTheSameAnswerAsEachPairAlone() {
    Random r = new Random(3);
    int n = 2000;
    double[] label = new double[n];
    double[][] features = new double[6][n];
    for (int i = 0; i < n; i++) {
      label[i] = i > n - 50 ? NaN : r.nextGaussian();
      for (int k = 0; k < features.length; k++) {
        // Features 0-2 share a null pattern (every 100th row), 3-5 have none; values with ties.
        boolean nul = k < 3 && i % 100 == 0;
        features[k][i] = nul ? NaN : Math.round((k * 0.2 * nz(label[i]) + r.nextGaussian()) * 3) / 3.0;
      }
    }
    java.util.ArrayList<Column> cols = new java.util.ArrayList<>();
    cols.add(new Column.Numbers("fwd_return_60", Column.Kind.DOUBLE, label, 49));
    for (int k = 0; k < features.length; k++) {
      cols.add(new Column.Numbers("f" + k, Column.Kind.DOUBLE, features[k], 0));
    }
    InformationCoefficients ic = InformationCoefficients.of(new Frame(n, cols));
    for (int k = 0; k < features.length; k++) {
      Spearman.Result alone = Spearman.of(features[k], label);
      Spearman.Result inTable = ic.ic("f" + k, "fwd_return_60").orElseThrow();
      assertThat(inTable.pairs()).isEqualTo(alone.pairs());
      assertThat(inTable.rho()).isCloseTo(alone.rho(), within(1e-12));
    }
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
