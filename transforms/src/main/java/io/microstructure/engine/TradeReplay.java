package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TradeColumns;
import io.microstructure.features.TradeWindowFeatures;
import io.microstructure.features.VolumeBars;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.TradeBlock;
import io.microstructure.output.WrittenFile;
import java.util.Arrays;
import java.util.function.LongUnaryOperator;

/**
 * The trades channel on its own: one row per kept trade (valid, deduplicated, in the events' order)
 * with its rolling trade-flow features, and the market's volume bars, each handed on a block at a
 * time.
 */
public final class TradeReplay {
  /** Receives the replay's output; blocks are reused once a call returns. */
  public interface Sink {
    /** Trade rows: values in {@link #columns} order without the id, which is the one label. */
    void trades(FeatureBlock block);

    /** Volume bars, labelled by bar start, values in {@link VolumeBars#COLUMNS} order. */
    void volumeBars(FeatureBlock block);

    /**
     * Volume bars of an incremental run, for files of this key ({@link
     * io.microstructure.output.FileKeys}).
     */
    default void volumeBars(FeatureBlock block, long fileKey) {
      volumeBars(block);
    }
  }

  /** Where the bar_end and complete columns are in a volume bar's values. */
  private static final int BAR_END = VolumeBars.COLUMNS.indexOf("bar_end");

  private static final int COMPLETE = VolumeBars.COLUMNS.indexOf("complete");

  /** Encoding of the side column (trades_hf.avsc lists the symbols in this order). */
  public static final double SELL = 0;

  public static final double BUY = 1;

  /** Trade rows per block. */
  static final int BLOCK_ROWS = 8192;

  private final FeatureParameters params;
  private final long[] horizonsMicros;
  private final TradeWindowFeatures[] windows;
  private final FeatureBlock tradeBlock;
  private final FeatureBlock barBlock = new FeatureBlock(VolumeBars.COLUMNS.size(), 0, 1024);
  private long[] ts = new long[0];
  private boolean[] buy = new boolean[0];
  private double[] price = new double[0];
  private double[] amount = new double[0];
  private String[] ids = new String[0];

  public TradeReplay(FeatureParameters params) {
    this.params = params;
    long[] horizons = params.horizonsSeconds();
    this.horizonsMicros = new long[horizons.length];
    this.windows = new TradeWindowFeatures[horizons.length];
    for (int h = 0; h < horizons.length; h++) {
      horizonsMicros[h] = horizons[h] * 1_000_000L;
      windows[h] = new TradeWindowFeatures();
    }
    this.tradeBlock = new FeatureBlock(TradeColumns.columns(params).size() - 1, 1, BLOCK_ROWS);
  }

  /** A whole market: a row per kept trade, and its volume bars. */
  public ReplayStats replay(String exchange, String symbol, MarketEvents events, Sink sink) {
    ReplayStats stats = new ReplayStats();
    int n = collect(events, Long.MIN_VALUE, Long.MAX_VALUE, stats);
    emitRows(exchange, symbol, n, 0, sink);
    volumeBars(exchange, symbol, n, ts, buy, price, amount, sink);
    Arrays.fill(ids, 0, n, null);
    stats.rows = n;
    return stats;
  }

  /**
   * One chunk of a market: a row per kept trade of capture_ts in {@code [from, to)}, its windows
   * warmed up by the earlier trades of {@code events}, which must hold the longest horizon before
   * {@code from}. Counts the chunk's own trades only; makes no volume bars ({@link #volumeBars}).
   */
  public ReplayStats rows(
      String exchange, String symbol, MarketEvents events, long from, long to, Sink sink) {
    ReplayStats stats = new ReplayStats();
    int n = collect(events, from, to, stats);
    int first = 0;
    while (first < n && ts[first] < from) {
      first++;
    }
    emitRows(exchange, symbol, n, first, sink);
    Arrays.fill(ids, 0, n, null);
    stats.rows = n - first;
    return stats;
  }

  /** The trades of capture_ts in {@code [from, to)} and their repeats, counted without rows. */
  public static ReplayStats count(MarketEvents events, long from, long to) {
    ReplayStats stats = new ReplayStats();
    for (int k = 0; k < events.size(); k++) {
      long t = events.captureTs(k);
      if (events.isTrade(k) && t >= from && t < to) {
        stats.trades++;
        if (events.isDuplicateTrade(k)) {
          stats.duplicateTrades++;
        }
      }
    }
    return stats;
  }

  /**
   * The volume bars of a market's kept trades in order, continuing from {@code bars} (an earlier
   * run's open bar, or a fresh state), in files keyed for an incremental run: a complete bar by
   * {@code keyOfBarEnd} of its bar_end, the final incomplete one by {@code finalKey}.
   *
   * @param keyOfBarEnd null: unkeyed files ({@link WrittenFile#NO_KEY})
   */
  public void volumeBars(
      String exchange,
      String symbol,
      Iterable<KeptTrades> inOrder,
      VolumeBars bars,
      LongUnaryOperator keyOfBarEnd,
      long finalKey,
      Sink sink) {
    BarWriter w = new BarWriter(exchange, symbol, bars, keyOfBarEnd, finalKey, sink);
    for (KeptTrades t : inOrder) {
      for (int i = 0; i < t.size(); i++) {
        w.add(t.ts()[i], t.buy()[i], t.price()[i], t.amount()[i]);
      }
    }
    w.finish();
  }

