package io.microstructure.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplerTest {
  @Test
  void keepsEachBucketsMinimumAndMaximumInTimeOrder() {
    // 10 rows in 2 buckets of 5: bucket 0 has its max (9) at t=1 and min (1) at t=3, bucket 1 its
    // min (0) at t=5 and max (8) at t=9.
    long[] t = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] v = {5, 9, 4, 1, 3, 0, 2, 6, 7, 8};
    MinMaxDownsampler.Series s = MinMaxDownsampler.downsample(t, v, null, 2);
    assertThat(s.times()).containsExactly(1, 3, 5, 9);
    assertThat(s.values()).containsExactly(9, 1, 0, 8);
  }

  @Test
  void boundsThePointsAndKeepsTheEnvelopeOfALongSeries() {
    Random r = new Random(1);
    int n = 36_000;
    long[] t = new long[n];
    double[] v = new double[n];
    double x = 100;
    for (int i = 0; i < n; i++) {
      t[i] = i * 100_000L; // 10 Hz
      x += r.nextGaussian();
      v[i] = i % 1000 == 0 ? Double.NaN : x;
    }
    MinMaxDownsampler.Series s = MinMaxDownsampler.downsample(t, v, null, 1000);
    assertThat(s.size()).isLessThanOrEqualTo(2000).isGreaterThan(1000);
    double max = Arrays.stream(v).filter(d -> !Double.isNaN(d)).max().orElseThrow();
    double min = Arrays.stream(v).filter(d -> !Double.isNaN(d)).min().orElseThrow();
    assertThat(Arrays.stream(s.values()).max().orElseThrow()).isEqualTo(max);
    assertThat(Arrays.stream(s.values()).min().orElseThrow()).isEqualTo(min);
    for (int k = 1; k < s.size(); k++) {
      assertThat(s.times()[k]).isGreaterThanOrEqualTo(s.times()[k - 1]);
    }
    for (int k = 0; k < s.size(); k++) {
      int row = (int) (s.times()[k] / 100_000L); // every point kept is an input point
      assertThat(s.values()[k]).isEqualTo(v[row]);
    }
  }

  @Test
  void aBreakEndsTheLineWithOneNaNPoint() {
    long[] t = new long[200];
    double[] v = new double[200];
    boolean[] breaks = new boolean[200];
    for (int i = 0; i < 200; i++) {
      t[i] = i < 100 ? i : 1000 + i; // a gap between rows 99 and 100
      v[i] = i;
    }
    breaks[100] = true;
    MinMaxDownsampler.Series s = MinMaxDownsampler.downsample(t, v, breaks, 50);
    int nans = 0;
    for (int k = 0; k < s.size(); k++) {
      if (Double.isNaN(s.values()[k])) {
        nans++;
        assertThat(s.values()[k - 1]).isEqualTo(99); // the last point before the gap
        assertThat(s.values()[k + 1]).isEqualTo(100); // and the first after it
      }
    }
    assertThat(nans).isEqualTo(1);
    assertThat(MinMaxDownsampler.downsample(new long[0], new double[0], null, 10).size()).isZero();
  }
}
