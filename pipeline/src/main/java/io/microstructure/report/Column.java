package io.microstructure.report;

/** One column of a {@link Frame}: its values in row order and how many are null. */
public sealed interface Column permits Column.Numbers, Column.Texts {
  String name();

  /** Rows where the column is null (or absent from the row's file). */
  int nulls();

  /** How a numeric column was stored: decides which columns are features and which are times. */
  enum Kind {
    DOUBLE,
    FLOAT,
    INT,
    LONG,
    DECIMAL,
    BOOLEAN,
    /** Epoch microseconds (every TIMESTAMP unit is converted). */
    TIMESTAMP;

    /** A measured quantity a feature ranking makes sense for (not a flag or a time). */
    public boolean isQuantity() {
      return this != BOOLEAN && this != TIMESTAMP;
    }
  }

  /**
   * Numbers as doubles, NaN for null (the pipeline never writes NaN: a Parquet null is its null,
   * FEATURES.md). Booleans are 0 and 1; timestamps epoch microseconds (exact up to 2^53 µs).
   */
  record Numbers(String name, Kind kind, double[] values, int nulls) implements Column {}

  /** Strings, null for null. */
  record Texts(String name, String[] values, int nulls) implements Column {}
}
