package io.microstructure.report;

import io.microstructure.io.ParquetFooters;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Rows and null counts per top-level column of one file, from its footer's column-chunk statistics
 * when every row group has them (the pipeline's writer and DuckDB's do), so the quality section
 * never reads a table's data; a column without them is counted by reading it.
 */
final class FooterNulls {
  private FooterNulls() {}

  /** Adds {@code file} to {@code shares}. */
  static void add(ResourceId file, NullShares shares) throws IOException {
    ParquetMetadata footer = ParquetFooters.footer(file);
    Map<String, Long> nulls = new LinkedHashMap<>();
    Map<String, Boolean> known = new LinkedHashMap<>();
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
      for (ColumnChunkMetaData c : block.getColumns()) {
        String[] path = c.getPath().toArray();
        if (path.length != 1 || FlatParquetReader.PARTITION_COLUMNS.contains(path[0])) {
          continue;
        }
        Statistics<?> s = c.getStatistics();
        boolean has = s != null && s.isNumNullsSet();
        known.merge(path[0], has, Boolean::logicalAnd);
        nulls.merge(path[0], has ? s.getNumNulls() : 0L, Long::sum);
      }
    }
    if (footer.getBlocks().isEmpty()) {
      footer.getFileMetaData().getSchema().getColumns().stream()
          .filter(c -> c.getPath().length == 1 && !FlatParquetReader.PARTITION_COLUMNS.contains(c.getPath()[0]))
          .forEach(c -> nulls.put(c.getPath()[0], 0L));
    }
    Set<String> unknown = new java.util.HashSet<>();
    known.forEach((column, has) -> {
      if (!has) {
        unknown.add(column);
      }
    });
    if (!unknown.isEmpty()) {
      Frame f = FlatParquetReader.read(List.of(file), unknown::contains);
      f.columns().values().forEach(c -> nulls.put(c.name(), (long) c.nulls()));
    }
    shares.addFile(rows, nulls);
  }
}
