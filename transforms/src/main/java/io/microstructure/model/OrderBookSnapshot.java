package io.microstructure.model;

/**
 * One valid order-book row as read: the full book in primitive arrays, best level first. Arrays are
 * owned by the snapshot and never mutated after construction.
 */
public record OrderBookSnapshot(
    String exchange,
    String symbol,
    long captureTs,
    long seq,
    long fileKey,
    long row,
    double[] bidPrice,
    double[] bidAmount,
    double[] askPrice,
    double[] askAmount)
    implements RawRow {

  public OrderBookSnapshot {
    if (bidPrice.length != bidAmount.length || askPrice.length != askAmount.length) {
      throw new IllegalArgumentException("price and amount arrays differ in length");
    }
  }

  public MarketKey key() {
    return MarketKey.of(exchange, symbol);
  }

  public int bidLevels() {
    return bidPrice.length;
  }

  public int askLevels() {
    return askPrice.length;
  }
}
