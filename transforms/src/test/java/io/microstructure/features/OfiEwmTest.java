package io.microstructure.features;

import static io.microstructure.features.StructuralFeaturesTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OfiEwmTest {
  private static final long TEN_SECONDS = 10_000_000L;

  @Test
  void startIsZero() {
    assertThat(new OfiEwm(TEN_SECONDS).start()).isEqualTo(0.0);
  }

  @Test
  void oneHalfLifeExactlyHalves() {
    OfiEwm ewm = new OfiEwm(TEN_SECONDS);
    ewm.start();
    assertThat(ewm.update(0, 8)).isEqualTo(8.0); // 0 * 2^0 + 8
    assertThat(ewm.update(TEN_SECONDS, 0)).isEqualTo(4.0); // 8 * 2^-1
    assertThat(ewm.update(2 * TEN_SECONDS, 1)).isEqualTo(2.0); // 4 * 2^-2 + 1
  }

  @Test
  void fractionalHalfLife() {
    OfiEwm ewm = new OfiEwm(TEN_SECONDS);
    ewm.start();
    ewm.update(0, 8);
    // 8 * 2^(-5/10) = 8 / sqrt(2) = 4 * sqrt(2) = 5.656854249492380...
    assertClose("ofi_ewm", 5.656854249492380195, ewm.update(5_000_000L, 0));
  }

  @Test
  void nullOfiAddsNothing() {
    OfiEwm ewm = new OfiEwm(TEN_SECONDS);
    ewm.start();
    ewm.update(100_000, 6); // 6
    assertThat(ewm.update(TEN_SECONDS, Double.NaN)).isEqualTo(3.0); // 6 * 1/2 + 0
  }

  @Test
  void restartForgetsThePast() {
    OfiEwm ewm = new OfiEwm(TEN_SECONDS);
    ewm.start();
    ewm.update(0, 8);
    assertThat(ewm.start()).isEqualTo(0.0);
    assertThat(ewm.update(0, 5)).isEqualTo(5.0); // not 8 + 5
  }

  @Test
  void invalidInputIsRejected() {
    assertThatThrownBy(() -> new OfiEwm(0)).isInstanceOf(IllegalArgumentException.class);
    OfiEwm ewm = new OfiEwm(TEN_SECONDS);
    ewm.start();
    assertThatThrownBy(() -> ewm.update(-1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
