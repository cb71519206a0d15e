package io.microstructure.model;

import java.util.Arrays;

/**
 * Valid order-book snapshots of one market: the common event columns plus every level of each side,
 * flattened (row i's bids are entries {@code bidStart(i) .. bidStart(i + 1) - 1}, best first).
 */
public final class BookBlock extends EventBlock {
  private final int[] bidStart;
  private final int[] askStart;
  private final LevelValues bidPrice;
  private final LevelValues bidAmount;
  private final LevelValues askPrice;
  private final LevelValues askAmount;

  public BookBlock(
      String exchange,
      String symbol,
      long fileKey,
      int size,
      long[] captureTs,
      long[] seq,
      long[] row,
      int[] bidStart,
      LevelValues bidPrice,
      LevelValues bidAmount,
      int[] askStart,
      LevelValues askPrice,
      LevelValues askAmount) {
    super(exchange, symbol, fileKey, size, captureTs, seq, row);
    if (bidStart.length < size + 1 || askStart.length < size + 1) {
      throw new IllegalArgumentException("level offsets shorter than the block");
    }
    this.bidStart = bidStart;
    this.askStart = askStart;
    this.bidPrice = bidPrice;
    this.bidAmount = bidAmount;
    this.askPrice = askPrice;
    this.askAmount = askAmount;
  }

  private BookBlock(Builder b) {
    super(b);
    int n = b.size;
    this.bidStart = Arrays.copyOf(b.bidStart, n + 1);
    this.askStart = Arrays.copyOf(b.askStart, n + 1);
    this.bidPrice = LevelValues.of(b.bidPrice, b.bidStart[n]);
    this.bidAmount = LevelValues.of(b.bidAmount, b.bidStart[n]);
    this.askPrice = LevelValues.of(b.askPrice, b.askStart[n]);
    this.askAmount = LevelValues.of(b.askAmount, b.askStart[n]);
  }

  @Override
  public Channel channel() {
    return Channel.ORDERBOOK;
  }

  public int bidLevels(int i) {
    return bidStart[i + 1] - bidStart[i];
  }

  public int askLevels(int i) {
    return askStart[i + 1] - askStart[i];
  }

  /** Price of row i's bid level m (0 = best); m must be below {@link #bidLevels}. */
  public double bidPrice(int i, int m) {
    return bidPrice.get(bidStart[i] + m);
  }

  public double askPrice(int i, int m) {
    return askPrice.get(askStart[i] + m);
  }

  public double bidAmount(int i, int m) {
    return bidAmount.get(bidStart[i] + m);
  }

  public double askAmount(int i, int m) {
    return askAmount.get(askStart[i] + m);
  }

  /**
   * Copies the first {@code max} levels (or fewer) of row i's bids into the arrays and returns how
   * many.
   */
  public int copyBids(int i, int max, double[] price, double[] amount) {
    int from = bidStart[i];
    int n = Math.min(max, bidStart[i + 1] - from);
    bidPrice.copy(from, price, n);
    bidAmount.copy(from, amount, n);
    return n;
  }

  public int copyAsks(int i, int max, double[] price, double[] amount) {
    int from = askStart[i];
    int n = Math.min(max, askStart[i + 1] - from);
    askPrice.copy(from, price, n);
    askAmount.copy(from, amount, n);
    return n;
  }

  @Override
  public BookBlock select(int[] rows) {
    return new BookBlock(this, rows, starts(bidStart, rows), starts(askStart, rows));
  }

  /** These rows of {@code source}; their level offsets packed into {@code bids}, {@code asks}. */
  private BookBlock(BookBlock source, int[] rows, int[] bids, int[] asks) {
    super(source, rows);
    this.bidStart = bids;
    this.askStart = asks;
    this.bidPrice = source.bidPrice.gather(source.bidStart, rows, bids);
    this.bidAmount = source.bidAmount.gather(source.bidStart, rows, bids);
    this.askPrice = source.askPrice.gather(source.askStart, rows, asks);
    this.askAmount = source.askAmount.gather(source.askStart, rows, asks);
  }

  /** Level offsets of the selected rows, packed. */
  private static int[] starts(int[] starts, int[] rows) {
    int[] out = new int[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      out[i + 1] = out[i] + starts[rows[i] + 1] - starts[rows[i]];
    }
    return out;
  }

