package io.microstructure.output;

import io.microstructure.model.FeatureBlock;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes feature-table rows from {@link FeatureBlock}s to a Parquet file that readers cannot tell
 * from the one {@link FeatureRecords} and {@link ParquetTableSink} write: the same Parquet schema
 * and footer metadata (parquet-avro's), Snappy, dictionary encoding for every column but the DOUBLE
 * ones, statistics and page indexes. It encodes the DOUBLE columns a page at a time from the
 * block's arrays instead of a record at a time (see {@link RowGroupEncoder}).
 *
 * <p>Row groups close when the bytes they hold reach {@code rowGroupBytes}, inside a block if need
 * be. After an exception from {@link #write} or {@link #close} the file is not usable.
 */
public final class ParquetBlockWriter implements FeatureBlockWriter {
  private final BlockLayout layout;
  private final ParquetFileWriter file;
  private final CodecFactory codecs;
  private final RowGroupEncoder rowGroup;
  private final Map<String, String> metadata;
  private final long rowGroupBytes;
  private final int probeRows;
  private long lastBytesPerRow;
  private long rowsWritten;
  private boolean closed;

  private ParquetBlockWriter(
      BlockLayout layout,
      ParquetFileWriter file,
      CodecFactory codecs,
      RowGroupEncoder rowGroup,
      Map<String, String> metadata,
      long rowGroupBytes,
      int probeRows) {
    this.layout = layout;
    this.file = file;
    this.codecs = codecs;
    this.rowGroup = rowGroup;
    this.metadata = metadata;
    this.rowGroupBytes = rowGroupBytes;
    this.probeRows = probeRows;
  }

  /**
   * Creates (or overwrites) {@code file} for rows of a table schema (see {@link OutputSchemas}).
   *
   * @param rowGroupBytes bytes at which a row group is closed
   */
  public static ParquetBlockWriter open(OutputFile file, Schema tableSchema, long rowGroupBytes)
      throws IOException {
    if (rowGroupBytes <= 0) {
      throw new IllegalArgumentException("rowGroupBytes must be > 0");
    }
    BlockLayout layout = BlockLayout.of(tableSchema);
    // What AvroParquetWriter's builder does by default: a default Hadoop configuration, the schema
    // and footer metadata of parquet-avro's write support, default encoding properties (dictionary
    // encoding on, which the DOUBLE pages bypass, as ParquetTableSink turns it off for them).
    Configuration conf = new Configuration();
    AvroWriteSupport<GenericRecord> support =
        new AvroWriteSupport<>(
            new AvroSchemaConverter(conf).convert(tableSchema), tableSchema, GenericData.get());
    WriteSupport.WriteContext context = support.init(conf);
    Map<String, String> metadata = new HashMap<>(context.getExtraMetaData());
    metadata.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, support.getName());
    ParquetProperties props = ParquetProperties.builder().build();
    CodecFactory codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    try {
      RowGroupEncoder rowGroup =
          new RowGroupEncoder(
              layout,
              context.getSchema(),
              props,
              codecs.getCompressor(CompressionCodecName.SNAPPY));
      ParquetFileWriter writer =
          new ParquetFileWriter(
              file,
              context.getSchema(),
              ParquetFileWriter.Mode.OVERWRITE,
              rowGroupBytes,
              ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
              props.getColumnIndexTruncateLength(),
              props.getStatisticsTruncateLength(),
              props.getPageWriteChecksumEnabled());
      writer.start();
      return new ParquetBlockWriter(
          layout,
          writer,
          codecs,
          rowGroup,
          metadata,
          rowGroupBytes,
          props.getMinRowCountForPageSizeCheck());
    } catch (IOException | RuntimeException e) {
      codecs.release();
      throw e;
    }
  }

  /**
   * Writes rows {@code 0..size-1} of a block. The block is not kept: the caller may reuse it.
   *
   * @throws IllegalArgumentException if the block does not fit the table (then nothing of it is
   *     written)
   */
  @Override
  public void write(FeatureBlock block) throws IOException {
    if (closed) {
      throw new IllegalStateException("writer is closed");
    }
    layout.check(block);
    int from = 0;
    while (from < block.size()) {
      int to = from + (int) Math.min(block.size() - from, rowsThatFit());
      rowGroup.write(block, from, to);
      rowsWritten += to - from;
      from = to;
      // Full when another row would not fit (parquet-mr's writer: within two rows of the limit).
      long perRow = bytesPerRow();
      if (rowGroup.bufferedBytes() + perRow > rowGroupBytes) {
        lastBytesPerRow = perRow;
        rowGroup.flushTo(file);
      }
    }
  }

  @Override
  public long rowsWritten() {
    return rowsWritten;
  }

  /** Writes the last row group and the footer, and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (rowGroup.rows() > 0) {
        rowGroup.flushTo(file);
      }
      file.end(metadata);
    } finally {
      codecs.release();
    }
  }

  /**
   * Rows that still fit into the open row group at the bytes per row seen so far; before any are
   * seen, a probe of as many rows as parquet-mr's writer waits for before its first size check.
   */
  private long rowsThatFit() {
    long perRow = bytesPerRow();
    if (perRow == 0) {
      return probeRows;
    }
    return Math.max(1, (rowGroupBytes - rowGroup.bufferedBytes()) / perRow);
  }

  /** Bytes per row of the open row group, else of the last one; 0 before the first rows. */
  private long bytesPerRow() {
    int rows = rowGroup.rows();
    if (rows == 0) {
      return lastBytesPerRow;
    }
    return (rowGroup.bufferedBytes() + rows - 1) / rows;
  }
}
