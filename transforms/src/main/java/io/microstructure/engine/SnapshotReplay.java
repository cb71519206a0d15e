package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.ForwardReturns;
import io.microstructure.features.HfColumns;
import io.microstructure.features.OfiEwm;
import io.microstructure.features.OrderFlowImbalance;
import io.microstructure.features.RegimeMap;
import io.microstructure.features.RollingWindowFeatures;
import io.microstructure.features.SpreadRegime;
import io.microstructure.features.StructuralFeatures;
import io.microstructure.features.TimeBarAccumulator;
import io.microstructure.features.TradeFlow;
import io.microstructure.features.Vpin;
import io.microstructure.model.BookBlock;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.TradeBlock;
import java.util.Arrays;

/**
 * Replays one market's events (already in the order to use) through every order-book feature family
 * and hands on complete hf rows, a block at a time, plus the partial aggregates of its time bars.
 *
 * <p>Two passes over the kept snapshots. The walk follows the events in order: duplicates, runs,
 * trade alignment, VPIN and the time bars, leaving one primitive series per quantity the window
 * families read. The output pass then streams the rows in blocks of {@link #BLOCK_ROWS}: structural
 * values straight from each snapshot's book, order flow against the previous snapshot, and the
 * window families (rolling statistics, spread regime, forward returns) advanced block by block. So
 * a market costs its series (~130 bytes per snapshot) and one block, never a whole table of rows.
 *
 * <p>Instances keep their scratch arrays between markets; not thread-safe.
 */
public final class SnapshotReplay {
  /** Rows per output block. */
  public static final int BLOCK_ROWS = 4096;

  /** Receives the replay's output. */
  public interface Sink {
    /** The next hf rows, in order; the block is reused once the call returns. */
    void rows(FeatureBlock block);

