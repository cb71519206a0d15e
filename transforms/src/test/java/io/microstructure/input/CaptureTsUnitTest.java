package io.microstructure.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Conversion to microseconds; the saturating form lets a range check reject absurd values. */
class CaptureTsUnitTest {
  @Test
  void convertsToMicroseconds() {
    assertThat(CaptureTsUnit.MILLIS.toMicrosSaturated(1_767_571_201_250L))
        .isEqualTo(1_767_571_201_250_000L);
    assertThat(CaptureTsUnit.MICROS.toMicrosSaturated(-5L)).isEqualTo(-5L);
    assertThat(CaptureTsUnit.NANOS.toMicrosSaturated(1_767_571_201_250_000_999L))
        .isEqualTo(1_767_571_201_250_000L);
  }

  @Test
  void millisecondsBeyondTheRangeOfMicrosecondsSaturate() {
    // Long.MAX_VALUE / 1000 = 9,223,372,036,854,775 ms still fits once multiplied by 1000.
    assertThat(CaptureTsUnit.MILLIS.toMicrosSaturated(9_223_372_036_854_775L))
        .isEqualTo(9_223_372_036_854_775_000L);
    assertThat(CaptureTsUnit.MILLIS.toMicrosSaturated(9_223_372_036_854_776L))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(CaptureTsUnit.MILLIS.toMicrosSaturated(-9_223_372_036_854_776L))
        .isEqualTo(Long.MIN_VALUE);
    assertThatThrownBy(() -> CaptureTsUnit.MILLIS.toMicros(9_223_372_036_854_776L))
        .isInstanceOf(ArithmeticException.class);
  }
}
