package io.microstructure.io;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * The record path: reads row groups into Avro GenericRecords with parquet-avro and decodes each
 * record at once by field name with a {@link RowDecoder}. A rejected row's record text is the
 * GenericRecord's own JSON-like rendering ({@code String.valueOf(record)}).
 */
public final class AvroRowGroupReader<T> implements RowGroupReader<T> {
  private final ParquetFileReader reader;
  private final RecordMaterializer<GenericRecord> materializer;
  private final MessageColumnIO columnIO;
  private final RowDecoder.Bound<T> bound;

  private AvroRowGroupReader(
      ParquetFileReader reader,
      RecordMaterializer<GenericRecord> materializer,
      MessageColumnIO columnIO,
      RowDecoder.Bound<T> bound) {
    this.reader = reader;
    this.materializer = materializer;
    this.columnIO = columnIO;
    this.bound = bound;
  }

  /**
   * Binds {@code decoder} to an open file.
   *
   * @param conf parquet-avro settings, normally {@link ReadParquetRowsFn#readConfiguration()}
   * @throws MissingColumnException when the file lacks a column the channel requires
   */
  public static <T> AvroRowGroupReader<T> of(
      String path, ParquetFileReader reader, Configuration conf, RowDecoder<T> decoder) {
    FileMetaData meta = reader.getFooter().getFileMetaData();
    MessageType fileSchema = meta.getSchema();
    AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
    ReadSupport.ReadContext context =
        support.init(new InitContext(conf, toSetMultiMap(meta.getKeyValueMetaData()), fileSchema));
    RecordMaterializer<GenericRecord> materializer =
        support.prepareForRead(conf, meta.getKeyValueMetaData(), fileSchema, context);
    MessageColumnIO columnIO =
        new ColumnIOFactory(meta.getCreatedBy())
            .getColumnIO(context.getRequestedSchema(), fileSchema, true);
    RowDecoder.Bound<T> bound =
        decoder.bind(path, fileSchema, recordSchema(conf, meta, fileSchema));
    return new AvroRowGroupReader<>(reader, materializer, columnIO, bound);
  }

  @Override
  public void skipRowGroup() {
    reader.skipNextRowGroup();
  }

  @Override
  public long readRowGroup(long firstRow, RowSink<T> sink) throws java.io.IOException {
    PageReadStore pages = reader.readNextRowGroup();
    RecordReader<GenericRecord> records =
        columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
    long rows = pages.getRowCount();
    Output<T> out = new Output<>(sink);
    for (long r = 0; r < rows; r++) {
      GenericRecord record = records.read();
      out.row = firstRow + r;
      out.record = record;
      bound.decode(record, firstRow + r, out);
    }
    return rows;
  }

  /** The Avro schema parquet-avro gives the records: the writer's, else converted from Parquet. */
  private static org.apache.avro.Schema recordSchema(
      Configuration c, FileMetaData meta, MessageType fileSchema) {
    String avro = meta.getKeyValueMetaData().get("parquet.avro.schema");
    if (avro == null) {
      avro = meta.getKeyValueMetaData().get("avro.schema");
    }
    return avro != null
        ? new org.apache.avro.Schema.Parser().parse(avro)
        : new org.apache.parquet.avro.AvroSchemaConverter(c).convert(fileSchema);
  }

  private static Map<String, Set<String>> toSetMultiMap(Map<String, String> map) {
    Map<String, Set<String>> m = new HashMap<>();
    for (Map.Entry<String, String> e : map.entrySet()) {
      Set<String> s = new LinkedHashSet<>();
      s.add(e.getValue());
      m.put(e.getKey(), s);
    }
    return m;
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
