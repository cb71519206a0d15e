package io.microstructure.output;

import io.microstructure.model.FeatureBlock;
import io.microstructure.output.BlockLayout.Field;
import io.microstructure.output.BlockLayout.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory.BytesCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Encodes block rows into the column chunks of one row group at a time, held in memory until they
 * go to the file. DOUBLE columns, the bulk of a feature table, are encoded page by page by {@link
 * DoublePages}; the others (time, integers, booleans, strings) value by value by
 * parquet-column's {@link ColumnWriteStore}, with its dictionary encoding and fallback, as
 * AvroParquetWriter writes them. Both hand their pages to one {@link ColumnChunkPageWriteStore},
 * which compresses them and builds the column and offset indexes.
 */
final class RowGroupEncoder {
  private final MessageType schema;
  private final MessageType storeSchema;
  private final ParquetProperties props;
  private final BytesCompressor compressor;

  private final List<DoublePages> doubles = new ArrayList<>();
  private final List<Integer> doubleSources = new ArrayList<>();

  private final List<ColumnDescriptor> storeColumns = new ArrayList<>();
  private final List<Field> storeFields = new ArrayList<>();
  private final List<Binary[]> enumSymbols = new ArrayList<>();

  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private ColumnWriter[] writers;
  private int rows;

  /**
   * @param schema the file's schema: one primitive column per field of {@code layout}, in order
   */
  RowGroupEncoder(
      BlockLayout layout, MessageType schema, ParquetProperties props, BytesCompressor compressor) {
    this.schema = schema;
    this.props = props;
    this.compressor = compressor;
    List<Field> fields = layout.fields();
    if (schema.getFieldCount() != fields.size()
        || !schema.getFields().stream().allMatch(Type::isPrimitive)) {
      throw new IllegalArgumentException("not a flat table schema: " + schema);
    }
    int maxPageRows =
        Math.min(props.getPageRowCountLimit(), props.getPageSizeThreshold() / Double.BYTES);
    List<Type> storeTypes = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      ColumnDescriptor column = schema.getColumns().get(i);
      if (f.kind == Kind.DOUBLE) {
        doubles.add(new DoublePages(column, maxPageRows));
        doubleSources.add(f.source);
      } else {
        storeTypes.add(schema.getType(i));
        storeColumns.add(column);
        storeFields.add(f);
        enumSymbols.add(
            f.kind == Kind.ENUM
                ? f.symbols.stream().map(Binary::fromString).toArray(Binary[]::new)
                : null);
      }
    }
    // A schema of the other columns: their descriptors equal the file schema's, so the store's
    // writers find their page writers in the file's page store.
    storeSchema = new MessageType(schema.getName(), storeTypes);
  }

  /** Rows in the open row group. */
  int rows() {
    return rows;
  }

  /**
   * Bytes the open row group holds: compressed pages and open pages, as parquet-mr's writer counts
   * them to decide when a row group is full.
   */
  long bufferedBytes() {
    if (pages == null) {
      return 0;
    }
    long bytes = store.getBufferedSize();
    for (DoublePages d : doubles) {
      bytes += d.bufferedBytes();
    }
    return bytes;
  }

  /** Appends rows {@code from..to} of a block that {@link BlockLayout#check} accepted. */
  void write(FeatureBlock block, int from, int to) throws IOException {
    if (pages == null) {
      startRowGroup();
    }
    for (int d = 0; d < doubles.size(); d++) {
      doubles.get(d).write(block.values(doubleSources.get(d)), from, to);
    }
    writeStoreColumns(block, from, to);
    rows += to - from;
  }

  /** Writes the open row group (at least one row) to the file. */
  void flushTo(ParquetFileWriter file) throws IOException {
    file.startBlock(rows);
    store.flush();
    for (DoublePages d : doubles) {
      d.finishRowGroup();
    }
    pages.flushToFileWriter(file);
    file.endBlock();
    pages = null;
    store = null;
    writers = null;
    rows = 0;
  }

  /** A page store per row group, as parquet-mr's writer has: its page writers keep their pages. */
  private void startRowGroup() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            schema,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled());
    store = props.newColumnWriteStore(storeSchema, pages, pages);
    writers = new ColumnWriter[storeColumns.size()];
    for (int s = 0; s < writers.length; s++) {
      writers[s] = store.getColumnWriter(storeColumns.get(s));
    }
    for (DoublePages d : doubles) {
      d.startRowGroup(pages.getPageWriter(d.column()));
    }
  }

  /**
   * Writes the rows column by column (a loop per column, not a switch per value), then ends them.
   * The store checks page sizes at record ends, so a page of these columns ends where a call's rows
   * end: at most a block's rows past where a record-at-a-time writer would end it.
   */
  private void writeStoreColumns(FeatureBlock block, int from, int to) {
    for (int s = 0; s < writers.length; s++) {
      Field f = storeFields.get(s);
      ColumnWriter w = writers[s];
      int present = storeColumns.get(s).getMaxDefinitionLevel();
      switch (f.kind) {
        case TIME:
          long[] time = block.time();
          for (int r = from; r < to; r++) {
            w.write(time[r], 0, present);
          }
          break;
        case LABEL:
          String[] labels = block.labels(f.source);
          for (int r = from; r < to; r++) {
            if (labels[r] == null) {
              w.writeNull(0, 0);
            } else {
              w.write(Binary.fromString(labels[r]), 0, present);
            }
          }
          break;
        default:
          writeValues(w, f.kind, enumSymbols.get(s), block.values(f.source), from, to, present);
      }
    }
    for (int r = from; r < to; r++) {
      store.endRecord();
    }
  }

  /** A value column, converted as {@link FeatureRecords} converts it (NaN is null). */
  private static void writeValues(
      ColumnWriter w, Kind kind, Binary[] symbols, double[] values, int from, int to, int present) {
    for (int r = from; r < to; r++) {
      double v = values[r];
      if (Double.isNaN(v)) {
        w.writeNull(0, 0);
      } else if (kind == Kind.LONG) {
        w.write((long) v, 0, present);
      } else if (kind == Kind.INT) {
        w.write((int) v, 0, present);
      } else if (kind == Kind.BOOLEAN) {
        w.write(v != 0, 0, present);
      } else {
        w.write(symbols[(int) v], 0, present);
      }
    }
  }
}
