package io.microstructure.model;

import java.util.Arrays;

/**
 * Events of one channel and one market read from one place of one file (a row group, or a stretch
 * of an NDJSON file), column by column: the unit that travels from the readers through the market
 * GroupByKey to the replay, so the runner handles a few hundred elements instead of millions.
 *
 * <p>Every row carries the fields of the reconstructed order: capture_ts (epoch µs), seq ({@link
 * EventPosition#NO_SEQ} when missing) and its row number in the file; the file key is the block's.
 * Arrays are owned by the block and never mutated after construction.
 */
public abstract class EventBlock {
  private final String exchange;
  private final String symbol;
  private final long fileKey;
  private final int size;
  private final long[] captureTs;
  private final long[] seq;
  private final long[] row;

  EventBlock(
      String exchange,
      String symbol,
      long fileKey,
      int size,
      long[] captureTs,
      long[] seq,
      long[] row) {
    if (captureTs.length < size || seq.length < size || row.length < size) {
      throw new IllegalArgumentException("columns shorter than the block");
    }
    this.exchange = exchange;
    this.symbol = symbol;
    this.fileKey = fileKey;
    this.size = size;
    this.captureTs = captureTs;
    this.seq = seq;
    this.row = row;
  }

  public abstract Channel channel();

  public String exchange() {
    return exchange;
  }

  public String symbol() {
    return symbol;
  }

  public MarketKey key() {
    return MarketKey.of(exchange, symbol);
  }

  public long fileKey() {
    return fileKey;
  }

  public int size() {
    return size;
  }

  /** Capture time of row i, epoch microseconds. */
  public long captureTs(int i) {
    return captureTs[i];
  }

  public long seq(int i) {
    return seq[i];
  }

  /** Row number of row i in its file (0-based for Parquet, the line number for NDJSON). */
  public long row(int i) {
    return row[i];
  }

  /** The common columns of the rows added to {@code b}, trimmed to their number. */
  EventBlock(Builder<?, ?> b) {
    this(
        b.exchange,
        b.symbol,
        b.fileKey,
        b.size,
        Arrays.copyOf(b.captureTs, b.size),
        Arrays.copyOf(b.seq, b.size),
        Arrays.copyOf(b.row, b.size));
  }

  /** The common columns of these rows of {@code source}, in this order: a subclass's select. */
  EventBlock(EventBlock source, int[] rows) {
    this(
        source.exchange,
        source.symbol,
        source.fileKey,
        rows.length,
        gather(source.captureTs, rows),
        gather(source.seq, rows),
        gather(source.row, rows));
  }

  /** The entries of a per-row column at these rows, in this order. */
  private static long[] gather(long[] column, int[] rows) {
    long[] out = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = column[rows[i]];
    }
    return out;
  }

  /** A block of these rows of this one, in this order: columns copied, no row objects. */
  public abstract EventBlock select(int[] rows);

  /** The capture_ts column (length ≥ size), for coders: never to be modified. */
  public long[] captureTsColumn() {
    return captureTs;
  }

  /** The seq column (length ≥ size), for coders: never to be modified. */
  public long[] seqColumn() {
    return seq;
  }

  /** The row-number column (length ≥ size), for coders: never to be modified. */
  public long[] rowColumn() {
    return row;
  }

  /** Equal when the common columns are; subclasses add theirs. */
  boolean sameEvents(EventBlock o) {
    return exchange.equals(o.exchange)
        && symbol.equals(o.symbol)
        && fileKey == o.fileKey
        && size == o.size
        && Arrays.equals(captureTs, 0, size, o.captureTs, 0, size)
        && Arrays.equals(seq, 0, size, o.seq, 0, size)
        && Arrays.equals(row, 0, size, o.row, 0, size);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * exchange.hashCode() + symbol.hashCode()) + Long.hashCode(fileKey) + size;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "["
        + exchange
        + " "
        + symbol
        + ", "
        + size
        + " rows from file key "
        + fileKey
        + "]";
  }

  /**
   * A block of rows of type T under construction: the growable common columns, and the channel's
   * own in the subclass.
   */
  public abstract static class Builder<T extends RawRow, B extends EventBlock> {
    final String exchange;
    final String symbol;
    final long fileKey;
    int size;
    long[] captureTs = new long[64];
    long[] seq = new long[64];
    long[] row = new long[64];

    Builder(String exchange, String symbol, long fileKey) {
      this.exchange = exchange;
      this.symbol = symbol;
      this.fileKey = fileKey;
    }

    public int size() {
      return size;
    }

    /** Book levels held so far (both sides); 0 for channels without levels. */
    public int levels() {
      return 0;
    }

    /** Appends the common fields of a row and returns its index. */
    final int addEvent(long ts, long sq, long rw) {
      if (size == captureTs.length) {
        int n = 2 * size;
        captureTs = Arrays.copyOf(captureTs, n);
        seq = Arrays.copyOf(seq, n);
        row = Arrays.copyOf(row, n);
        grow(n);
      }
      captureTs[size] = ts;
      seq[size] = sq;
      row[size] = rw;
      return size++;
    }

    /** Appends a row. */
    public abstract Builder<T, B> add(T row);

    /** The block of the rows added so far (arrays trimmed to size); the builder is then empty. */
    public abstract B build();

    /** Grows the channel's own per-row columns to n entries. */
    abstract void grow(int n);
  }
}