    /** A partial aggregate of one time bar (see {@link TimeBarPartials}). */
    default void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial) {}
  }

  private final FeatureParameters params;
  private final HfColumns columns;
  private final StructuralFeatures structural;
  private final int ofiLevels;
  private final OrderFlowImbalance ofi;
  private final OfiEwm ofiEwm;
  private final long[] horizonsMicros;
  private final RollingWindowFeatures[] rolling;
  private final ForwardReturns.Cursor[] forward;
  private final SpreadRegime regime = new SpreadRegime();
  private final FeatureBlock block;
  private final double[] ofiScratch;
  private final double[] structuralScratch;
  private Book prevBook = new Book(8);
  private Book curBook = new Book(8);

  // Per kept snapshot, grown to the largest market seen.
  private long[] ts = new long[0];
  private boolean[] runStart = new boolean[0];
  private int[] runId = new int[0];
  private BookBlock[] book = new BookBlock[0];
  private int[] bookRow = new int[0];
  private double[] mid = new double[0];
  private double[] spreadBps = new double[0];
  private double[] logReturn = new double[0];
  private double[] deltaMid = new double[0];
  private double[] ofi1 = new double[0];
  private double[] mlofi = new double[0];
  private double[] ofiEwmValue = new double[0];
  private double[] buy = new double[0];
  private double[] sell = new double[0];
  private double[] count = new double[0];
  private double[] signed = new double[0];
  private double[] tfi = new double[0];
  private double[] vwap = new double[0];
  private double[] vpin = new double[0];

  public SnapshotReplay(FeatureParameters params) {
    this.params = params;
    this.columns = new HfColumns(params);
    this.structural = new StructuralFeatures(params);
    this.ofiLevels = params.ofiLevels();
    this.ofi = new OrderFlowImbalance(ofiLevels, params.ofiDecayAlpha());
    this.ofiEwm = new OfiEwm(params.ofiHalfLifeMicros());
    long[] horizons = params.horizonsSeconds();
    this.horizonsMicros = new long[horizons.length];
    this.rolling = new RollingWindowFeatures[horizons.length];
    this.forward = new ForwardReturns.Cursor[horizons.length];
    for (int h = 0; h < horizons.length; h++) {
      horizonsMicros[h] = horizons[h] * 1_000_000L;
      rolling[h] = new RollingWindowFeatures();
    }
    this.block = new FeatureBlock(columns.width(), 0, BLOCK_ROWS);
    this.ofiScratch = new double[ofiLevels];
    this.structuralScratch = new double[columns.structuralWidth()];
  }

  public HfColumns columns() {
    return columns;
  }

  public ReplayStats replay(String exchange, String symbol, MarketEvents events, Sink sink) {
    return replay(exchange, symbol, events, null, sink);
  }

  /**
   * The replay of one chunk of a market ({@link ChunkContext}; null: the whole market): the events
   * are the chunk's context, and rows, counts and the snapshot part of the bar partials are the
   * chunk's own snapshots' ({@link TradeCarries#timeBars} makes the trades' part).
   */
  public ReplayStats replay(
      String exchange, String symbol, MarketEvents events, ChunkContext chunk, Sink sink) {
    ReplayStats stats = new ReplayStats();
    ensureCapacity(events.snapshotCount());
    Vpin vpinState;
    if (chunk == null) {
      vpinState = new Vpin(bucketVolume(symbol, events, stats), params.vpinWindow());
    } else {
      events.alsoRepeating(chunk.duplicateTrades());
      vpinState = chunk.vpinAtOwnFrom().copy();
    }
    Own own = chunk == null ? Own.ALL : new Own(chunk.ownFrom(), chunk.ownTo(), chunk.ordinalBase());
    TimeBarPartials bars = new TimeBarPartials(params.barDurationsSeconds(), sink::bar);
    int n = walk(events, vpinState, bars, stats, own);
    bars.finish();
    long lastTs = chunk == null ? (n == 0 ? Long.MIN_VALUE : ts[n - 1]) : chunk.lastSnapshotTs();
    byte entry = chunk == null ? SpreadRegime.NORMAL : chunk.regimeEntry();
    int first = firstAtOrAfter(n, own.from);
    int end = firstAtOrAfter(n, own.to);
    if (chunk != null && chunk.regimeMap() != null) {
      checkRegimeMap(exchange, symbol, chunk, n, first, end);
    }
    emit(exchange, symbol, n, first, end, lastTs, entry, sink);
    Arrays.fill(book, 0, n, null);
    stats.rows = end - first;
    return stats;
  }

  /**
   * The chunk's regime map, from its kept snapshots, must be the one its digests gave (the next
   * chunks entered with it): only two books of one capture_ts with equal hashes can part them.
   */
  private void checkRegimeMap(
      String exchange, String symbol, ChunkContext chunk, int n, int first, int end) {
    // The replay's own regime instance: emit starts it again afterwards.
    RegimeMap found =
        regime.map(n, ts, spreadBps, runStart, params.spreadRegimeWindowMicros(), first, end);
    if (!found.equals(chunk.regimeMap())) {
      throw new IllegalStateException(
          exchange
              + " "
              + symbol
              + " chunk from "
              + java.time.Instant.EPOCH.plusNanos(chunk.ownFrom() * 1000)
              + ": the spread regime's carry was computed as "
              + chunk.regimeMap()
              + " from the snapshots' digests but is "
              + found
              + " from their books (two different books of one capture_ts with one hash)");
    }
  }

  /** The part of the events whose rows a replay emits, by capture_ts, and its bar ordinals. */
  private record Own(long from, long to, long ordinalBase) {
    static final Own ALL = new Own(Long.MIN_VALUE, Long.MAX_VALUE, 0);

    boolean contains(long t) {
      return t >= from && t < to;
    }
  }

  /** The first of the n kept snapshots with ts ≥ t (n when none). */
  private int firstAtOrAfter(int n, long t) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Counts trades and repeated trade ids, and sizes VPIN's buckets from the kept trades. */
  private double bucketVolume(String symbol, MarketEvents events, ReplayStats stats) {
    for (int k = 0; k < events.size(); k++) {
      if (events.isTrade(k)) {
        stats.trades++;
        if (events.isDuplicateTrade(k)) {
          stats.duplicateTrades++;
        }
      }
    }
    stats.vpinBucketVolume = TradeCarries.bucketVolume(params, symbol, events);
    return stats.vpinBucketVolume;
  }

  /**
   * The ordered walk: duplicates, runs, mid and spread, order flow against the previous snapshot
   * (for the series), trade alignment, VPIN and the time bars. Returns the kept snapshots.
   */
  private int walk(
      MarketEvents events,
      Vpin vpinState,
      TimeBarPartials bars,
      ReplayStats stats,
      Own own) {
    long maxGap = params.maxGapMicros();
    TradeFlow flow = new TradeFlow();
    DuplicateWindow sameTime = new DuplicateWindow();
    int n = 0;
    int run = -1;
    for (int k = 0; k < events.size(); k++) {
      if (events.isTicker(k)) {
        continue;
      }
      long t = events.captureTs(k);
      if (events.isTrade(k)) {
        if (events.isDuplicateTrade(k)) {
          continue;
        }
        TradeBlock tb = events.trade(k);
        int r = events.rowInBlock(k);
        boolean isBuy = tb.buy(r);
        double price = tb.price(r);
        double amount = tb.amount(r);
        flow.add(isBuy, price, amount);
        if (t >= own.from) {
          // VPIN was carried in as of the chunk's start.
          vpinState.add(isBuy, amount);
        }
        if (own == Own.ALL) {
          // A chunk's trades reach the bars from the market's trades pass (TradeCarries): trades
          // of chunks without snapshots have bars too.
          bars.trade(t, isBuy, price, amount);
        }
        continue;
      }
      boolean ownSnapshot = own.contains(t);
      if (ownSnapshot) {
        stats.snapshots++;
      }
      BookBlock b = events.book(k);
      int r = events.rowInBlock(k);
      if (sameTime.isDuplicate(t, b, r)) {
        if (ownSnapshot) {
          stats.duplicateSnapshots++;
        }
        continue;
      }
      boolean starts = n == 0 || t - ts[n - 1] > maxGap;
      if (starts) {
        run++;
      }
      curBook.load(b, r, ofiLevels);
      double m = Double.NaN;
      double spread = Double.NaN;
      double bps = Double.NaN;
      if (structural.hasMid(b.bidLevels(r), b.askLevels(r))) {
        double bestBid = b.bidPrice(r, 0);
        double bestAsk = b.askPrice(r, 0);
        m = StructuralFeatures.mid(bestBid, bestAsk);
        spread = StructuralFeatures.spread(bestBid, bestAsk);
        bps = StructuralFeatures.spreadBps(spread, m);
      }
      if (starts) {
        logReturn[n] = Double.NaN;
        deltaMid[n] = Double.NaN;
        ofi1[n] = Double.NaN;
        mlofi[n] = Double.NaN;
        ofiEwmValue[n] = ofiEwm.start();
      } else {
        double prevMid = mid[n - 1];
        double ml = flow(prevBook, curBook);
        logReturn[n] = Math.log(m / prevMid); // NaN when either mid is null
        deltaMid[n] = m - prevMid;
        ofi1[n] = ofiScratch[0];
        mlofi[n] = ml;
        ofiEwmValue[n] = ofiEwm.update(t - ts[n - 1], ofiScratch[0]);
      }
      buy[n] = flow.buyVolume();
      sell[n] = flow.sellVolume();
      count[n] = flow.count();
      signed[n] = flow.signedVolume();
      tfi[n] = flow.tfi();
      vwap[n] = flow.vwap();
      vpin[n] = vpinState.value();
      flow.reset();

      ts[n] = t;
      runStart[n] = starts;
      runId[n] = run;
      book[n] = b;
      bookRow[n] = r;
      mid[n] = m;
      spreadBps[n] = bps;
      if (ownSnapshot) {
        bars.snapshot(t, own.ordinalBase + k, m, spread, bps, ofi1[n], mlofi[n], logReturn[n]);
      }
      swapBooks();
      n++;
    }
    return n;
  }

  /**
   * The output pass: every column of the kept snapshots [first, end), {@link #BLOCK_ROWS} rows at
   * a time, the window families first advanced over the warm-up [0, first); the labels look at
   * all n.
   */
  private void emit(
      String exchange,
      String symbol,
      int n,
      int first,
      int end,
      long lastTs,
      byte regimeEntry,
      Sink sink) {
    for (int h = 0; h < rolling.length; h++) {
      rolling[h].start(
          ts, logReturn, ofi1, mlofi, buy, sell, count, deltaMid, signed, horizonsMicros[h]);
      forward[h] = new ForwardReturns.Cursor(n, ts, mid, runId, horizonsMicros[h], lastTs);
    }
    regime.start(
        n, ts, spreadBps, runStart, params.spreadRegimeWindowMicros(), first, regimeEntry);
    // The warm-up's rows are not emitted; the block is their scratch space.
    for (int from = 0; from < first; from += BLOCK_ROWS) {
      windowColumns(from, Math.min(first, from + BLOCK_ROWS));
    }
    if (first > 0) {
      prevBook.load(book[first - 1], bookRow[first - 1], Math.max(params.maxLevels(), ofiLevels));
    }
    int structuralWidth = columns.structuralWidth();
    int td = columns.timeDeltaMs();
    int ofiStart = columns.ofiStart();
    int tradeStart = columns.tradeStart();
    // Structural features read max_levels levels, order flow ofi_levels.
    int levels = Math.max(params.maxLevels(), ofiLevels);
    block.clear(exchange, symbol);
    int blockStart = first;
    for (int i = first; i < end; i++) {
      int row = block.addRow(ts[i]);
      curBook.load(book[i], bookRow[i], levels);
      structural.compute(
          curBook.bidPrice,
          curBook.bidAmount,
          curBook.bids,
          curBook.askPrice,
          curBook.askAmount,
          curBook.asks,
          structuralScratch,
          0);
      for (int c = 0; c < structuralWidth; c++) {
        block.values(c)[row] = structuralScratch[c];
      }
      if (runStart[i]) {
        for (int c = td; c < ofiStart + ofiLevels + 2; c++) {
          block.values(c)[row] = Double.NaN;
        }
      } else {
        block.values(td)[row] = (ts[i] - ts[i - 1]) / 1000.0;
        block.values(td + 1)[row] = logReturn[i];
        double ml = flow(prevBook, curBook);
        for (int m = 0; m < ofiLevels; m++) {
          block.values(ofiStart + m)[row] = ofiScratch[m];
        }
        block.values(ofiStart + ofiLevels)[row] = ofiScratch[0];
        block.values(ofiStart + ofiLevels + 1)[row] = ml;
      }
      block.values(ofiStart + ofiLevels + 2)[row] = ofiEwmValue[i];
      block.values(tradeStart)[row] = buy[i];
      block.values(tradeStart + 1)[row] = sell[i];
      block.values(tradeStart + 2)[row] = count[i];
      block.values(tradeStart + 3)[row] = signed[i];
      block.values(tradeStart + 4)[row] = tfi[i];
      block.values(tradeStart + 5)[row] = vwap[i];
      block.values(tradeStart + 6)[row] = vpin[i];
      swapBooks();
      if (block.isFull() || i == end - 1) {
        windowColumns(blockStart, i + 1);
        sink.rows(block);
        block.clear(exchange, symbol);
        blockStart = i + 1;
      }
    }
  }

  /** Rolling windows per horizon, the spread regime and the labels of snapshots [from, to). */
  private void windowColumns(int from, int to) {
    double[][] out = blockColumns();
    for (int h = 0; h < rolling.length; h++) {
      rolling[h].fill(to, out, columns.rollingStart() + h * RollingWindowFeatures.WIDTH, from);
      forward[h].fill(to, out, columns.forwardStart() + h, from);
    }
    regime.fill(to, out, columns.regimeStart(), from);
  }

  private double[][] blockColumns() {
    double[][] out = new double[block.valueColumns()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = block.values(c);
    }
    return out;
  }

  /** ofi_1..ofi_M of prev → cur into {@link #ofiScratch}; returns mlofi. */
  private double flow(Book prev, Book cur) {
    return ofi.compute(
        prev.bidPrice,
        prev.bidAmount,
        Math.min(prev.bids, ofiLevels),
        prev.askPrice,
        prev.askAmount,
        Math.min(prev.asks, ofiLevels),
        cur.bidPrice,
        cur.bidAmount,
        Math.min(cur.bids, ofiLevels),
        cur.askPrice,
        cur.askAmount,
        Math.min(cur.asks, ofiLevels),
        ofiScratch);
  }

  private void swapBooks() {
    Book t = prevBook;
    prevBook = curBook;
    curBook = t;
  }

  private void ensureCapacity(int snapshots) {
    if (ts.length >= snapshots) {
      return;
    }
    int n = Math.max(snapshots, ts.length * 2);
    ts = new long[n];
    runStart = new boolean[n];
    runId = new int[n];
    book = new BookBlock[n];
    bookRow = new int[n];
    mid = new double[n];
    spreadBps = new double[n];
    logReturn = new double[n];
    deltaMid = new double[n];
    ofi1 = new double[n];
    mlofi = new double[n];
    ofiEwmValue = new double[n];
    buy = new double[n];
    sell = new double[n];
    count = new double[n];
    signed = new double[n];
    tfi = new double[n];
    vwap = new double[n];
    vpin = new double[n];
  }

  /** The first levels of one snapshot, copied out of its block for the feature classes. */
  private static final class Book {
    double[] bidPrice;
    double[] bidAmount;
    double[] askPrice;
    double[] askAmount;
    int bids;
    int asks;

    Book(int capacity) {
      allocate(capacity);
    }

    void load(BookBlock b, int r, int maxLevels) {
      int need = Math.min(maxLevels, Math.max(b.bidLevels(r), b.askLevels(r)));
      if (need > bidPrice.length) {
        allocate(Math.max(need, 2 * bidPrice.length));
      }
      bids = b.copyBids(r, maxLevels, bidPrice, bidAmount);
      asks = b.copyAsks(r, maxLevels, askPrice, askAmount);
    }

    private void allocate(int capacity) {
      bidPrice = new double[capacity];
      bidAmount = new double[capacity];
      askPrice = new double[capacity];
      askAmount = new double[capacity];
    }
  }

  /**
   * The kept snapshots sharing the current capture_ts. Duplicates (same capture_ts, bids and asks,
   * whatever their seq) always share a capture_ts, so only this small group must be compared.
   */
  private static final class DuplicateWindow {
    private long time = Long.MIN_VALUE;
    private BookBlock[] blocks = new BookBlock[4];
    private int[] rows = new int[4];
    private int size;

    boolean isDuplicate(long t, BookBlock b, int r) {
      if (t != time) {
        time = t;
        Arrays.fill(blocks, 0, size, null);
        size = 0;
      } else {
        for (int i = 0; i < size; i++) {
          if (blocks[i].sameBook(rows[i], b, r)) {
            return true;
          }
        }
      }
      if (size == blocks.length) {
        blocks = Arrays.copyOf(blocks, size * 2);
        rows = Arrays.copyOf(rows, size * 2);
      }
      blocks[size] = b;
      rows[size++] = r;
      return false;
    }
  }
}
