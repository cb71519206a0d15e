package io.microstructure.model;

/**
 * The three capture channels. The declaration order is the contract's channel rank: at equal
 * (capture_ts, seq) trades sort before ticker before orderbook.
 */
public enum Channel {
  TRADES("trades"),
  TICKER("ticker"),
  ORDERBOOK("orderbook");

  private final String folder;

  Channel(String folder) {
    this.folder = folder;
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