  /** Rows for the collected trades from {@code first} on; the earlier ones only warm up. */
  private void emitRows(String exchange, String symbol, int n, int first, Sink sink) {
    for (int h = 0; h < windows.length; h++) {
      windows[h].start(ts, buy, price, amount, horizonsMicros[h]);
    }
    FeatureBlock b = tradeBlock.clear(exchange, symbol);
    int blockStart = 0;
    for (int i = 0; i < n; i++) {
      int row = b.addRow(ts[i]);
      b.labels(0)[row] = ids[i];
      b.values(0)[row] = buy[i] ? BUY : SELL;
      b.values(1)[row] = price[i];
      b.values(2)[row] = amount[i];
      b.values(3)[row] = buy[i] ? amount[i] : -amount[i];
      if (b.isFull() || i == n - 1 || i == first - 1) {
        double[][] out = columnsOf(b);
        for (int h = 0; h < windows.length; h++) {
          windows[h].fill(i + 1, out, 4 + h * TradeWindowFeatures.WIDTH, blockStart);
        }
        if (i >= first) {
          sink.trades(b);
        }
        b.clear(exchange, symbol);
        blockStart = i + 1;
      }
    }
  }

  private static double[][] columnsOf(FeatureBlock b) {
    double[][] out = new double[b.valueColumns()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = b.values(c);
    }
    return out;
  }

  /** The kept trades of capture_ts before {@code to}; counts those from {@code from} on. */
  private int collect(MarketEvents events, long from, long to, ReplayStats stats) {
    int capacity = events.tradeCount();
    if (ts.length < capacity) {
      int c = Math.max(capacity, ts.length * 2);
      ts = new long[c];
      buy = new boolean[c];
      price = new double[c];
      amount = new double[c];
      ids = new String[c];
    }
    int n = 0;
    for (int k = 0; k < events.size(); k++) {
      if (!events.isTrade(k) || events.captureTs(k) >= to) {
        continue;
      }
      boolean own = events.captureTs(k) >= from;
      if (own) {
        stats.trades++;
      }
      if (events.isDuplicateTrade(k)) {
        if (own) {
          stats.duplicateTrades++;
        }
        continue;
      }
      TradeBlock t = events.trade(k);
      int r = events.rowInBlock(k);
      ts[n] = t.captureTs(r);
      buy[n] = t.buy(r);
      price[n] = t.price(r);
      amount[n] = t.amount(r);
      ids[n] = t.id(r);
      n++;
    }
    return n;
  }

  private void volumeBars(
      String exchange,
      String symbol,
      int n,
      long[] ts,
      boolean[] buy,
      double[] price,
      double[] amount,
      Sink sink) {
    if (n == 0) {
      return;
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += amount[i];
    }
    TradeCarries.Totals totals = new TradeCarries.Totals(total, ts[0], ts[n - 1], n);
    VolumeBars bars = new VolumeBars(barSize(symbol, totals));
    BarWriter w = new BarWriter(exchange, symbol, bars, null, WrittenFile.NO_KEY, sink);
    for (int i = 0; i < n; i++) {
      w.add(ts[i], buy[i], price[i], amount[i]);
    }
    w.finish();
  }

  /** The configured bar size, or the spec's default from the market's kept trades. */
  public double barSize(String symbol, TradeCarries.Totals totals) {
    Double configured = params.volumeBarSize(symbol);
    return configured != null
        ? configured
        : VolumeBars.defaultBarSize(totals.volume(), totals.first(), totals.last());
  }

  /** A market's volume bars as its trades come, a block at a time into the sink. */
  private final class BarWriter implements VolumeBars.Sink {
    private final String exchange;
    private final String symbol;
    private final VolumeBars bars;
    private final LongUnaryOperator keyOfBarEnd;
    private final long finalKey;
    private final Sink sink;
    private final FeatureBlock b;
    private long key = WrittenFile.NO_KEY;

    BarWriter(
        String exchange,
        String symbol,
        VolumeBars bars,
        LongUnaryOperator keyOfBarEnd,
        long finalKey,
        Sink sink) {
      this.exchange = exchange;
      this.symbol = symbol;
      this.bars = bars;
      this.keyOfBarEnd = keyOfBarEnd;
      this.finalKey = finalKey;
      this.sink = sink;
      this.b = barBlock.clear(exchange, symbol);
    }

    void add(long ts, boolean buy, double price, double amount) {
      bars.add(ts, buy, price, amount, this);
    }

    @Override
    public void bar(long barStart, double[] values) {
      if (keyOfBarEnd != null) {
        long k =
            values[COMPLETE] == 1.0 ? keyOfBarEnd.applyAsLong((long) values[BAR_END]) : finalKey;
        if (k != key) {
          flush();
          key = k;
        }
      }
      int row = b.addRow(barStart);
      for (int c = 0; c < values.length; c++) {
        b.values(c)[row] = values[c];
      }
      if (b.isFull()) {
        flush();
      }
    }

    void finish() {
      bars.finish(this);
      flush();
    }

    private void flush() {
      if (b.isEmpty()) {
        return;
      }
      sink.volumeBars(b, key);
      b.clear(exchange, symbol);
    }
  }

}
