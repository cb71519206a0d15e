package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TradeFlowTest {

  @Test
  void mixedTrades() {
    TradeFlow f = new TradeFlow();
    f.add(true, 100, 1);
    f.add(true, 101, 2);
    f.add(false, 99, 4);
    assertThat(f.buyVolume()).isEqualTo(3.0); // 1 + 2
    assertThat(f.sellVolume()).isEqualTo(4.0);
    assertThat(f.count()).isEqualTo(3);
    assertThat(f.signedVolume()).isEqualTo(-1.0); // 3 - 4
    assertClose("tfi", -1.0 / 7, f.tfi()); // (3 - 4) / (3 + 4)
    // (100*1 + 101*2 + 99*4) / 7 = (100 + 202 + 396) / 7 = 698 / 7
    assertClose("vwap", 698.0 / 7, f.vwap());
  }

  @Test
  void noTradesGiveZerosAndNulls() {
    TradeFlow f = new TradeFlow();
    assertThat(f.buyVolume()).isEqualTo(0.0);
    assertThat(f.sellVolume()).isEqualTo(0.0);
    assertThat(f.count()).isZero();
    assertThat(f.signedVolume()).isEqualTo(0.0);
    assertThat(f.tfi()).isNaN();
    assertThat(f.vwap()).isNaN();
  }

  @Test
  void zeroAmountTradesCountButLeaveTfiAndVwapNull() {
    TradeFlow f = new TradeFlow();
    f.add(true, 100, 0);
    assertThat(f.count()).isEqualTo(1);
    assertThat(f.tfi()).isNaN();
    assertThat(f.vwap()).isNaN();
  }

  @Test
  void oneSidedFlow() {
    TradeFlow f = new TradeFlow();
    f.add(false, 50, 2);
    f.add(false, 52, 2);
    assertThat(f.tfi()).isEqualTo(-1.0); // (0 - 4) / 4
    assertClose("vwap", 51, f.vwap()); // (100 + 104) / 4
  }

  @Test
  void volumesThatCancelUpToRoundingGiveExactlyZero() {
    TradeFlow f = new TradeFlow();
    f.add(true, 100, 0.1);
    f.add(true, 100, 0.2);
    f.add(false, 100, 0.3);
    // In doubles 0.1 + 0.2 = 0.30000000000000004: the raw difference is 2^-54 ≈ 5.55e-17, far
    // below 1e-9·0.6, so the volumes cancel.
    assertThat(f.buyVolume() - f.sellVolume()).isEqualTo(0x1p-54);
    assertThat(f.signedVolume()).isEqualTo(0.0);
    assertThat(f.tfi()).isEqualTo(0.0);
  }

  @Test
  void aDifferenceAboveTheRelativeBoundIsKept() {
    TradeFlow f = new TradeFlow();
    f.add(true, 100, 1.0);
    f.add(false, 100, 1.0 - 1e-8); // 1e-8 > 1e-9·(2 − 1e-8)
    assertClose("signed", 1e-8, f.signedVolume());
    assertThat(f.signedVolume()).isPositive();
  }

  @Test
  void resetStartsANewInterval() {
    TradeFlow f = new TradeFlow();
    f.add(true, 100, 5);
    f.reset();
    f.add(false, 200, 1);
    assertThat(f.buyVolume()).isEqualTo(0.0);
    assertThat(f.sellVolume()).isEqualTo(1.0);
    assertThat(f.count()).isEqualTo(1);
    assertThat(f.vwap()).isEqualTo(200.0);
  }
}
