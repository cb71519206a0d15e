package io.microstructure.parity;

import io.microstructure.io.ParquetFooters;
import io.microstructure.io.ParquetRecords;
import io.microstructure.model.MarketKey;
import io.microstructure.output.OutputLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;

/**
 * Reads output Parquet files through Beam's {@link FileSystems} and parquet-avro's generic model
 * (the way the pipeline reads its inputs), into {@link ColumnData}.
 */
final class ParquetTables {
  private static final List<String> PARTITION_COLUMNS = List.of("exchange", "symbol");
  private static final ColumnType STRING = new ColumnType("string", ColumnType.Kind.STRING, 1);

  private ParquetTables() {}

  /** The rows of one side of one partition, column by column in the side's column order. */
  static final class Batch {
    final ColumnData[] columns;
    int rows;

    Batch(Map<String, ColumnType> schema) {
      columns = new ColumnData[schema.size()];
      int i = 0;
      for (Map.Entry<String, ColumnType> e : schema.entrySet()) {
        columns[i++] = new ColumnData(e.getKey(), e.getValue(), 0);
      }
    }
  }

  /** A file whose columns differ from the rest of its side's table. */
  static final class SchemaDiffersException extends IOException {
    private static final long serialVersionUID = 1L;

    SchemaDiffersException(String message) {
      super(message);
    }
  }

  /** Column name → type, in file order, from a file's footer. */
  static Map<String, ColumnType> schema(ResourceId file) throws IOException {
    Configuration conf = ParquetRecords.readConfiguration();
    try (ParquetFileReader reader = ParquetFooters.open(file)) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      return withPartitionColumns(columns(ParquetRecords.recordSchema(conf, meta)), file);
    }
  }

  /**
   * A file's columns as a hive-partitioned reader shows them: {@code exchange} and {@code symbol}
   * from the partition folders are added where the file does not hold them (our own outputs keep
   * them in the folder names only; a reference root may have them in the files as well).
   */
  private static Map<String, ColumnType> withPartitionColumns(
      Map<String, ColumnType> own, ResourceId file) {
    Optional<MarketKey> market = OutputLayout.marketOf(file.toString());
    if (market.isPresent()) {
      for (String name : PARTITION_COLUMNS) {
        own.putIfAbsent(name, STRING);
      }
    }
    return own;
  }

  /** The value of a partition column for the rows of a file. */
  private static String partitionValue(String column, ResourceId file) {
    MarketKey market = OutputLayout.marketOf(file.toString()).orElseThrow();
    return column.equals("exchange") ? market.exchange() : market.symbol();
  }

  /**
   * Appends the rows of {@code files} to a batch of the side's {@code schema}.
   *
   * @throws SchemaDiffersException when a file's columns or types differ from {@code schema}
   */
  static Batch read(List<ResourceId> files, Map<String, ColumnType> schema, String schemaSource)
      throws IOException {
    Batch batch = new Batch(schema);
    for (ResourceId file : files) {
      try {
        read(file, schema, schemaSource, batch);
      } catch (SchemaDiffersException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        throw new IOException(file + ": not readable Parquet: " + e.getMessage(), e);
      }
    }
    return batch;
  }

  private static void read(
      ResourceId file, Map<String, ColumnType> schema, String schemaSource, Batch batch)
      throws IOException {
    Configuration conf = ParquetRecords.readConfiguration();
    try (ParquetFileReader reader = ParquetFooters.open(file)) {
      ParquetRecords records = ParquetRecords.of(reader, conf);
      Map<String, ColumnType> own = withPartitionColumns(columns(records.recordSchema()), file);
      if (!own.equals(schema)) {
        throw new SchemaDiffersException(
            file + " has other columns than " + schemaSource + ": " + describe(own, schema));
      }
      ColumnData[] columns = batch.columns;
      for (ColumnData column : columns) {
        column.reserve(reader.getRecordCount());
      }
      int[] positions = positions(records.recordSchema(), columns);
      Object[] fromFolder = new Object[columns.length];
      for (int j = 0; j < columns.length; j++) {
        if (positions[j] < 0) {
          fromFolder[j] = partitionValue(columns[j].name, file);
        }
      }
      java.util.function.Consumer<GenericRecord> add =
          record -> {
            for (int j = 0; j < columns.length; j++) {
              columns[j].add(positions[j] < 0 ? fromFolder[j] : record.get(positions[j]));
            }
          };
      for (long rows = records.readRowGroup(add); rows >= 0; rows = records.readRowGroup(add)) {
        batch.rows = Math.addExact(batch.rows, Math.toIntExact(rows));
      }
    }
  }

  /** Each column's field in the file's records; -1 for a partition column from the folders. */
  private static int[] positions(Schema recordSchema, ColumnData[] columns) {
    int[] p = new int[columns.length];
    for (int j = 0; j < columns.length; j++) {
      Schema.Field f = recordSchema.getField(columns[j].name);
      p[j] = f == null ? -1 : f.pos();
    }
    return p;
  }

  private static Map<String, ColumnType> columns(Schema record) {
    Map<String, ColumnType> m = new LinkedHashMap<>();
    for (Schema.Field f : record.getFields()) {
      m.put(f.name(), ColumnType.of(f.schema()));
    }
    return m;
  }

  private static String describe(Map<String, ColumnType> own, Map<String, ColumnType> expected) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, ColumnType> e : own.entrySet()) {
      ColumnType t = expected.get(e.getKey());
      if (t == null) {
        parts.add("+" + e.getKey());
      } else if (!t.equals(e.getValue())) {
        parts.add(e.getKey() + " " + e.getValue() + " not " + t);
      }
    }
    for (String name : expected.keySet()) {
      if (!own.containsKey(name)) {
        parts.add("-" + name);
      }
    }
    return String.join(", ", parts);
  }
}
