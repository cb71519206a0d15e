package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistogramTest {
  @Test
  void equalWidthBinsClosedOnTheLeftAndTheLastBinOnBothSides() {
    // 0..9 over [0, 10) in bins of 2: two values each.
    double[] tens = IntStream.range(0, 10).asDoubleStream().toArray();
    Histogram h = Histogram.of(tens, 5, 0, 10);
    assertThat(h.counts()).containsExactly(2, 2, 2, 2, 2);
    assertThat(h.binStart(1)).isEqualTo(2);
    assertThat(h.binEnd(4)).isEqualTo(10);
    // 5 is the start of the second bin of [0, 10] in two; 10 (= hi) goes into the last.
    assertThat(Histogram.of(new double[] {0, 4.999, 5, 10}, 2, 0, 10).counts()).containsExactly(2, 2);
  }

  @Test
  void outOfRangeAndMissingValuesAreCountedApart() {
    Histogram h = Histogram.of(new double[] {-1, 0.5, 11, Double.NaN, 9.5}, 2, 0, 10);
    assertThat(h.counts()).containsExactly(1, 1);
    assertThat(h.below()).isEqualTo(1);
    assertThat(h.above()).isEqualTo(1);
    assertThat(h.missing()).isEqualTo(1);
    assertThat(h.inRange()).isEqualTo(2);
  }

  @Test
  void aSingleValueRangePutsEverythingInTheFirstBin() {
    assertThat(Histogram.of(new double[] {3, 3, 3}, 4, 3, 3).counts()).containsExactly(3, 0, 0, 0);
  }

  @Test
  void robustRangeLeavesTheTailsOut() {
    // 1..1000 and one outlier of 1e9: 1,001 sorted values; the 0.5 % quantile is at position
    // 1000 * 0.005 = 5 (value 6), the 99.5 % one at 995 (value 996). Below: 1..5; above: 997..1000
    // and the outlier.
    double[] v = new double[1001];
    for (int i = 0; i < 1000; i++) {
      v[i] = i + 1;
    }
    v[1000] = 1e9;
    Histogram h = Histogram.robust(v, 10);
    assertThat(h.lo()).isCloseTo(6, within(1e-9));
    assertThat(h.hi()).isCloseTo(996, within(1e-9));
    assertThat(h.below()).isEqualTo(5);
    assertThat(h.above()).isEqualTo(5);
    assertThat(h.inRange()).isEqualTo(991);
    // 99 values per bin of width 99 from 6, the last bin also holding 996.
    assertThat(h.counts()).containsExactly(99, 99, 99, 99, 99, 99, 99, 99, 99, 100);
    assertThat(Histogram.robust(new double[] {Double.NaN}, 10)).isNull();
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(Histogram.quantile(sorted, 0.5)).isEqualTo(2.5);
    assertThat(Histogram.quantile(sorted, 0)).isEqualTo(1);
    assertThat(Histogram.quantile(sorted, 1)).isEqualTo(4);
  }
}
