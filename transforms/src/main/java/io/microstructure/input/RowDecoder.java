package io.microstructure.input;

import java.io.Serializable;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.schema.MessageType;

/**
 * Maps one channel's GenericRecords, by field name, to a domain type, or rejects them with the
 * offending column and reason. {@link #bind} resolves field positions and the capture_ts unit once
 * per file, so decoding a row does no name lookups.
 */
public interface RowDecoder<T> extends Serializable {

  /** Receives the outcome of decoding one row. */
  interface Output<T> {
    void accept(T value);

    void reject(String column, String reason);
  }

  /** A decoder resolved against one file's schema. */
  interface Bound<T> {
    void decode(GenericRecord record, long row, Output<T> out);
  }

  /**
   * Resolves the decoder against a file.
   *
   * @throws MissingColumnException when the file lacks a column the channel requires
   */
  Bound<T> bind(String file, MessageType fileSchema, org.apache.avro.Schema recordSchema);

  /** This decoder reading a plain int64 capture_ts in {@code unit} (a file's resolved unit). */
  RowDecoder<T> withPlainInt64Unit(CaptureTsUnit unit);
}
