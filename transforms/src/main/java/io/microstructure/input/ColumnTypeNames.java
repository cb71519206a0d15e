package io.microstructure.input;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Column types as a user of pandas, polars or DuckDB names them, for messages: a BINARY column is
 * a string, an INT96 is the legacy timestamp Spark and Impala wrote and wants rewriting.
 */
final class ColumnTypeNames {
  private ColumnTypeNames() {}

  static String of(PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BINARY:
        boolean text =
            logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation;
        return text ? "string" : logical.toString().toLowerCase(Locale.ROOT);
      case INT96:
        return "an INT96 timestamp (legacy; rewrite the column as TIMESTAMP(MICROS), e.g. with"
            + " pyarrow's coerce_timestamps='us' or DuckDB)";
      case FIXED_LEN_BYTE_ARRAY:
        return logical == null ? "fixed-length bytes" : logical.toString().toLowerCase(Locale.ROOT);
      case FLOAT:
        return "float32";
      case DOUBLE:
        return "float64";
      case INT32:
        return logical == null ? "int32" : logical.toString().toLowerCase(Locale.ROOT);
      case INT64:
        return logical == null ? "int64" : logical.toString().toLowerCase(Locale.ROOT);
      case BOOLEAN:
        return "boolean";
      default:
        return type.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
    }
  }

  static String of(Schema.Type avroType) {
    switch (avroType) {
      case STRING:
        return "string";
      case BYTES:
      case FIXED:
        return "bytes";
      case RECORD:
        return "a struct";
      case ARRAY:
        return "a list";
      case MAP:
        return "a map";
      default:
        return avroType.getName();
    }
  }
}
