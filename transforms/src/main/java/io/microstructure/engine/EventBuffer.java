package io.microstructure.engine;

import io.microstructure.model.Channel;
import io.microstructure.model.FeaturedSnapshot;
import io.microstructure.model.MarketEvent;
import io.microstructure.model.Trade;
import java.util.Arrays;

/**
 * One key's snapshots and trades, held as primitive sort columns plus the events themselves, so
 * that the reconstructed order is a sort of an int permutation over primitive arrays.
 *
 * <p>Events are iterated in insertion order until {@link #sortByReconstructedOrder()} is called;
 * the legacy NDJSON path keeps insertion (arrival) order, the Parquet path sorts.
 */
public final class EventBuffer {
  private long[] captureTs = new long[1024];
  private long[] seq = new long[1024];
  private byte[] rank = new byte[1024];
  private long[] fileKey = new long[1024];
  private long[] row = new long[1024];
  private Object[] events = new Object[1024];
  private int[] order;
  private int size;
  private int snapshots;

  public void add(MarketEvent event) {
    if (event.isSnapshot()) {
      add(event.snapshot());
    } else {
      add(event.trade());
    }
  }

  public void add(FeaturedSnapshot s) {
    append(s.captureTs(), s.seq(), Channel.ORDERBOOK.rank(), s.fileKey(), s.row(), s);
    snapshots++;
  }

  public void add(Trade t) {
    append(t.captureTs(), t.seq(), Channel.TRADES.rank(), t.fileKey(), t.row(), t);
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
  }

  public int size() {
    return size;
  }

  public int snapshotCount() {
    return snapshots;
  }

  /** Sorts by the contract's (capture_ts, seq, channel rank, position in file). */
  public void sortByReconstructedOrder() {
    order = ReconstructedOrder.sort(size, captureTs, seq, rank, fileKey, row);
  }

  private int index(int k) {
    return order == null ? k : order[k];
  }

  /** True when the k-th event in iteration order is a snapshot. */
  public boolean isSnapshot(int k) {
    return events[index(k)] instanceof FeaturedSnapshot;
  }

  public FeaturedSnapshot snapshot(int k) {
    return (FeaturedSnapshot) events[index(k)];
  }

  public Trade trade(int k) {
    return (Trade) events[index(k)];
  }

  public long captureTs(int k) {
    return captureTs[index(k)];
  }
}
