package io.microstructure.io;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
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
 * parquet-avro GenericRecords of an open Parquet file, one row group at a time (what a splittable
 * reader needs, and what Beam's ParquetIO does inside), with the Avro schema the records get.
 */
public final class ParquetRecords {
  /** Hadoop settings that make parquet-avro read files of any common writer. */
  public static Configuration readConfiguration() {
    Configuration c = new Configuration(false);
    // Standard 3-level lists (pyarrow, DuckDB, Spark) map to plain arrays, not wrapper records.
    c.setBoolean("parquet.avro.add-list-element-records", false);
    c.setBoolean("parquet.avro.compatible", false);
    return c;
  }

  private final ParquetFileReader reader;
  private final MessageType fileSchema;
  private final Schema recordSchema;
  private final RecordMaterializer<GenericRecord> materializer;
  private final MessageColumnIO columnIO;

  private ParquetRecords(ParquetFileReader reader, Configuration conf) {
    this.reader = reader;
    FileMetaData meta = reader.getFooter().getFileMetaData();
    this.fileSchema = meta.getSchema();
    this.recordSchema = recordSchema(conf, meta);
    AvroReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
    ReadSupport.ReadContext context =
        support.init(new InitContext(conf, toSetMultiMap(meta.getKeyValueMetaData()), fileSchema));
    this.materializer =
        support.prepareForRead(conf, meta.getKeyValueMetaData(), fileSchema, context);
    this.columnIO =
        new ColumnIOFactory(meta.getCreatedBy())
            .getColumnIO(context.getRequestedSchema(), fileSchema, true);
  }

  /**
   * @param conf parquet-avro settings, normally {@link ParquetRecords#readConfiguration()}
   */
  public static ParquetRecords of(ParquetFileReader reader, Configuration conf) {
    return new ParquetRecords(reader, conf);
  }

  public MessageType fileSchema() {
    return fileSchema;
  }

  /** The Avro schema of the records: the writer's, else converted from the Parquet schema. */
  public Schema recordSchema() {
    return recordSchema;
  }

  public void skipRowGroup() {
    reader.skipNextRowGroup();
  }

  /** Hands every record of the next row group to {@code each}; returns its rows, -1 at the end. */
  public long readRowGroup(Consumer<GenericRecord> each) throws IOException {
    PageReadStore pages = reader.readNextRowGroup();
    if (pages == null) {
      return -1;
    }
    RecordReader<GenericRecord> records =
        columnIO.getRecordReader(pages, materializer, FilterCompat.NOOP);
    long rows = pages.getRowCount();
    for (long r = 0; r < rows; r++) {
      each.accept(records.read());
    }
    return rows;
  }

  /** The Avro schema parquet-avro gives a file's records. */
  public static Schema recordSchema(Configuration conf, FileMetaData meta) {
    String avro = meta.getKeyValueMetaData().get("parquet.avro.schema");
    if (avro == null) {
      avro = meta.getKeyValueMetaData().get("avro.schema");
    }
    return avro != null
        ? new Schema.Parser().parse(avro)
        : new AvroSchemaConverter(conf).convert(meta.getSchema());
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
}
