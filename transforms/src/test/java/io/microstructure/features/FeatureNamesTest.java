package io.microstructure.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureNamesTest {

  @Test
  void integralDoublesHaveNoDecimalPart() {
    assertThat(FeatureNames.suffix(5.0)).isEqualTo("5");
    assertThat(FeatureNames.suffix(100.0)).isEqualTo("100"); // not "1E+2"
    assertThat(FeatureNames.suffix(1e7)).isEqualTo("10000000");
    assertThat(FeatureNames.suffix(0.0)).isEqualTo("0");
  }

  @Test
  void decimalPointBecomesP() {
    assertThat(FeatureNames.suffix(2.5)).isEqualTo("2p5");
    assertThat(FeatureNames.suffix(0.25)).isEqualTo("0p25");
    assertThat(FeatureNames.suffix(12.75)).isEqualTo("12p75");
  }

  @Test
  void longsAreWrittenLiterally() {
    assertThat(FeatureNames.suffix(20L)).isEqualTo("20");
    assertThat(FeatureNames.suffix(3600L)).isEqualTo("3600");
  }

  @Test
  void nonFiniteIsRejected() {
    assertThatThrownBy(() -> FeatureNames.suffix(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeatureNames.suffix(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
