package io.microstructure.io;

import io.microstructure.model.FeatureBlock;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * The reference block writer: each row through {@link FeatureRecords} into a GenericRecord and
 * parquet-avro's writer (Snappy, dictionaries on for every column but the doubles).
 */
final class AvroBlockWriter implements FeatureBlockWriter {
  private final ParquetWriter<GenericRecord> writer;
  private final FeatureRecords records;
  private long rows;

  private AvroBlockWriter(ParquetWriter<GenericRecord> writer, Schema schema) {
    this.writer = writer;
    this.records = new FeatureRecords(schema);
  }

  static AvroBlockWriter open(OutputFile file, Schema schema, long rowGroupBytes)
      throws IOException {
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(file)
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(rowGroupBytes)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withDictionaryEncoding(false);
    for (Schema.Field f : schema.getFields()) {
      if (!isDouble(f.schema())) {
        builder = builder.withDictionaryEncoding(f.name(), true);
      }
    }
    return new AvroBlockWriter(builder.build(), schema);
  }

  private static boolean isDouble(Schema s) {
    if (s.isUnion()) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch.getType() == Schema.Type.DOUBLE;
        }
      }
    }
    return s.getType() == Schema.Type.DOUBLE;
  }

  @Override
  public void write(FeatureBlock block) throws IOException {
    for (int i = 0; i < block.size(); i++) {
      writer.write(records.apply(block.row(i)));
    }
    rows += block.size();
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
