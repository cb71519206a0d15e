package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spearman's rho on hand-worked cases, and properties against a naive reference in this test. */
class SpearmanTest {
  private static final double NaN = Double.NaN;

  @Test
  void textbookCaseWithoutTies() {
    // IQ against hours of TV per week (Wikipedia, "Spearman's rank correlation coefficient"):
    // sum of d^2 = 194, rho = 1 - 6*194 / (10*99) = -29/165.
    double[] iq = {106, 100, 86, 101, 99, 103, 97, 113, 112, 110};
    double[] tv = {7, 27, 2, 50, 28, 29, 20, 12, 6, 17};
    Spearman.Result r = Spearman.of(iq, tv);
    assertThat(r.pairs()).isEqualTo(10);
    assertThat(r.rho()).isCloseTo(-29.0 / 165.0, within(1e-12));
  }

  @Test
  void tiesGetTheAverageRank() {
    // x ranks 1, 2.5, 2.5, 4; y ranks 1, 3, 2, 4; both centred on 2.5:
    // dx = -1.5, 0, 0, 1.5; dy = -1.5, 0.5, -0.5, 1.5; sxy = 4.5, sxx = 4.5, syy = 5.
    Spearman.Result r = Spearman.of(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4});
    assertThat(r.rho()).isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-12));

    // x ranks 1, 3, 3, 3, 5 against 1..5: dx = -2, 0, 0, 0, 2; dy = -2..2; sxy = 8, sxx = 8, syy = 10.
    Spearman.Result r2 = Spearman.of(new double[] {10, 20, 20, 20, 30}, new double[] {1, 2, 3, 4, 5});
    assertThat(r2.rho()).isCloseTo(8 / Math.sqrt(80), within(1e-12));

    // Ties on both sides that cancel: ranks 1.5, 1.5, 3.5, 3.5 against 1.5, 3.5, 1.5, 3.5.
    assertThat(Spearman.of(new double[] {1, 1, 2, 2}, new double[] {1, 2, 1, 2}).rho())
        .isCloseTo(0, within(1e-12));
  }

  @Test
  void rowsWithANullOnEitherSideAreLeftOut() {
    // Pairs left: (1, 2), (3, 1), (4, 4), (5, 3); ranks x 1, 2, 3, 4, y 2, 1, 4, 3;
    // sum of d^2 = 4, rho = 1 - 6*4 / (4*15) = 0.6. The ranks are those of the 4 pairs only.
    double[] x = {1, NaN, 2, 3, 4, 5};
    double[] y = {2, 9, NaN, 1, 4, 3};
    Spearman.Result r = Spearman.of(x, y);
    assertThat(r.pairs()).isEqualTo(4);
    assertThat(r.rho()).isCloseTo(0.6, within(1e-12));
  }

  @Test
  void undefinedWithoutVariationOrWithFewerThanThreePairs() {
    assertThat(Spearman.of(new double[] {1, 1, 1, 1}, new double[] {1, 2, 3, 4}).defined()).isFalse();
    Spearman.Result two = Spearman.of(new double[] {1, 2, NaN}, new double[] {2, 1, 3});
    assertThat(two.defined()).isFalse();
    assertThat(two.pairs()).isEqualTo(2);
    assertThat(Spearman.of(new double[] {}, new double[] {}).pairs()).isZero();
  }

  @Test
  void minusZeroTiesWithZero() {
    // -0.0 and 0.0 are the same number: ranks 1.5, 1.5, 3 against 1, 2, 3 (sxy = 1.5, sxx = 1.5, syy = 2).
    assertThat(Spearman.of(new double[] {-0.0, 0.0, 1}, new double[] {1, 2, 3}).rho())
        .isCloseTo(1.5 / Math.sqrt(1.5 * 2), within(1e-12));
  }

  @Test
  void propertiesOnRandomColumnsWithTiesAndNulls() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 3 + random.nextInt(60);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextInt(10) < 1 ? NaN : Math.round(random.nextGaussian() * 4) / 2.0; // ties
        y[i] = random.nextInt(10) < 1 ? NaN : x[i] * 0.3 + random.nextGaussian();
      }
      Spearman.Result r = Spearman.of(x, y);
      double[] ref = naive(x, y);
      assertThat(r.pairs()).isEqualTo((int) ref[1]);
      if (Double.isNaN(ref[0])) {
        assertThat(r.defined()).isFalse();
        continue;
      }
      assertThat(r.rho()).isCloseTo(ref[0], within(1e-9));
      // Symmetric; a strictly increasing transform of x changes nothing; negating x flips the sign.
      assertThat(Spearman.of(y, x).rho()).isCloseTo(r.rho(), within(1e-12));
      double[] monotone = new double[n];
      double[] negated = new double[n];
      for (int i = 0; i < n; i++) {
        monotone[i] = Math.exp(x[i]) * 3 + 7;
        negated[i] = -x[i];
      }
      assertThat(Spearman.of(monotone, y).rho()).isCloseTo(r.rho(), within(1e-12));
      assertThat(Spearman.of(negated, y).rho()).isCloseTo(-r.rho(), within(1e-12));
      // IC(x, x) = 1 and IC(x, -x) = -1 whenever x varies.
      double[] xx = naive(x, x);
      if (!Double.isNaN(xx[0])) {
        assertThat(Spearman.of(x, x).rho()).isCloseTo(1, within(1e-12));
        assertThat(Spearman.of(x, negated).rho()).isCloseTo(-1, within(1e-12));
      }
    }
  }

  /**
   * Reference written apart from the code under test: O(n^2) average ranks (1 + smaller values +
   * half the other equal values) over the complete pairs, then Pearson's formula. {rho, pairs}.
   */
  private static double[] naive(double[] x, double[] y) {
    int m = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        m++;
      }
    }
    double[] a = new double[m];
    double[] b = new double[m];
    for (int i = 0, k = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        a[k] = x[i];
        b[k++] = y[i];
      }
    }
    if (m < 3) {
      return new double[] {NaN, m};
    }
    double[] ra = naiveRanks(a);
    double[] rb = naiveRanks(b);
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < m; i++) {
      ma += ra[i] / m;
      mb += rb[i] / m;
    }
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < m; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return new double[] {saa < 1e-12 || sbb < 1e-12 ? NaN : sab / Math.sqrt(saa * sbb), m};
  }

  private static double[] naiveRanks(double[] v) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int less = 0;
      int equal = 0;
      for (double w : v) {
        if (w < v[i]) {
          less++;
        } else if (w == v[i]) {
          equal++;
        }
      }
      r[i] = 1 + less + (equal - 1) / 2.0;
    }
    return r;
  }
}
