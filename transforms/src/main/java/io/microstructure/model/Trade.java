package io.microstructure.model;

/** One valid public trade as read. */
public final class Trade implements RawRow {
  private final String exchange;
  private final String symbol;
  private final long captureTs;
  private final long seq;
  private final long fileKey;
  private final long row;
  private final String id;
  private final boolean buy;
  private final double price;
  private final double amount;

  public Trade(
      String exchange,
      String symbol,
      long captureTs,
      long seq,
      long fileKey,
      long row,
      String id,
      boolean buy,
      double price,
      double amount) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.captureTs = captureTs;
    this.seq = seq;
    this.fileKey = fileKey;
    this.row = row;
    this.id = id;
    this.buy = buy;
    this.price = price;
    this.amount = amount;
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

  /** Exchange trade id, or null when the exchange gave none (such trades are never duplicates). */
  public String id() {
    return id;
  }

  /** True when the taker bought. */
  public boolean buy() {
    return buy;
  }

  public double price() {
    return price;
  }

  public double amount() {
    return amount;
  }
}
