package io.microstructure.input;

import io.microstructure.model.OrderBookSnapshot;
import java.util.Arrays;

/**
 * One valid order-book row as a columnar reader decoded it: its fields and the first {@code bids} /
 * {@code asks} entries of the reader's level buffers. The reader reuses one instance for every row,
 * so a receiver copies what it keeps before the call returns.
 */
public final class BookRow {
  private String exchange;
  private String symbol;
  private long captureTs;
  private long seq;
  private long fileKey;
  private long row;
  private double[] bidPrice;
  private double[] bidAmount;
  private int bids;
  private double[] askPrice;
  private double[] askAmount;
  private int asks;

  /** Points this view at the next row; the arrays are the reader's and stay its own. */
  BookRow set(
      String exchange,
      String symbol,
      long captureTs,
      long seq,
      long fileKey,
      long row,
      double[] bidPrice,
      double[] bidAmount,
      int bids,
      double[] askPrice,
      double[] askAmount,
      int asks) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.captureTs = captureTs;
    this.seq = seq;
    this.fileKey = fileKey;
    this.row = row;
    this.bidPrice = bidPrice;
    this.bidAmount = bidAmount;
    this.bids = bids;
    this.askPrice = askPrice;
    this.askAmount = askAmount;
    this.asks = asks;
    return this;
  }

  public String exchange() {
    return exchange;
  }

  public String symbol() {
    return symbol;
  }

  /** Capture time, epoch microseconds. */
  public long captureTs() {
    return captureTs;
  }

  public long seq() {
    return seq;
  }

  public long fileKey() {
    return fileKey;
  }

  public long row() {
    return row;
  }

  /** Bid prices, best first; entries at and after {@link #bids()} are not this row's. */
  public double[] bidPrice() {
    return bidPrice;
  }

  public double[] bidAmount() {
    return bidAmount;
  }

  public int bids() {
    return bids;
  }

  public double[] askPrice() {
    return askPrice;
  }

  public double[] askAmount() {
    return askAmount;
  }

  public int asks() {
    return asks;
  }

  /** The row as an independent snapshot. */
  public OrderBookSnapshot toSnapshot() {
    return new OrderBookSnapshot(
        exchange,
        symbol,
        captureTs,
        seq,
        fileKey,
        row,
        Arrays.copyOf(bidPrice, bids),
        Arrays.copyOf(bidAmount, bids),
        Arrays.copyOf(askPrice, asks),
        Arrays.copyOf(askAmount, asks));
  }
}
