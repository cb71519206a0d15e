package io.microstructure.engine;

import io.microstructure.model.BlockRows;
import io.microstructure.model.BookBlock;
import io.microstructure.model.Channel;
import io.microstructure.model.EventBlock;
import io.microstructure.model.TickerBlock;
import io.microstructure.model.TradeBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One market's events (snapshots, trades, ticker updates), as the blocks they arrived in plus
 * primitive sort columns, so that ordering them is a sort of an int permutation over primitive
 * arrays and no event is ever copied out of its block.
 *
 * <p>Events are iterated in arrival order of the blocks until one of the sort methods is called:
 * the Parquet path sorts into the contract's reconstructed order, the legacy NDJSON path into
 * arrival order. Accessors take k, a position in that iteration order.
 */
public final class MarketEvents {
  private final List<EventBlock> blocks = new ArrayList<>();
  // Per event, in the order the blocks were added.
  private long[] captureTs = new long[0];
  private long[] seq = new long[0];
  private byte[] rank = new byte[0];
  private long[] fileKey = new long[0];
  private long[] row = new long[0];
  private int[] block = new int[0];
  private int[] rowInBlock = new int[0];
  private int size;
  private int snapshots;
  private int trades;
  private int tickers;
  private int[] order;
  private boolean[] duplicateTrade;
  private Set<ChunkContext.TradePosition> repeatsOfEarlierTrades = Set.of();

  /** The events of these blocks, in no particular order yet. */
  public static MarketEvents of(Iterable<? extends EventBlock> blocks) {
    List<BlockRows> all = new ArrayList<>();
    blocks.forEach(b -> all.add(BlockRows.all(b)));
    return ofRows(all);
  }

  /** The events of these rows of blocks (a chunk's, routed without copying), in no order yet. */
  public static MarketEvents ofRows(Iterable<BlockRows> rows) {
    MarketEvents events = new MarketEvents();
    List<BlockRows> all = new ArrayList<>();
    int n = 0;
    for (BlockRows r : rows) {
      all.add(r);
      n += r.size();
    }
    events.reserve(n);
    for (BlockRows r : all) {
      events.add(r);
    }
    return events;
  }

  private void reserve(int n) {
    captureTs = new long[n];
    seq = new long[n];
    rank = new byte[n];
    fileKey = new long[n];
    row = new long[n];
    block = new int[n];
    rowInBlock = new int[n];
  }

  private void add(BlockRows rows) {
    EventBlock b = rows.block();
    int index = blocks.size();
    blocks.add(b);
    byte r = b.channel().rank();
    long fk = b.fileKey();
    int n = rows.size();
    for (int j = 0; j < n; j++) {
      int i = rows.row(j);
      int e = size++;
      captureTs[e] = b.captureTs(i);
      seq[e] = b.seq(i);
      rank[e] = r;
      fileKey[e] = fk;
      row[e] = b.row(i);
      block[e] = index;
      rowInBlock[e] = i;
    }
    switch (b.channel()) {
      case ORDERBOOK:
        snapshots += n;
        break;
      case TRADES:
        trades += n;
        break;
      default:
        tickers += n;
    }
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

  public long captureTs(int k) {
    return captureTs[index(k)];
  }

  /** The block holding the k-th event; its row there is {@link #rowInBlock}. */
  public EventBlock block(int k) {
    return blocks.get(block[index(k)]);
  }

  public int rowInBlock(int k) {
    return rowInBlock[index(k)];
  }

  /** The k-th event's book; only when {@link #isSnapshot}. */
  public BookBlock book(int k) {
    return (BookBlock) block(k);
  }

  /** The k-th event's trade block; only when {@link #isTrade}. */
  public TradeBlock trade(int k) {
    return (TradeBlock) block(k);
  }

  /** The k-th event's ticker block; only when {@link #isTicker}. */
  public TickerBlock ticker(int k) {
    return (TickerBlock) block(k);
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

  /**
   * Marks these trades as repeats too: their ids were first seen among the market's trades that are
   * not in these events (before a chunk's context).
   */
  public void alsoRepeating(Set<ChunkContext.TradePosition> positions) {
    if (positions == repeatsOfEarlierTrades) {
      return; // marked already: a chunk replay hands the same set to each channel's replay
    }
    repeatsOfEarlierTrades = positions;
    duplicateTrade = null;
  }

  /** Number of repeated trade ids. */
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
        String id = trade(k).id(rowInBlock(k));
        duplicateTrade[k] =
            id != null
                && (!ids.add(id)
                    || repeatsOfEarlierTrades.contains(
                        new ChunkContext.TradePosition(fileKey[index(k)], row[index(k)])));
      }
    }
  }
}
