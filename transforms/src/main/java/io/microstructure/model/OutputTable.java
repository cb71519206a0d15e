package io.microstructure.model;

import java.util.EnumSet;
import java.util.Locale;

/**
 * The tables a run produces, by the name they go by everywhere: their folder's role in the output
 * layout, their staging folder, the namespace of their {@code rows_written} counter and the name
 * users pass to {@code FeatureTables}.
 */
public enum OutputTable {
  /** One row per valid snapshot: every order-book feature. */
  ORDERBOOK_HF(Channel.ORDERBOOK, true),
  /** Time bars of every duration (one folder per duration). */
  ORDERBOOK_BARS(Channel.ORDERBOOK, false),
  /** One row per trade. */
  TRADES_HF(Channel.TRADES, true),
  /** Bars of a fixed traded volume. */
  TRADES_VOLUME_BARS(Channel.TRADES, true),
  /** One row per ticker update. */
  TICKER_HF(Channel.TICKER, true),
  /** Dead letters of every channel read. */
  REJECTED(null, false);

  private final Channel channel;
  private final boolean perEvent;

  OutputTable(Channel channel, boolean perEvent) {
    this.channel = channel;
    this.perEvent = perEvent;
  }

  /** {@code orderbook_hf}, {@code trades_volume_bars}, ...: the table's name in folders and counters. */
  public String tableName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel whose features the table holds; null for the dead letters, which are of all. */
  public Channel channel() {
    return channel;
  }

  /**
   * Whether the replay produces the table row by row as blocks (so it can also write it itself);
   * time bars are merged by a Combine after it, dead letters come from the readers.
   */
  public boolean perEvent() {
    return perEvent;
  }

  /** The tables the replay produces row by row. */
  public static EnumSet<OutputTable> perEventTables() {
    EnumSet<OutputTable> tables = EnumSet.noneOf(OutputTable.class);
    for (OutputTable t : values()) {
      if (t.perEvent) {
        tables.add(t);
      }
    }
    return tables;
  }
}
