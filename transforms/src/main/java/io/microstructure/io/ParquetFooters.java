package io.microstructure.io;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;

/** Parquet files on any Beam filesystem (local or S3): opened, and cheap facts from a footer. */
public final class ParquetFooters {
  private ParquetFooters() {}

  /**
   * A reader of a Parquet file with the pipeline's read settings ({@link
   * ParquetRecords#readConfiguration}); closing it closes the file.
   */
  public static ParquetFileReader open(ResourceId file) throws IOException {
    ReadableByteChannel channel = FileSystems.open(file);
    if (!(channel instanceof SeekableByteChannel)) {
      channel.close();
      throw new IOException("filesystem cannot seek in " + file);
    }
    SeekableByteChannel c = (SeekableByteChannel) channel;
    try {
      return ParquetFileReader.open(
          new BeamInputFile(file.toString(), c),
          HadoopReadOptions.builder(ParquetRecords.readConfiguration()).build());
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Number of rows in a Parquet file, read from its footer only. */
  public static long rowCount(ResourceId file) throws IOException {
    return footer(file).getBlocks().stream().mapToLong(b -> b.getRowCount()).sum();
  }

  /** The footer of a Parquet file (schema, row groups with their column statistics). */
  public static org.apache.parquet.hadoop.metadata.ParquetMetadata footer(ResourceId file)
      throws IOException {
    try (ParquetFileReader reader = open(file)) {
      return reader.getFooter();
    }
  }
}
