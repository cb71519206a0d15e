package io.microstructure.input;

import io.microstructure.io.ParquetRecords;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;

/**
 * The record path: reads row groups into Avro GenericRecords with parquet-avro and decodes each
 * record at once by field name with a {@link RowDecoder}. A rejected row's record text is the
 * GenericRecord's own JSON-like rendering ({@code String.valueOf(record)}).
 */
public final class AvroRowGroupReader<T> implements RowGroupReader<T> {
  private final ParquetRecords records;
  private final RowDecoder.Bound<T> bound;

  private AvroRowGroupReader(ParquetRecords records, RowDecoder.Bound<T> bound) {
    this.records = records;
    this.bound = bound;
  }

  /**
   * Binds {@code decoder} to an open file.
   *
   * @param conf parquet-avro settings, normally {@link ParquetRecords#readConfiguration()}
   * @throws MissingColumnException when the file lacks a column the channel requires
   */
  public static <T> AvroRowGroupReader<T> of(
      String path, ParquetFileReader reader, Configuration conf, RowDecoder<T> decoder) {
    ParquetRecords records = ParquetRecords.of(reader, conf);
    return new AvroRowGroupReader<>(
        records, decoder.bind(path, records.fileSchema(), records.recordSchema()));
  }

  @Override
  public void skipRowGroup() {
    records.skipRowGroup();
  }

  @Override
  public long readRowGroup(long firstRow, RowSink<T> sink) throws java.io.IOException {
    Output<T> out = new Output<>(sink);
    out.row = firstRow;
    return records.readRowGroup(
        record -> {
          out.record = record;
          bound.decode(record, out.row, out);
          out.row++;
        });
  }

  /** Adds the row's address and rendering to a decoder's verdict. */
  private static final class Output<T> implements RowDecoder.Output<T> {
    private final RowSink<T> sink;
    long row;
    GenericRecord record;

    Output(RowSink<T> sink) {
      this.sink = sink;
    }

    @Override
    public void accept(T value) {
      sink.accept(value);
    }

    @Override
    public void reject(String column, String reason) {
      sink.reject(row, column, reason, String.valueOf(record));
    }
  }
}
