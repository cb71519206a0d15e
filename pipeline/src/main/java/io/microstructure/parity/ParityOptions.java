package io.microstructure.parity;

import java.util.List;

/**
 * Settings of a comparison.
 *
 * @param tolerance relative tolerance of doubles: x and y agree when |x − y| ≤ tolerance · max(1,
 *     |x|, |y|) (the spec's 1e-9 by default)
 * @param maxExamples how many keys to list per kind of difference (missing rows, extra rows,
 *     mismatches of a column)
 * @param tables compare only tables whose name starts with one of these; empty: every table
 */
public record ParityOptions(double tolerance, int maxExamples, List<String> tables) {
  public static final double DEFAULT_TOLERANCE = 1e-9;
  public static final int DEFAULT_MAX_EXAMPLES = 20;

  public ParityOptions {
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0: " + tolerance);
    }
    if (maxExamples < 0) {
      throw new IllegalArgumentException("max examples must be >= 0: " + maxExamples);
    }
    tables = List.copyOf(tables);
  }

  public static ParityOptions defaults() {
    return new ParityOptions(DEFAULT_TOLERANCE, DEFAULT_MAX_EXAMPLES, List.of());
  }

  public ParityOptions withTolerance(double t) {
    return new ParityOptions(t, maxExamples, tables);
  }

  public ParityOptions withMaxExamples(int n) {
    return new ParityOptions(tolerance, n, tables);
  }

  public ParityOptions withTables(List<String> prefixes) {
    return new ParityOptions(tolerance, maxExamples, prefixes);
  }

  boolean selects(String table) {
    if (tables.isEmpty()) {
      return true;
    }
    for (String prefix : tables) {
      if (table.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
