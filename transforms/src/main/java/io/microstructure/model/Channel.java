package io.microstructure.model;

/**
 * The three capture channels. The declaration order is the contract's channel rank: at equal
 * (capture_ts, seq) trades sort before ticker before orderbook.
 */
public enum Channel {
  TRADES("trades", "trade"),
  TICKER("ticker", "ticker"),
  ORDERBOOK("orderbook", "orderbook");

  private final String folder;
  private final String legacyType;

  Channel(String folder, String legacyType) {
    this.folder = folder;
    this.legacyType = legacyType;
  }

  /** The {@code "type"} of this channel's lines in the legacy mixed NDJSON stream. */
  public String legacyType() {
    return legacyType;
  }

  /** Folder name under {@code ready/<source>/} and in output paths. */
  public String folder() {
    return folder;
  }

  public byte rank() {
    return (byte) ordinal();
  }

  public static Channel fromFolder(String name) {
    for (Channel c : values()) {
      if (c.folder.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown channel '" + name + "' (orderbook, trades, ticker)");
  }
}
