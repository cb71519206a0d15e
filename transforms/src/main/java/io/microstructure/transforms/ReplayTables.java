package io.microstructure.transforms;

import io.microstructure.features.FeatureParameters;
import io.microstructure.model.OutputTable;
import io.microstructure.output.OutputLayout;
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

  private ReplayTables(OutputLayout layout, FeatureParameters params, String stagingRoot) {
    this.layout = layout;
    this.params = params;
    this.stagingRoot = stagingRoot;
  }

  /** The tables of an output layout, staged under {@code stagingRoot}. */
  public static ReplayTables of(OutputLayout out, FeatureParameters params, String stagingRoot) {
    return new ReplayTables(out, params, stagingRoot);
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

  public String stagingDir(OutputTable table) {
    return stagingRoot + "/" + table.tableName();
  }
}