  /** Row i as a snapshot. */
  public OrderBookSnapshot snapshot(int i) {
    int bids = bidLevels(i);
    int asks = askLevels(i);
    double[] bp = new double[bids];
    double[] ba = new double[bids];
    double[] ap = new double[asks];
    double[] aa = new double[asks];
    copyBids(i, bids, bp, ba);
    copyAsks(i, asks, ap, aa);
    return new OrderBookSnapshot(
        exchange(), symbol(), captureTs(i), seq(i), fileKey(), row(i), bp, ba, ap, aa);
  }

  /** Every row as a snapshot, in block order. */
  public java.util.List<OrderBookSnapshot> snapshots() {
    java.util.List<OrderBookSnapshot> rows = new java.util.ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      rows.add(snapshot(i));
    }
    return rows;
  }

  /** True when row i of this block and row j of {@code o} hold the same levels on both sides. */
  public boolean sameBook(int i, BookBlock o, int j) {
    int bids = bidLevels(i);
    int asks = askLevels(i);
    return bids == o.bidLevels(j)
        && asks == o.askLevels(j)
        && bidPrice.sameRange(bidStart[i], o.bidPrice, o.bidStart[j], bids)
        && bidAmount.sameRange(bidStart[i], o.bidAmount, o.bidStart[j], bids)
        && askPrice.sameRange(askStart[i], o.askPrice, o.askStart[j], asks)
        && askAmount.sameRange(askStart[i], o.askAmount, o.askStart[j], asks);
  }

  /** Total bid levels of the block (the length of the flattened bid columns). */
  public int totalBidLevels() {
    return bidStart[size()];
  }

  public int totalAskLevels() {
    return askStart[size()];
  }

  /** Level offsets and flattened values, for coders: not to be modified. */
  public int[] bidStarts() {
    return bidStart;
  }

  public int[] askStarts() {
    return askStart;
  }

  public LevelValues bidPrices() {
    return bidPrice;
  }

  public LevelValues bidAmounts() {
    return bidAmount;
  }

  public LevelValues askPrices() {
    return askPrice;
  }

  public LevelValues askAmounts() {
    return askAmount;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BookBlock)) {
      return false;
    }
    BookBlock b = (BookBlock) o;
    if (!sameEvents(b)) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!sameBook(i, b, i)) {
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

  /** Accumulates snapshots of one market and file. */
  public static final class Builder extends EventBlock.Builder<OrderBookSnapshot, BookBlock> {
    private int[] bidStart = new int[65];
    private int[] askStart = new int[65];
    private double[] bidPrice = new double[1024];
    private double[] bidAmount = new double[1024];
    private double[] askPrice = new double[1024];
    private double[] askAmount = new double[1024];

    private Builder(String exchange, String symbol, long fileKey) {
      super(exchange, symbol, fileKey);
    }

    /** Appends a snapshot whose sides are the first {@code bids}/{@code asks} array entries. */
    public Builder add(
        long captureTs,
        long seq,
        long row,
        double[] bidPrices,
        double[] bidAmounts,
        int bids,
        double[] askPrices,
        double[] askAmounts,
        int asks) {
      int i = addEvent(captureTs, seq, row);
      int b = bidStart[i];
      int a = askStart[i];
      if (b + bids > bidPrice.length) {
        int n = Math.max(b + bids, 2 * bidPrice.length);
        bidPrice = Arrays.copyOf(bidPrice, n);
        bidAmount = Arrays.copyOf(bidAmount, n);
      }
      if (a + asks > askPrice.length) {
        int n = Math.max(a + asks, 2 * askPrice.length);
        askPrice = Arrays.copyOf(askPrice, n);
        askAmount = Arrays.copyOf(askAmount, n);
      }
      System.arraycopy(bidPrices, 0, bidPrice, b, bids);
      System.arraycopy(bidAmounts, 0, bidAmount, b, bids);
      System.arraycopy(askPrices, 0, askPrice, a, asks);
      System.arraycopy(askAmounts, 0, askAmount, a, asks);
      bidStart[i + 1] = b + bids;
      askStart[i + 1] = a + asks;
      return this;
    }

    @Override
    public Builder add(OrderBookSnapshot s) {
      return add(
          s.captureTs(),
          s.seq(),
          s.row(),
          s.bidPrice(),
          s.bidAmount(),
          s.bidLevels(),
          s.askPrice(),
          s.askAmount(),
          s.askLevels());
    }

    @Override
    public int levels() {
      return bidStart[size] + askStart[size];
    }

    @Override
    void grow(int n) {
      bidStart = Arrays.copyOf(bidStart, n + 1);
      askStart = Arrays.copyOf(askStart, n + 1);
    }

    @Override
    public BookBlock build() {
      BookBlock block = new BookBlock(this);
      size = 0;
      return block;
    }
  }
}
