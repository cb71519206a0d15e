package io.microstructure.model;

/**
 * A snapshot after the structural ParDo, as it travels through the GroupByKey: its sort fields, a
 * hash of the full book (for duplicate detection), the top levels that order-flow imbalance needs,
 * and the structural feature values that ride along to be joined with the stateful ones.
 *
 * <p>Exchange and symbol are not repeated here: they are the group's key.
 */
public final class FeaturedSnapshot {
  private final long captureTs;
  private final long seq;
  private final long fileKey;
  private final long row;
  private final long bookHash;
  private final double[] bidPrice;
  private final double[] bidAmount;
  private final double[] askPrice;
  private final double[] askAmount;
  private final double[] structural;

  public FeaturedSnapshot(
      long captureTs,
      long seq,
      long fileKey,
      long row,
      long bookHash,
      double[] bidPrice,
      double[] bidAmount,
      double[] askPrice,
      double[] askAmount,
      double[] structural) {
    this.captureTs = captureTs;
    this.seq = seq;
    this.fileKey = fileKey;
    this.row = row;
    this.bookHash = bookHash;
    this.bidPrice = bidPrice;
    this.bidAmount = bidAmount;
    this.askPrice = askPrice;
    this.askAmount = askAmount;
    this.structural = structural;
  }

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

  /** Hash of the complete bids and asks; equal books have equal hashes. */
  public long bookHash() {
    return bookHash;
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

  /** Structural feature values in StructuralFeatures column order, NaN for null. */
  public double[] structural() {
    return structural;
  }
}
