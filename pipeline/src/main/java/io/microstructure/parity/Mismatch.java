package io.microstructure.parity;

/**
 * One cell that differs between the two roots.
 *
 * @param key the row
 * @param left the LEFT value: Double, Long (timestamps as epoch µs), Boolean, String or null
 * @param right the RIGHT value, likewise
 * @param diff |left − right| for numbers; NaN when either is NaN; null when not numeric or when one
 *     side is null
 * @param tolerance the bound |diff| had to stay within: tolerance · max(1, |left|, |right|) for
 *     doubles, 0 for exactly compared numbers; null when not numeric or when one side is null
 */
public record Mismatch(RowKey key, Object left, Object right, Double diff, Double tolerance) {

  /**
   * How bad a mismatch is, for picking a column's worst: |diff| over its tolerance (|diff| for
   * exact comparisons); a null against a value, a NaN and a non-numeric difference are worst.
   */
  static double severity(Double diff, Double tolerance) {
    if (diff == null || diff.isNaN()) {
      return Double.POSITIVE_INFINITY;
    }
    return tolerance != null && tolerance > 0 ? diff / tolerance : diff;
  }
}
