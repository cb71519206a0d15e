package io.microstructure.model;

/** One valid ticker update; absent values are NaN. */
public final class TickerUpdate implements RawRow {
  private final String exchange;
  private final String symbol;
  private final long captureTs;
  private final long seq;
  private final long fileKey;
  private final long row;
  private final double bid;
  private final double ask;
  private final double last;
  private final double baseVolume;
  private final double quoteVolume;
  private final double percentage;

  public TickerUpdate(
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
      double percentage) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.captureTs = captureTs;
    this.seq = seq;
    this.fileKey = fileKey;
    this.row = row;
    this.bid = bid;
    this.ask = ask;
    this.last = last;
    this.baseVolume = baseVolume;
    this.quoteVolume = quoteVolume;
    this.percentage = percentage;
  }

  @Override
  public String exchange() {
    return exchange;
  }

  @Override
  public String symbol() {
    return symbol;
  }

  public MarketKey key() {
    return MarketKey.of(exchange, symbol);
  }

  public long captureTs() {
    return captureTs;
  }

  public long seq() {
    return seq;
  }

  @Override
  public long fileKey() {
    return fileKey;
  }

  public long row() {
    return row;
  }

  public double bid() {
    return bid;
  }

  public double ask() {
    return ask;
  }

  public double last() {
    return last;
  }

  public double baseVolume() {
    return baseVolume;
  }

  public double quoteVolume() {
    return quoteVolume;
  }

  public double percentage() {
    return percentage;
  }
}
