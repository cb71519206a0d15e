package io.microstructure.io;

import io.microstructure.model.FeatureRow;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * {@link FeatureRow} to a GenericRecord of a table schema: the first field is the row time (the
 * row's exchange and symbol name its partition, see {@link OutputLayout}); plain string fields take the row's labels in order, every other field
 * the row's values in order, converted to the field's type (NaN becomes null; enum-coded columns
 * become their string).
 */
public final class FeatureRecords implements SerializableFunction<FeatureRow, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private enum Kind {
    DOUBLE,
    LONG,
    INT,
    BOOLEAN,
    ENUM,
    LABEL
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
    r.put(0, row.timestamp());
    double[] v = row.values();
    String[] labels = row.labels();
    int value = 0;
    int label = 0;
    for (int i = 0; i < kinds.length; i++) {
      r.put(i + 1, kinds[i] == Kind.LABEL ? labels[label++] : convert(i, v[value++]));
    }
    return r;
  }

  private Object convert(int i, double v) {
    // i indexes the schema's feature fields; enum symbols are looked up by it.
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
    int n = fields.size() - 1;
    kinds = new Kind[n];
    symbols = new String[n][];
    for (int i = 0; i < n; i++) {
      Schema.Field f = fields.get(i + 1);
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
        case STRING:
          kinds[i] = Kind.LABEL;
          break;
        default:
          throw new IllegalArgumentException("unsupported feature column type " + f);
      }
    }
  }
}
