package io.microstructure.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Book levels stored compactly must come back bit for bit, whatever the values. */
class LevelValuesTest {

  private static void assertRoundTrip(double... values) {
    LevelValues v = LevelValues.of(values, values.length);
    double[] back = new double[values.length];
    v.copy(0, back, values.length);
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(back[i]))
          .as("value %d of %s", i, Arrays.toString(values))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
      assertThat(Double.doubleToRawLongBits(v.get(i)))
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void shortDecimalsAreStoredAsScaledIntegers() {
    double[] prices = {90123.45, 90123.4, 90120.0, 0.01};
    LevelValues v = LevelValues.of(prices, prices.length);
    // 90123.45 needs two decimals: 9,012,345 / 10^2.
    assertThat(v.exponent()).isEqualTo(2);
    assertThat(v.digits()).containsExactly(9_012_345, 9_012_340, 9_012_000, 1);
    assertRoundTrip(prices);
  }

  @Test
  void valuesWithoutAShortDecimalFormStayDoubles() {
    // 0.1 + 0.2 is not the double nearest to any decimal with at most 12 digits after the point,
    // 3e9 does not fit an int, -0.0 would come back as 0.0, NaN and infinity have no digits.
    for (double odd : new double[] {0.1 + 0.2, 3e9, -0.0, Double.NaN, Double.POSITIVE_INFINITY}) {
      LevelValues v = LevelValues.of(new double[] {1.5, odd}, 2);
      assertThat(v.exponent()).as("%s", odd).isEqualTo(-1);
      assertRoundTrip(1.5, odd);
    }
  }

  @Test
  void sameRangeComparesValuesWhateverTheirForm() {
    LevelValues scaled = LevelValues.of(new double[] {1.25, 2.5, 3.0}, 3);
    LevelValues plain = LevelValues.of(new double[] {9e9, 2.5, 3.0}, 3);
    assertThat(scaled.exponent()).isEqualTo(2);
    assertThat(plain.exponent()).isEqualTo(-1);
    assertThat(scaled.sameRange(1, plain, 1, 2)).isTrue();
    assertThat(scaled.sameRange(0, plain, 0, 2)).isFalse();
    assertThat(LevelValues.of(new double[] {2.5, 3.0}, 2).sameRange(0, scaled, 1, 2)).isTrue();
  }

  @Property
  void decimalsOfAnyScaleRoundTrip(
      @ForAll @Size(min = 1, max = 40) int[] units,
      @ForAll @IntRange(min = 0, max = 9) int decimals) {
    double[] values = new double[units.length];
    for (int i = 0; i < units.length; i++) {
      values[i] = Double.parseDouble(java.math.BigDecimal.valueOf(units[i], decimals).toString());
    }
    assertRoundTrip(values);
  }

  @Property
  void anyDoublesRoundTrip(@ForAll @Size(min = 1, max = 40) double[] values) {
    assertRoundTrip(values);
  }

  @Property
  void pricesNearTypicalMagnitudesRoundTrip(
      @ForAll @DoubleRange(min = 0.01, max = 2e5) double price,
      @ForAll @IntRange(min = 0, max = 8) int decimals) {
    double rounded = Math.round(price * Math.pow(10, decimals)) / Math.pow(10, decimals);
    assertRoundTrip(rounded, price, rounded * 2);
  }
}
