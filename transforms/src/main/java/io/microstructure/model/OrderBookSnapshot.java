package io.microstructure.model;

/**
 * One valid order-book row as read: the full book in primitive arrays, best level first. Arrays are
 * owned by the snapshot and never mutated after construction.
 */
public final class OrderBookSnapshot implements RawRow {
  private final String exchange;
  private final String symbol;
  private final long captureTs;
  private final long seq;
  private final long fileKey;
  private final long row;
  private final double[] bidPrice;
  private final double[] bidAmount;
  private final double[] askPrice;
  private final double[] askAmount;

  public OrderBookSnapshot(
      String exchange,
      String symbol,
      long captureTs,
      long seq,
      long fileKey,
      long row,
      double[] bidPrice,
      double[] bidAmount,
      double[] askPrice,
      double[] askAmount) {
    if (bidPrice.length != bidAmount.length || askPrice.length != askAmount.length) {
      throw new IllegalArgumentException("price and amount arrays differ in length");
    }
    this.exchange = exchange;
    this.symbol = symbol;
    this.captureTs = captureTs;
    this.seq = seq;
    this.fileKey = fileKey;
    this.row = row;
    this.bidPrice = bidPrice;
    this.bidAmount = bidAmount;
    this.askPrice = askPrice;
    this.askAmount = askAmount;
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

  /** Capture time, epoch microseconds. */
  public long captureTs() {
    return captureTs;
  }

  /** Capture sequence number, or {@link EventPosition#NO_SEQ}. */
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

  public double[] bidPrice() {
    return bidPrice;
  }

  public double[] bidAmount() {
    return bidAmount;
  }

  public double[] askPrice() {
    return askPrice;
  }

  public double[] askAmount() {
    return askAmount;
  }

  public int bidLevels() {
    return bidPrice.length;
  }

  public int askLevels() {
    return askPrice.length;
  }
}
