package io.microstructure.output;

import io.microstructure.model.FeatureBlock;
import java.io.Closeable;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.parquet.io.OutputFile;

/** Writes the rows of feature blocks into one Parquet file of a table schema, in order. */
public interface FeatureBlockWriter extends Closeable {
  /** Row groups of about this size: a writer holds one in memory. */
  long ROW_GROUP_BYTES = 16L * 1024 * 1024;

  /** Writes the block's rows; the caller may reuse the block once this returns. */
  void write(FeatureBlock block) throws IOException;

  long rowsWritten();

  /** Opens the writer for this table schema (see {@link FeatureRecords} for the column rules). */
  static FeatureBlockWriter open(OutputFile file, Schema tableSchema) throws IOException {
    return ParquetBlockWriter.open(file, tableSchema, ROW_GROUP_BYTES);
  }
}
