package io.microstructure.output;

import io.microstructure.model.RejectedRow;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** {@link RejectedRow} to a record of rejected.avsc. */
public final class RejectedRecords implements SerializableFunction<RejectedRow, GenericRecord> {
  private static final long serialVersionUID = 1L;
  private transient Schema schema;

  @Override
  public GenericRecord apply(RejectedRow r) {
    if (schema == null) {
      schema = OutputSchemas.rejected();
    }
    GenericData.Record rec = new GenericData.Record(schema);
    rec.put("channel", r.channel());
    rec.put("source_file", r.sourceFile());
    rec.put("row", r.row());
    rec.put("column", r.column());
    rec.put("reason", r.reason());
    rec.put("record", r.record());
    return rec;
  }
}
