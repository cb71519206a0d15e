package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OrderFlowImbalanceTest {

  @Test
  void goldenCase() {
    // bid 100x10 -> 100x15: +15 - 10 = 5 ; ask 101x10 -> 101x8: -8 + 10 = 2 ; e = 7
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100, 15, 101, 10, 101, 8)).isEqualTo(7.0);
  }

  @Test
  void bidPriceUp() {
    // bid 100x10 -> 100.5x4: only b_n >= b_n-1 holds -> +4 ; ask unchanged 101x10: -10 + 10 = 0
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100.5, 4, 101, 10, 101, 10)).isEqualTo(4.0);
  }

  @Test
  void bidPriceDown() {
    // bid 100x10 -> 99.5x4: only b_n <= b_n-1 holds -> -10 ; ask unchanged -> 0
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 99.5, 4, 101, 10, 101, 10)).isEqualTo(-10.0);
  }

  @Test
  void askPriceUp() {
    // ask 101x10 -> 101.5x3: only a_n >= a_n-1 holds -> +10 ; bid unchanged 100x10 -> 0
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100, 10, 101, 10, 101.5, 3)).isEqualTo(10.0);
  }

  @Test
  void askPriceDown() {
    // ask 101x10 -> 100.5x3: only a_n <= a_n-1 holds -> -3 ; bid unchanged -> 0
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100, 10, 101, 10, 100.5, 3)).isEqualTo(-3.0);
  }

  @Test
  void absentPriceGivesNull() {
    double nan = Double.NaN;
    assertThat(OrderFlowImbalance.levelFlow(nan, 0, 100, 15, 101, 10, 101, 8)).isNaN();
    assertThat(OrderFlowImbalance.levelFlow(100, 10, nan, 0, 101, 10, 101, 8)).isNaN();
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100, 15, nan, 0, 101, 8)).isNaN();
    assertThat(OrderFlowImbalance.levelFlow(100, 10, 100, 15, 101, 10, nan, 0)).isNaN();
  }

  // prev: bids 100x10, 99x5      asks 101x10, 102x6
  // cur:  bids 100x15, 99.5x4    asks 101x8,  102x6
  private static final double[] PB = {100, 99, -1};
  private static final double[] PBQ = {10, 5, -1};
  private static final double[] PA = {101, 102, -1};
  private static final double[] PAQ = {10, 6, -1};
  private static final double[] CB = {100, 99.5, -1};
  private static final double[] CBQ = {15, 4, -1};
  private static final double[] CA = {101, 102, -1};
  private static final double[] CAQ = {8, 6, -1};

  @Test
  void multiLevelWithMLargerThanTheBook() {
    OrderFlowImbalance ofi = new OrderFlowImbalance(3, 0.5);
    double[] out = {-9, -9, -9, -9};
    double mlofi = ofi.compute(PB, PBQ, 2, PA, PAQ, 2, CB, CBQ, 2, CA, CAQ, 2, out);
    // level 1: golden case = 7
    // level 2: bid 99x5 -> 99.5x4: +4 ; ask 102x6 -> 102x6: -6 + 6 = 0 ; e = 4
    // level 3: absent everywhere -> null
    assertThat(out[0]).isEqualTo(7.0);
    assertThat(out[1]).isEqualTo(4.0);
    assertThat(out[2]).isNaN();
    assertThat(out[3]).isEqualTo(-9); // only M values written
    // mlofi = 7 + 4*exp(-0.5) = 7 + 4*0.6065306597126334 = 9.4261226388505336
    assertClose("mlofi", 9.4261226388505336, mlofi);
  }

  @Test
  void levelMissingOnOneSideIsNullAndCountsZero() {
    OrderFlowImbalance ofi = new OrderFlowImbalance(2, 0.5);
    double[] out = new double[2];
    // the current bid side lost its second level
    double mlofi = ofi.compute(PB, PBQ, 2, PA, PAQ, 2, CB, CBQ, 1, CA, CAQ, 2, out);
    assertThat(out[0]).isEqualTo(7.0);
    assertThat(out[1]).isNaN();
    assertThat(mlofi).isEqualTo(7.0); // 7 + 0
  }

  @Test
  void alphaZeroWeighsLevelsEqually() {
    OrderFlowImbalance ofi = new OrderFlowImbalance(2, 0.0);
    double[] out = new double[2];
    // 7 + 4 * exp(0) = 11
    assertThat(ofi.compute(PB, PBQ, 2, PA, PAQ, 2, CB, CBQ, 2, CA, CAQ, 2, out)).isEqualTo(11.0);
  }

  @Test
  void emptyBookGivesAllNullAndZeroMlofi() {
    OrderFlowImbalance ofi = new OrderFlowImbalance(2, 0.5);
    double[] out = new double[2];
    double[] none = new double[0];
    double mlofi = ofi.compute(none, none, 0, PA, PAQ, 2, CB, CBQ, 2, CA, CAQ, 2, out);
    assertThat(out[0]).isNaN();
    assertThat(out[1]).isNaN();
    assertThat(mlofi).isEqualTo(0.0);
  }

  @Test
  void columnNames() {
    assertThat(OrderFlowImbalance.columnNames(3))
        .containsExactly("ofi_1", "ofi_2", "ofi_3", "ofi", "mlofi", "ofi_ewm");
  }

  @Test
  void invalidParametersAreRejected() {
    assertThatThrownBy(() -> new OrderFlowImbalance(0, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderFlowImbalance(3, -0.1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderFlowImbalance(3, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
