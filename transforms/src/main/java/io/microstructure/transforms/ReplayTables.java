package io.microstructure.transforms;

import io.microstructure.features.FeatureParameters;
import io.microstructure.io.OutputLayout;
import io.microstructure.io.OutputSchemas;
import io.microstructure.model.Channel;
import java.io.Serializable;
import java.util.EnumMap;
import org.apache.avro.Schema;

/**
 * Where {@link ReplayMarkets} writes the tables it produces row by row: each table's folder, schema
 * (for the run's parameters), staging folder and counter namespace.
 */
public final class ReplayTables implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The per-event tables of the replay. */
  public enum Table {
    ORDERBOOK_HF("orderbook_hf"),
    TRADES_HF("trades_hf"),
    VOLUME_BARS("trades_volume_bars"),
    TICKER_HF("ticker_hf");

    private final String name;

    Table(String name) {
      this.name = name;
    }

    /** The table's name: its staging folder and the namespace of its rows_written counter. */
    public String counterNamespace() {
      return name;
    }
  }

  private final EnumMap<Table, String> roots = new EnumMap<>(Table.class);
  private final EnumMap<Table, String> schemas = new EnumMap<>(Table.class);
  private final String stagingRoot;

  private ReplayTables(String stagingRoot) {
    this.stagingRoot = stagingRoot;
  }

  /** The tables of an output layout, staged under {@code stagingRoot}. */
  public static ReplayTables of(OutputLayout out, FeatureParameters params, String stagingRoot) {
    ReplayTables t = new ReplayTables(stagingRoot);
    t.put(Table.ORDERBOOK_HF, out.orderbookHf(), OutputSchemas.orderbookHf(params));
    t.put(Table.TRADES_HF, out.channelTable(Channel.TRADES, "hf"), OutputSchemas.tradesHf(params));
    t.put(
        Table.VOLUME_BARS,
        out.channelTable(Channel.TRADES, "volume_bars"),
        OutputSchemas.volumeBars());
    t.put(Table.TICKER_HF, out.channelTable(Channel.TICKER, "hf"), OutputSchemas.tickerHf());
    return t;
  }

  private void put(Table table, String root, Schema schema) {
    roots.put(table, root);
    schemas.put(table, schema.toString());
  }

  public String tableRoot(Table table) {
    return roots.get(table);
  }

  public Schema schema(Table table) {
    return new Schema.Parser().parse(schemas.get(table));
  }

  public String stagingDir(Table table) {
    return stagingRoot + "/" + table.counterNamespace();
  }
}
