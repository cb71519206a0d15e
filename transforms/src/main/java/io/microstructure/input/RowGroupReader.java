package io.microstructure.input;

import java.io.IOException;

/**
 * Decodes the row groups of one open Parquet file, in file order, into domain values. Two
 * implementations: {@link AvroRowGroupReader} (parquet-avro GenericRecords and a {@link
 * RowDecoder}, any channel) and {@link ColumnarOrderBookReader} (column readers straight into
 * primitive arrays, order books only). Both number rows by their index within the file.
 */
public interface RowGroupReader<T> {

  /** Moves past the next row group without decoding it. */
  void skipRowGroup() throws IOException;

  /**
   * Decodes the next row group.
   *
   * @param firstRow the file row index of the row group's first row
   * @return the number of rows the row group held
   */
  long readRowGroup(long firstRow, RowSink<T> sink) throws IOException;
}
