package io.microstructure.parity;

import java.util.List;

/**
 * How one column present on both sides compared.
 *
 * @param column the column name
 * @param leftType its type on the LEFT (see {@link #typeMismatch()})
 * @param rightType its type on the RIGHT
 * @param compared paired rows whose values were compared
 * @param mismatches values that differ (beyond the tolerance for doubles; a null against a value
 *     and any NaN always count)
 * @param worst the mismatch with the largest |diff| relative to its tolerance (a null against a
 *     value or a NaN before any number; the first in key order among equals), or null
 * @param mismatchKeys keys of the first mismatching rows in key order, at most {@code
 *     --max-examples}
 */
public record ColumnReport(
    String column,
    String leftType,
    String rightType,
    long compared,
    long mismatches,
    Mismatch worst,
    List<RowKey> mismatchKeys) {

  public ColumnReport {
    mismatchKeys = List.copyOf(mismatchKeys);
  }

  /** Whether the two sides store the column with different types (a difference of its own). */
  public boolean typeMismatch() {
    return !leftType.equals(rightType);
  }

  /** Mismatching values, plus one for a type mismatch. */
  public long differences() {
    return mismatches + (typeMismatch() ? 1 : 0);
  }
}
