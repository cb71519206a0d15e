package io.microstructure.model;

import java.util.Arrays;

/** Valid trades of one market: the common event columns plus id, taker side, price, amount. */
public final class TradeBlock extends EventBlock {
  private final String[] id;
  private final boolean[] buy;
  private final double[] price;
  private final double[] amount;

  public TradeBlock(
      String exchange,
      String symbol,
      long fileKey,
      int size,
      long[] captureTs,
      long[] seq,
      long[] row,
      String[] id,
      boolean[] buy,
      double[] price,
      double[] amount) {
    super(exchange, symbol, fileKey, size, captureTs, seq, row);
    this.id = id;
    this.buy = buy;
    this.price = price;
    this.amount = amount;
  }

  private TradeBlock(Builder b) {
    super(b);
    int n = b.size;
    this.id = Arrays.copyOf(b.id, n);
    this.buy = Arrays.copyOf(b.buy, n);
    this.price = Arrays.copyOf(b.price, n);
    this.amount = Arrays.copyOf(b.amount, n);
  }

  @Override
  public Channel channel() {
    return Channel.TRADES;
  }

  /** Exchange trade id of row i, or null (such trades are never duplicates). */
  public String id(int i) {
    return id[i];
  }

  /** True when the taker of row i bought. */
  public boolean buy(int i) {
    return buy[i];
  }

  public double price(int i) {
    return price[i];
  }

  public double amount(int i) {
    return amount[i];
  }

  @Override
  public TradeBlock select(int[] rows) {
    return new TradeBlock(this, rows);
  }

  private TradeBlock(TradeBlock source, int[] rows) {
    super(source, rows);
    int n = rows.length;
    this.id = new String[n];
    this.buy = new boolean[n];
    this.price = new double[n];
    this.amount = new double[n];
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      id[i] = source.id[r];
      buy[i] = source.buy[r];
      price[i] = source.price[r];
      amount[i] = source.amount[r];
    }
  }

  /** Every row as a trade, in block order. */
  public java.util.List<Trade> trades() {
    java.util.List<Trade> rows = new java.util.ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      rows.add(
          new Trade(
              exchange(),
              symbol(),
              captureTs(i),
              seq(i),
              fileKey(),
              row(i),
              id[i],
              buy[i],
              price[i],
              amount[i]));
    }
    return rows;
  }

  /** Columns (length ≥ size), for coders: never to be modified. */
  public String[] idColumn() {
    return id;
  }

  public boolean[] buyColumn() {
    return buy;
  }

  public double[] priceColumn() {
    return price;
  }

  public double[] amountColumn() {
    return amount;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TradeBlock)) {
      return false;
    }
    TradeBlock t = (TradeBlock) o;
    int n = size();
    return sameEvents(t)
        && Arrays.equals(id, 0, n, t.id, 0, n)
        && Arrays.equals(buy, 0, n, t.buy, 0, n)
        && Arrays.equals(price, 0, n, t.price, 0, n)
        && Arrays.equals(amount, 0, n, t.amount, 0, n);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  public static Builder builder(String exchange, String symbol, long fileKey) {
    return new Builder(exchange, symbol, fileKey);
  }

  /** Accumulates trades of one market and file. */
  public static final class Builder extends EventBlock.Builder<Trade, TradeBlock> {
    private String[] id = new String[64];
    private boolean[] buy = new boolean[64];
    private double[] price = new double[64];
    private double[] amount = new double[64];

    private Builder(String exchange, String symbol, long fileKey) {
      super(exchange, symbol, fileKey);
    }

    public Builder add(
        long captureTs, long seq, long row, String tradeId, boolean isBuy, double p, double a) {
      int i = addEvent(captureTs, seq, row);
      id[i] = tradeId;
      buy[i] = isBuy;
      price[i] = p;
      amount[i] = a;
      return this;
    }

    @Override
    public Builder add(Trade t) {
      return add(t.captureTs(), t.seq(), t.row(), t.id(), t.buy(), t.price(), t.amount());
    }

    @Override
    void grow(int n) {
      id = Arrays.copyOf(id, n);
      buy = Arrays.copyOf(buy, n);
      price = Arrays.copyOf(price, n);
      amount = Arrays.copyOf(amount, n);
    }

    @Override
    public TradeBlock build() {
      TradeBlock block = new TradeBlock(this);
      Arrays.fill(id, 0, size, null);
      size = 0;
      return block;
    }
  }
}
