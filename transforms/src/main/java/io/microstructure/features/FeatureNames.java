package io.microstructure.features;

import java.math.BigDecimal;

/**
 * Column-name suffixes for parameterised features ({@code bid_depth_5}, {@code
 * bid_band_depth_2p5}). Every feature family builds its names through here so that the same
 * parameter always yields the same column name.
 */
public final class FeatureNames {
  private FeatureNames() {}

  /** The value written literally: {@code 20 -> "20"}. */
  public static String suffix(long v) {
    return Long.toString(v);
  }

  /**
   * The value written literally in its shortest decimal form, without a trailing {@code .0} and
   * with {@code 'p'} for the decimal point, since a dot is awkward in a column name: {@code 5.0 ->
   * "5"}, {@code 2.5 -> "2p5"}, {@code 100.0 -> "100"}.
   *
   * @throws IllegalArgumentException when {@code v} is NaN or infinite
   */
  public static String suffix(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("no column-name suffix for " + v);
    }
    if (v == 0) {
      return "0"; // also for -0.0
    }
    // BigDecimal.valueOf goes through Double.toString: the shortest decimal that round-trips.
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().replace('.', 'p');
  }
}
