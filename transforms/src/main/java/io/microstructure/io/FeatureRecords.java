package io.microstructure.io;

import io.microstructure.model.FeatureRow;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * {@link FeatureRow} to a GenericRecord of a table schema: the first three fields are exchange,
 * symbol and the row time, the rest take the row's values in order, converted to each field's type
 * (NaN becomes null; enum-coded columns become their string).
 */
public final class FeatureRecords implements SerializableFunction<FeatureRow, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    ENUM
  }

  private final String schemaJson;
  private transient Schema schema;
  private transient Kind[] kinds;
  private transient String[][] symbols;

  public FeatureRecords(Schema schema) {
    this.schemaJson = schema.toString();
  }

  @Override
  public GenericRecord apply(FeatureRow row) {
    if (schema == null) {
      init();
    }
    GenericData.Record r = new GenericData.Record(schema);
    r.put(0, row.exchange());
    r.put(1, row.symbol());
    r.put(2, row.timestamp());
    double[] v = row.values();
    for (int i = 0; i < kinds.length; i++) {
      r.put(i + 3, convert(i, v[i]));
    }
    return r;
  }

  private Object convert(int i, double v) {
    if (Double.isNaN(v)) {
      return null;
    }
    switch (kinds[i]) {
      case LONG:
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

  @SuppressWarnings("unchecked")
  private void init() {
    schema = new Schema.Parser().parse(schemaJson);
    List<Schema.Field> fields = schema.getFields();
    int n = fields.size() - 3;
    kinds = new Kind[n];
    symbols = new String[n][];
    for (int i = 0; i < n; i++) {
      Schema.Field f = fields.get(i + 3);
      Object enumSymbols = f.getObjectProp(OutputSchemas.ENUM_SYMBOLS);
      if (enumSymbols != null) {
        kinds[i] = Kind.ENUM;
        symbols[i] = ((List<String>) enumSymbols).toArray(new String[0]);
        continue;
      }
      Schema s = f.schema();
      if (s.isUnion()) {
        s = s.getTypes().get(s.getTypes().size() - 1);
      }
      switch (s.getType()) {
        case LONG:
          kinds[i] = Kind.LONG;
          break;
        case INT:
          kinds[i] = Kind.INT;
          break;
        case BOOLEAN:
          kinds[i] = Kind.BOOLEAN;
          break;
        case DOUBLE:
          kinds[i] = Kind.DOUBLE;
          break;
        default:
          throw new IllegalArgumentException("unsupported feature column type " + f);
      }
    }
  }
}
