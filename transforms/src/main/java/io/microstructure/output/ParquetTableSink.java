package io.microstructure.output;

import io.microstructure.io.ChannelOutputFile;
import io.microstructure.metrics.StageTimer;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Snappy Parquet for feature tables. Like ParquetIO.sink, plus a per-column choice of dictionary
 * encoding: on for strings, integers and booleans (few distinct values), off for the double feature
 * columns, where a dictionary is almost always abandoned after hashing every value of a page (a
 * fifth of the whole job's CPU when it was on).
 */
public final class ParquetTableSink implements FileIO.Sink<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String schemaJson;
  private final int rowGroupBytes;
  private final StageTimer timer = new StageTimer("write");
  private transient ParquetWriter<GenericRecord> writer;

  public ParquetTableSink(Schema schema, int rowGroupBytes) {
    this.schemaJson = schema.toString();
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    open(channel, new Schema.Parser().parse(schemaJson).getFullName());
  }

  /** Opens the sink on a channel to {@code path}, the name its write errors give. */
  public void open(WritableByteChannel channel, String path) throws IOException {
    Schema schema = new Schema.Parser().parse(schemaJson);
    AvroParquetWriter.Builder<GenericRecord> builder =
        AvroParquetWriter.<GenericRecord>builder(new ChannelOutputFile(channel, path))
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupSize(rowGroupBytes)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withDictionaryEncoding(false);
    for (Schema.Field f : schema.getFields()) {
      if (valueType(f.schema()) != Schema.Type.DOUBLE) {
        builder = builder.withDictionaryEncoding(f.name(), true);
      }
    }
    writer = builder.build();
  }

  @Override
  public void write(GenericRecord record) throws IOException {
    long start = System.nanoTime();
    writer.write(record);
    timer.add(start);
  }

  @Override
  public void flush() throws IOException {
    // FileIO may close writers on a background thread, where Beam metrics cannot be reported:
    // the stage timer covers the write calls (encoding and full row groups), not the close.
    writer.close();
  }

  private static Schema.Type valueType(Schema s) {
    if (s.isUnion()) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return branch.getType();
        }
      }
    }
    return s.getType();
  }
}
