package io.microstructure.model;

import java.util.Arrays;

/**
 * Valid ticker updates of one market: the common event columns plus the values the ticker features
 * read (NaN where absent).
 */
public final class TickerBlock extends EventBlock {
  /** The value columns, in this order. */
  public static final int BID = 0;

  public static final int ASK = 1;
  public static final int LAST = 2;
  public static final int BASE_VOLUME = 3;
  public static final int QUOTE_VOLUME = 4;
  public static final int PERCENTAGE = 5;
  public static final int VALUES = 6;

  private final double[][] values;

  public TickerBlock(
      String exchange,
      String symbol,
      long fileKey,
      int size,
      long[] captureTs,
      long[] seq,
      long[] row,
      double[][] values) {
    super(exchange, symbol, fileKey, size, captureTs, seq, row);
    if (values.length != VALUES) {
      throw new IllegalArgumentException("a ticker block has " + VALUES + " value columns");
    }
    this.values = values;
  }

  private TickerBlock(Builder b) {
    super(b);
    this.values = new double[VALUES][];
    for (int c = 0; c < VALUES; c++) {
      values[c] = Arrays.copyOf(b.values[c], b.size);
    }
  }

  @Override
  public Channel channel() {
    return Channel.TICKER;
  }

  /** Value column c (one of {@link #BID} … {@link #PERCENTAGE}) of row i. */
  public double value(int c, int i) {
    return values[c][i];
  }

  @Override
  public TickerBlock select(int[] rows) {
    return new TickerBlock(this, rows);
  }

  private TickerBlock(TickerBlock source, int[] rows) {
    super(source, rows);
    this.values = new double[VALUES][rows.length];
    for (int c = 0; c < VALUES; c++) {
      for (int i = 0; i < rows.length; i++) {
        values[c][i] = source.values[c][rows[i]];
      }
    }
  }

  /** Every row as a ticker update, in block order. */
  public java.util.List<TickerUpdate> updates() {
    java.util.List<TickerUpdate> rows = new java.util.ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      rows.add(
          new TickerUpdate(
              exchange(),
              symbol(),
              captureTs(i),
              seq(i),
              fileKey(),
              row(i),
              values[BID][i],
              values[ASK][i],
              values[LAST][i],
              values[BASE_VOLUME][i],
              values[QUOTE_VOLUME][i],
              values[PERCENTAGE][i]));
    }
    return rows;
  }

  /** Value column c (length ≥ size), for coders: never to be modified. */
  public double[] column(int c) {
    return values[c];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TickerBlock)) {
      return false;
    }
    TickerBlock t = (TickerBlock) o;
    if (!sameEvents(t)) {
      return false;
    }
    for (int c = 0; c < VALUES; c++) {
      if (!Arrays.equals(values[c], 0, size(), t.values[c], 0, size())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  public static Builder builder(String exchange, String symbol, long fileKey) {
    return new Builder(exchange, symbol, fileKey);
  }

  /** Accumulates ticker updates of one market and file. */
  public static final class Builder extends EventBlock.Builder<TickerUpdate, TickerBlock> {
    private double[][] values = new double[VALUES][64];

    private Builder(String exchange, String symbol, long fileKey) {
      super(exchange, symbol, fileKey);
    }

    @Override
    public Builder add(TickerUpdate t) {
      int i = addEvent(t.captureTs(), t.seq(), t.row());
      values[BID][i] = t.bid();
      values[ASK][i] = t.ask();
      values[LAST][i] = t.last();
      values[BASE_VOLUME][i] = t.baseVolume();
      values[QUOTE_VOLUME][i] = t.quoteVolume();
      values[PERCENTAGE][i] = t.percentage();
      return this;
    }

    @Override
    void grow(int n) {
      for (int c = 0; c < VALUES; c++) {
        values[c] = Arrays.copyOf(values[c], n);
      }
    }

    @Override
    public TickerBlock build() {
      TickerBlock block = new TickerBlock(this);
      size = 0;
      return block;
    }
  }
}
