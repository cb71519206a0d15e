package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;

class OrderFlowImbalancePropertiesTest {

  private static final int M = 6;

  @Provide
  Arbitrary<double[]> prices() {
    return Arbitraries.doubles().between(1, 1000).array(double[].class).ofSize(M);
  }

  @Provide
  Arbitrary<double[]> amounts() {
    return Arbitraries.doubles().between(0, 100).array(double[].class).ofSize(M);
  }

  @Property
  void identicalConsecutiveBooksHaveZeroFlowAtEveryLevel(
      @ForAll("prices") double[] bp,
      @ForAll("amounts") double[] bq,
      @ForAll("prices") double[] ap,
      @ForAll("amounts") double[] aq,
      @ForAll @IntRange(min = 0, max = M) int bidCount,
      @ForAll @IntRange(min = 0, max = M) int askCount) {
    OrderFlowImbalance ofi = new OrderFlowImbalance(M, 0.5);
    double[] out = new double[M];
    double mlofi =
        ofi.compute(bp, bq, bidCount, ap, aq, askCount, bp, bq, bidCount, ap, aq, askCount, out);
    for (int m = 0; m < M; m++) {
      if (m < Math.min(bidCount, askCount)) {
        assertThat(out[m]).isEqualTo(0.0);
      } else {
        assertThat(out[m]).isNaN();
      }
    }
    assertThat(mlofi).isEqualTo(0.0);
  }

  @Property
  void reversingTimeNegatesTheFlow(@ForAll("prices") double[] p, @ForAll("amounts") double[] q) {
    // e(prev -> cur) = -e(cur -> prev): each indicator pair swaps roles
    double forward = OrderFlowImbalance.levelFlow(p[0], q[0], p[1], q[1], p[2], q[2], p[3], q[3]);
    double backward = OrderFlowImbalance.levelFlow(p[1], q[1], p[0], q[0], p[3], q[3], p[2], q[2]);
    // the terms are summed in a different order, so allow rounding relative to their size
    double scale = q[0] + q[1] + q[2] + q[3];
    assertThat(backward).isCloseTo(-forward, Offset.offset(1e-12 * scale));
  }
}
