package io.microstructure.transforms;

import io.microstructure.model.FeatureRow;
import io.microstructure.model.MarketKey;
import io.microstructure.model.OutputTable;
import io.microstructure.model.RejectedRow;
import io.microstructure.output.FeatureRecords;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.RejectedRecords;
import io.microstructure.output.WrittenFile;
import org.apache.avro.Schema;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Writes every table of a {@link FeatureTables} as Hive-partitioned Parquet into staging folders
 * and returns the staged files (with those the replay wrote itself), for {@link CommitRun} to put
 * in place under the output layout.
 */
public final class WriteFeatureTables
    extends PTransform<FeatureTables, PCollection<WrittenFile>> {
  private static final long serialVersionUID = 1L;

  private final OutputLayout layout;
  private final String stagingRoot;
  private final long chunkMicros;

  private WriteFeatureTables(OutputLayout layout, String stagingRoot, long chunkMicros) {
    this.layout = layout;
    this.stagingRoot = stagingRoot;
    this.chunkMicros = chunkMicros;
  }

  /** The tables under this layout, staged in {@code <output root>/_staging} until set otherwise. */
  public static WriteFeatureTables to(OutputLayout layout) {
    return new WriteFeatureTables(layout, layout.root() + "/_staging", 0);
  }

  /** Stages the files under {@code stagingRoot}, a folder per table, outside every table. */
  public WriteFeatureTables stagedIn(String stagingRoot) {
    return new WriteFeatureTables(layout, stagingRoot, chunkMicros);
  }

  /**
   * For an incremental run: the time bars in a file per chunk of their bar_start, keyed by the
   * chunk's start ({@link io.microstructure.output.FileKeys}).
   */
  public WriteFeatureTables keyedByChunksOf(long chunkMicros) {
    return new WriteFeatureTables(layout, stagingRoot, chunkMicros);
  }

  @Override
  public PCollection<WrittenFile> expand(FeatureTables tables) {
    PCollectionList<WrittenFile> staged =
        PCollectionList.of(tables.stagedByReplay()).and(deadLetters(tables));
    for (OutputTable t : tables.tables()) {
      if (t.perEvent() && !tables.writtenByReplay().contains(t)) {
        staged =
            staged.and(
                tables
                    .blocks(t)
                    .apply(
                        "Write_" + t.tableName(),
                        WriteParquetTable.blocks(
                            layout.table(t), tables.schema(t), t.tableName(), staging(t))));
      }
    }
    if (!tables.barDurations().isEmpty()) {
      staged = staged.and(timeBars(tables));
    }
    return staged.apply("AllStagedFiles", Flatten.pCollections());
  }

  private PCollection<WrittenFile> deadLetters(FeatureTables tables) {
    OutputTable t = OutputTable.REJECTED;
    return tables
        .rejected()
        .apply(
            "WriteRejected",
            WriteParquetTable.of(
                layout.table(t),
                tables.schema(t),
                RejectedRow::channel,
                new RejectedRecords(),
                t.tableName(),
                staging(t)));
  }

  private PCollection<WrittenFile> timeBars(FeatureTables tables) {
    OutputTable t = OutputTable.ORDERBOOK_BARS;
    PCollectionList<FeatureRow> bars = PCollectionList.empty(tables.getPipeline());
    for (long d : tables.barDurations()) {
      bars = bars.and(tables.bars(d));
    }
    Schema schema = tables.schema(t);
    WriteParquetTable<FeatureRow> write =
        WriteParquetTable.of(
                layout.table(t),
                schema,
                OutputLayout.barPartition(),
                new FeatureRecords(schema),
                t.tableName(),
                staging(t))
            .withMarketOf(row -> MarketKey.of(row.exchange(), row.symbol()));
    if (chunkMicros > 0) {
      long chunk = chunkMicros;
      write = write.withFileKeyOf(row -> Math.floorDiv(row.timestamp(), chunk) * chunk);
    }
    return bars.apply("AllBars", Flatten.pCollections()).apply("Write_" + t.tableName(), write);
  }

  private String staging(OutputTable table) {
    return stagingRoot + "/" + table.tableName();
  }
}
