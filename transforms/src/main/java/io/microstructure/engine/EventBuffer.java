package io.microstructure.engine;

import io.microstructure.model.Channel;
import io.microstructure.model.FeaturedSnapshot;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.TickerUpdate;
import io.microstructure.model.Trade;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * One market's events (snapshots, trades, ticker updates), held as primitive sort columns plus the
 * events themselves, so that ordering them is a sort of an int permutation over primitive arrays.
 *
 * <p>Events are iterated in insertion order until one of the sort methods is called: the Parquet
 * path sorts into the contract's reconstructed order, the legacy NDJSON path into arrival order.
 */
public final class EventBuffer {
  private long[] captureTs = new long[1024];
  private long[] seq = new long[1024];
  private byte[] rank = new byte[1024];
  private long[] fileKey = new long[1024];
  private long[] row = new long[1024];
  private Object[] events = new Object[1024];
  private boolean[] duplicateTrade;
  private int[] order;
  private int size;
  private int snapshots;
  private int trades;
  private int tickers;

  public void add(MarketEvent event) {
    if (event.isSnapshot()) {
      add(event.snapshot());
    } else if (event.isTrade()) {
      add(event.trade());
    } else {
      add(event.ticker());
    }
  }

  public void add(FeaturedSnapshot s) {
    append(s.captureTs(), s.seq(), Channel.ORDERBOOK.rank(), s.fileKey(), s.row(), s);
    snapshots++;
  }

  public void add(Trade t) {
    append(t.captureTs(), t.seq(), Channel.TRADES.rank(), t.fileKey(), t.row(), t);
    trades++;
  }

  public void add(TickerUpdate t) {
    append(t.captureTs(), t.seq(), Channel.TICKER.rank(), t.fileKey(), t.row(), t);
    tickers++;
  }

  private void append(long ts, long sq, byte rk, long fk, long rw, Object event) {
    if (size == events.length) {
      int n = size * 2;
      captureTs = Arrays.copyOf(captureTs, n);
      seq = Arrays.copyOf(seq, n);
      rank = Arrays.copyOf(rank, n);
      fileKey = Arrays.copyOf(fileKey, n);
      row = Arrays.copyOf(row, n);
      events = Arrays.copyOf(events, n);
    }
    captureTs[size] = ts;
    seq[size] = sq;
    rank[size] = rk;
    fileKey[size] = fk;
    row[size] = rw;
    events[size] = event;
    size++;
    order = null;
    duplicateTrade = null;
  }

  public int size() {
    return size;
  }

  public int snapshotCount() {
    return snapshots;
  }

  public int tradeCount() {
    return trades;
  }

  public int tickerCount() {
    return tickers;
  }

  /** Sorts by the contract's (capture_ts, seq, channel rank, position in file). */
  public void sortByReconstructedOrder() {
    order = ReconstructedOrder.sort(size, captureTs, seq, rank, fileKey, row);
    duplicateTrade = null;
  }

  /**
   * Sorts by arrival: the order of the legacy mixed stream, i.e. by file, then line. All channels
   * of a line-oriented file share its file key, so this is exactly the order the lines had.
   */
  public void sortByArrivalOrder() {
    order = ReconstructedOrder.sortByPosition(size, fileKey, row);
    duplicateTrade = null;
  }

  private int index(int k) {
    return order == null ? k : order[k];
  }

  /** The channel rank of the k-th event in iteration order. */
  public byte rank(int k) {
    return rank[index(k)];
  }

  public boolean isSnapshot(int k) {
    return rank[index(k)] == Channel.ORDERBOOK.rank();
  }

  public boolean isTrade(int k) {
    return rank[index(k)] == Channel.TRADES.rank();
  }

  public boolean isTicker(int k) {
    return rank[index(k)] == Channel.TICKER.rank();
  }

  public FeaturedSnapshot snapshot(int k) {
    return (FeaturedSnapshot) events[index(k)];
  }

  public Trade trade(int k) {
    return (Trade) events[index(k)];
  }

  public TickerUpdate ticker(int k) {
    return (TickerUpdate) events[index(k)];
  }

  public long captureTs(int k) {
    return captureTs[index(k)];
  }

  /**
   * True when the k-th event is a trade whose id an earlier trade (in iteration order) of the
   * market already had: the contract keeps the first and drops the repeats. Trades without an id
   * are never duplicates.
   */
  public boolean isDuplicateTrade(int k) {
    if (duplicateTrade == null) {
      markDuplicateTrades();
    }
    return duplicateTrade[k];
  }

  /** Number of repeated trade ids in the buffer. */
  public int duplicateTradeCount() {
    if (duplicateTrade == null) {
      markDuplicateTrades();
    }
    int n = 0;
    for (int k = 0; k < size; k++) {
      if (duplicateTrade[k]) {
        n++;
      }
    }
    return n;
  }

  private void markDuplicateTrades() {
    duplicateTrade = new boolean[size];
    Set<String> ids = new HashSet<>();
    for (int k = 0; k < size; k++) {
      if (isTrade(k)) {
        String id = trade(k).id();
        duplicateTrade[k] = id != null && !ids.add(id);
      }
    }
  }
}
