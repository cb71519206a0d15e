package io.microstructure.input;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Unit of an epoch timestamp column. Read from the Parquet logical type when there is one; a plain
 * int64 uses the configured unit (microseconds by default, as the data contract says). Everything
 * downstream works in microseconds.
 */
public enum CaptureTsUnit {
  MILLIS,
  MICROS,
  NANOS;

  public long toMicros(long v) {
    switch (this) {
      case MILLIS:
        return Math.multiplyExact(v, 1000L);
      case NANOS:
        return Math.floorDiv(v, 1000L);
      default:
        return v;
    }
  }

  /**
   * {@link #toMicros}, except that a value beyond the range of long microseconds saturates to
   * Long.MIN_VALUE or MAX_VALUE instead of throwing (a range check then rejects the row).
   */
  public long toMicrosSaturated(long v) {
    if (this == MILLIS && (v > Long.MAX_VALUE / 1000L || v < Long.MIN_VALUE / 1000L)) {
      return v < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return toMicros(v);
  }

  public static CaptureTsUnit parse(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "ms":
      case "millis":
      case "milliseconds":
        return MILLIS;
      case "us":
      case "micros":
      case "microseconds":
        return MICROS;
      case "ns":
      case "nanos":
      case "nanoseconds":
        return NANOS;
      default:
        throw new IllegalArgumentException("unknown time unit '" + s + "' (ms, us, ns)");
    }
  }

  /** The unit of {@code column} in {@code file}, or a {@link MissingColumnException}. */
  static CaptureTsUnit of(String file, MessageType schema, String column, CaptureTsUnit plain) {
    if (!schema.containsField(column)) {
      throw new MissingColumnException(file, column, "is missing");
    }
    Type type = schema.getType(column);
    if (!type.isPrimitive()) {
      throw new MissingColumnException(file, column, "is not an integer timestamp");
    }
    PrimitiveType p = type.asPrimitiveType();
    if (p.getPrimitiveTypeName() != PrimitiveTypeName.INT64) {
      throw new MissingColumnException(
          file, column, "has type " + ColumnTypeNames.of(p) + ", expected an int64 or TIMESTAMP");
    }
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof TimestampLogicalTypeAnnotation) {
      switch (((TimestampLogicalTypeAnnotation) a).getUnit()) {
        case MILLIS:
          return MILLIS;
        case NANOS:
          return NANOS;
        default:
          return MICROS;
      }
    }
    return plain == null ? MICROS : plain;
  }
}
