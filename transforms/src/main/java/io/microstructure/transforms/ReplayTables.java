package io.microstructure.transforms;

import io.microstructure.features.FeatureParameters;
import io.microstructure.model.OutputTable;
import io.microstructure.output.OutputLayout;
import io.microstructure.output.PartitionedBlockWriter;
import io.microstructure.output.OutputSchemas;
import java.io.Serializable;
import java.util.EnumMap;
import org.apache.avro.Schema;

/**
 * Where {@link ReplayMarkets} writes the tables it produces row by row ({@link
 * OutputTable#perEventTables()}): each table's folder of an output layout, its schema for the run's
 * parameters, and its staging folder under one root.
 */
public final class ReplayTables implements Serializable {
  private static final long serialVersionUID = 1L;

  private final OutputLayout layout;
  private final FeatureParameters params;
  private final String stagingRoot;
  private final long fileCutMicros;

  private ReplayTables(
      OutputLayout layout, FeatureParameters params, String stagingRoot, long fileCutMicros) {
    this.layout = layout;
    this.params = params;
    this.stagingRoot = stagingRoot;
    this.fileCutMicros = fileCutMicros;
  }

  /** The tables of an output layout, staged under {@code stagingRoot}. */
  public static ReplayTables of(OutputLayout out, FeatureParameters params, String stagingRoot) {
    return new ReplayTables(out, params, stagingRoot, 0);
  }

  /**
   * For an incremental run: files cut at every chunk of row time and keyed by its start ({@link
   * io.microstructure.output.FileKeys}).
   */
  public ReplayTables keyedByChunksOf(long chunkMicros) {
    return new ReplayTables(layout, params, stagingRoot, chunkMicros);
  }

  /** The cut of the staged files ({@link PartitionedBlockWriter}); 0: per partition only. */
  public long fileCutMicros() {
    return fileCutMicros;
  }

  public String tableRoot(OutputTable table) {
    return layout.table(table);
  }

  public Schema schema(OutputTable table) {
    return OutputSchemas.of(table, params);
  }

  /** The schemas of every per-event table, for a DoFn to make once. */
  public EnumMap<OutputTable, Schema> schemas() {
    EnumMap<OutputTable, Schema> all = new EnumMap<>(OutputTable.class);
    for (OutputTable t : OutputTable.perEventTables()) {
      all.put(t, schema(t));
    }
    return all;
  }

  /** The output root the tables are under. */
  public String outputRoot() {
    return layout.root();
  }

  /** The run's staging folder for the replay's files. */
  public String stagingRoot() {
    return stagingRoot;
  }

  public String stagingDir(OutputTable table) {
    return stagingRoot + "/" + table.tableName();
  }
}
