package io.microstructure.output;

import io.microstructure.model.FeatureRow;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * {@link FeatureRow} to a GenericRecord of a table schema: the first field is the row time (the
 * row's exchange and symbol name its partition, see {@link OutputLayout}), the others are filled
 * as {@link TableFields} converts them.
 */
public final class FeatureRecords implements SerializableFunction<FeatureRow, GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private transient Schema schema;
  private transient TableFields fields;

  public FeatureRecords(Schema schema) {
    this.schemaJson = schema.toString();
  }

  @Override
  public GenericRecord apply(FeatureRow row) {
    if (schema == null) {
      schema = new Schema.Parser().parse(schemaJson);
      fields = TableFields.of(schema);
    }
    GenericData.Record r = new GenericData.Record(schema);
    r.put(0, row.timestamp());
    double[] v = row.values();
    String[] labels = row.labels();
    int value = 0;
    int label = 0;
    for (int i = 0; i < fields.size(); i++) {
      r.put(
          i + 1,
          fields.kind(i) == TableFields.Kind.LABEL ? labels[label++] : fields.value(i, v[value++]));
    }
    return r;
  }
}
