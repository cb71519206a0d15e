package io.microstructure.model;

/** One valid ticker update; absent values are NaN. */
public record TickerUpdate(
    String exchange,
    String symbol,
    long captureTs,
    long seq,
    long fileKey,
    long row,
    double bid,
    double ask,
    double last,
    double baseVolume,
    double quoteVolume,
    double percentage)
    implements RawRow {

  public MarketKey key() {
    return MarketKey.of(exchange, symbol);
  }
}
