package io.microstructure.parity;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * The type of a column as parity sees it: a readable name ({@code double}, {@code long}, {@code
 * timestamp-micros} …) and how its values are held and compared. Two columns have the same type
 * when their names are equal. Nullability (an optional or a required Parquet column) is not part of
 * the type: nulls are compared value by value, and writers differ on it without the data differing
 * (pyarrow and DuckDB write every column optional).
 *
 * @param name Avro type or logical type of the values, e.g. {@code double}, {@code
 *     timestamp-micros}
 * @param kind how values are held and compared
 * @param toMicros factor that brings a timestamp to epoch microseconds (1 for everything else)
 */
record ColumnType(String name, Kind kind, long toMicros) {

  /** How values are held and compared. */
  enum Kind {
    /** double and float: within the tolerance. */
    DOUBLE,
    /** int, long, timestamps (as epoch µs), dates: exactly. */
    INTEGRAL,
    BOOLEAN,
    /** string, enum: exactly. */
    STRING,
    /** anything else (lists, records, bytes, decimals): by Avro's JSON-like text, exactly. */
    OTHER;

    boolean numeric() {
      return this == DOUBLE || this == INTEGRAL;
    }
  }

  static ColumnType of(Schema schema) {
    Schema value = schema;
    if (schema.getType() == Schema.Type.UNION) {
      Schema nonNull = null;
      int branches = 0;
      for (Schema branch : schema.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          nonNull = branch;
          branches++;
        }
      }
      if (branches != 1) {
        return new ColumnType(schema.toString(), Kind.OTHER, 1);
      }
      value = nonNull;
    }
    LogicalType logical = value.getLogicalType();
    if (logical != null) {
      String name = logical.getName();
      switch (name) {
        case "timestamp-millis":
        case "local-timestamp-millis":
          return new ColumnType(name, Kind.INTEGRAL, 1000);
        case "timestamp-micros":
        case "local-timestamp-micros":
        case "date":
        case "time-millis":
        case "time-micros":
          return new ColumnType(name, Kind.INTEGRAL, 1);
        default:
          return new ColumnType(name, Kind.OTHER, 1);
      }
    }
    switch (value.getType()) {
      case DOUBLE:
      case FLOAT:
        return new ColumnType(value.getName(), Kind.DOUBLE, 1);
      case INT:
      case LONG:
        return new ColumnType(value.getName(), Kind.INTEGRAL, 1);
      case BOOLEAN:
        return new ColumnType(value.getName(), Kind.BOOLEAN, 1);
      case STRING:
      case ENUM:
        return new ColumnType("string", Kind.STRING, 1);
      default:
        return new ColumnType(value.getType().getName(), Kind.OTHER, 1);
    }
  }

  /** Whether the values are timestamps (shown as ISO instants, held as epoch µs). */
  boolean timestamp() {
    return name.contains("timestamp");
  }

  @Override
  public String toString() {
    return name;
  }
}
