package io.microstructure.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Damages a Parquet file in place, as a torn write or bit rot would, with its footer intact. */
public final class ParquetDamage {
  private ParquetDamage() {}

  /**
   * Overwrites 64 bytes with zeros at the first data page of a column chunk (where its page header
   * is), found with DuckDB's {@code parquet_metadata}.
   *
   * @param column the column's path as DuckDB prints it, e.g. {@code capture_ts}
   */
  public static void breakDataPage(DuckDb duck, Path file, int rowGroup, String column) {
    Object offset =
        duck.scalar(
            "SELECT data_page_offset FROM parquet_metadata('"
                + file
                + "') WHERE row_group_id = "
                + rowGroup
                + " AND path_in_schema = '"
                + column
                + "'");
    if (offset == null) {
      throw new IllegalArgumentException(file + " has no column " + column + " in " + rowGroup);
    }
    overwrite(file, ((Number) offset).longValue(), new byte[64]);
  }

  public static void overwrite(Path file, long offset, byte[] bytes) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      f.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
