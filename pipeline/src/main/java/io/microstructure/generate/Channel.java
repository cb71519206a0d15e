package io.microstructure.generate;

/** The three raw channels: directory name under ready/&lt;source&gt;/ and NDJSON "type". */
public enum Channel {
  ORDERBOOK("orderbook", "orderbook"),
  TRADES("trades", "trade"),
  TICKER("ticker", "ticker");

  private final String directory;
  private final String ndjsonType;

  Channel(String directory, String ndjsonType) {
    this.directory = directory;
    this.ndjsonType = ndjsonType;
  }

  public String directory() {
    return directory;
  }

  public String ndjsonType() {
    return ndjsonType;
  }
}
