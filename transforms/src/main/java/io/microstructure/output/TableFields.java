package io.microstructure.output;

import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The fields of an output table's schema after its row time, and how a row's double-coded value
 * becomes each field's value: plain string fields take the row's labels in order, every other
 * field the row's values in order (NaN is null; integers, booleans and enum codes are doubles in a
 * {@code FeatureRow} and a {@code FeatureBlock}).
 */
public final class TableFields {
  /** How a field's value is stored. */
  public enum Kind {
    DOUBLE,
    LONG,
    /** A long holding epoch microseconds (Avro {@code timestamp-micros}). */
    TIMESTAMP,
    INT,
    BOOLEAN,
    ENUM,
    LABEL
  }

  private final List<Schema.Field> fields;
  private final Kind[] kinds;
  private final String[][] symbols;

  private TableFields(Schema table) {
    List<Schema.Field> all = table.getFields();
    this.fields = all.subList(1, all.size());
    int n = fields.size();
    this.kinds = new Kind[n];
    this.symbols = new String[n][];
    for (int i = 0; i < n; i++) {
      kinds[i] = kindOf(fields.get(i), i);
    }
  }

  /** The fields of a table schema whose first field is the row time. */
  public static TableFields of(Schema table) {
    return new TableFields(table);
  }

  @SuppressWarnings("unchecked")
  private Kind kindOf(Schema.Field f, int i) {
    Object enumSymbols = f.getObjectProp(OutputSchemas.ENUM_SYMBOLS);
    if (enumSymbols != null) {
      symbols[i] = ((List<String>) enumSymbols).toArray(new String[0]);
      return Kind.ENUM;
    }
    Schema s = nonNull(f.schema());
    switch (s.getType()) {
      case LONG:
        LogicalType logical = s.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMicros ? Kind.TIMESTAMP : Kind.LONG;
      case INT:
        return Kind.INT;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case DOUBLE:
        return Kind.DOUBLE;
      case STRING:
        return Kind.LABEL;
      default:
        throw new IllegalArgumentException("unsupported feature column type " + f);
    }
  }

  private static Schema nonNull(Schema s) {
    return s.isUnion() ? s.getTypes().get(s.getTypes().size() - 1) : s;
  }

  /** Number of fields after the row time. */
  public int size() {
    return kinds.length;
  }

  public String name(int i) {
    return fields.get(i).name();
  }

  public Kind kind(int i) {
    return kinds[i];
  }

  /** The strings an enum-coded field's codes stand for; null for other fields. */
  public List<String> symbols(int i) {
    return symbols[i] == null ? null : List.of(symbols[i]);
  }

  /** Whether the field may be null (a union with null in the schema). */
  public boolean nullable(int i) {
    return fields.get(i).schema().isNullable();
  }

  /**
   * The value of field {@code i} for a double-coded value: null for NaN, else a Long (also for
   * timestamps, in microseconds), Integer, Boolean, the enum's String or the Double.
   */
  public Object value(int i, double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    switch (kinds[i]) {
      case LONG:
      case TIMESTAMP:
        return (long) v;
      case INT:
        return (int) v;
      case BOOLEAN:
        return v != 0;
      case ENUM:
        return symbols[i][(int) v];
      default:
        return v;
    }
  }
}
