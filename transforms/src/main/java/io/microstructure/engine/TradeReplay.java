package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.TradeWindowFeatures;
import io.microstructure.features.VolumeBars;
import io.microstructure.model.Trade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The trades channel on its own: one row per kept trade (valid, deduplicated, in the buffer's
 * order) with its rolling trade-flow features, and the market's volume bars.
 */
public final class TradeReplay {
  /** Receives the replay's output. */
  public interface Sink {
    /** A trade row: values in {@link #columns} order without the id column. */
    void trade(long captureTs, String id, double[] values);

    void volumeBar(long barStart, double[] values);
  }

  /** Encoding of the side column (trades_hf.avsc lists the symbols in this order). */
  public static final double SELL = 0;

  public static final double BUY = 1;

  private final FeatureParameters params;
  private final int width;
  private final TradeWindowFeatures windows = new TradeWindowFeatures();
  private long[] ts = new long[0];
  private boolean[] buy = new boolean[0];
  private double[] price = new double[0];
  private double[] amount = new double[0];
  private String[] ids = new String[0];
  private double[][] windowOut = new double[TradeWindowFeatures.WIDTH][0];

  public TradeReplay(FeatureParameters params) {
    this.params = params;
    this.width = columns(params).size() - 1;
  }

  /** Columns of the trades hf table after exchange, symbol and capture_ts. */
  public static List<String> columns(FeatureParameters params) {
    List<String> c = new ArrayList<>(List.of("id", "side", "price", "amount", "signed_amount"));
    for (long h : params.horizonsSeconds()) {
      c.addAll(TradeWindowFeatures.columnNames(h));
    }
    return Collections.unmodifiableList(c);
  }

  public ReplayStats replay(String symbol, EventBuffer events, Sink sink) {
    ReplayStats stats = new ReplayStats();
    int n = collect(events, stats);
    long[] horizons = params.horizonsSeconds();
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] row = new double[width];
      row[0] = buy[i] ? BUY : SELL;
      row[1] = price[i];
      row[2] = amount[i];
      row[3] = buy[i] ? amount[i] : -amount[i];
      rows[i] = row;
    }
    for (int h = 0; h < horizons.length; h++) {
      windows.compute(n, ts, buy, price, amount, horizons[h] * 1_000_000L, windowOut);
      int base = 4 + h * TradeWindowFeatures.WIDTH;
      for (int c = 0; c < TradeWindowFeatures.WIDTH; c++) {
        for (int i = 0; i < n; i++) {
          rows[i][base + c] = windowOut[c][i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      sink.trade(ts[i], ids[i], rows[i]);
      ids[i] = null;
    }
    volumeBars(symbol, n, sink);
    stats.rows = n;
    return stats;
  }

  private int collect(EventBuffer events, ReplayStats stats) {
    int capacity = events.tradeCount();
    if (ts.length < capacity) {
      int c = Math.max(capacity, ts.length * 2);
      ts = new long[c];
      buy = new boolean[c];
      price = new double[c];
      amount = new double[c];
      ids = new String[c];
      windowOut = new double[TradeWindowFeatures.WIDTH][c];
    }
    int n = 0;
    for (int k = 0; k < events.size(); k++) {
      if (!events.isTrade(k)) {
        continue;
      }
      stats.trades++;
      if (events.isDuplicateTrade(k)) {
        stats.duplicateTrades++;
        continue;
      }
      Trade t = events.trade(k);
      ts[n] = t.captureTs();
      buy[n] = t.buy();
      price[n] = t.price();
      amount[n] = t.amount();
      ids[n] = t.id();
      n++;
    }
    return n;
  }

  private void volumeBars(String symbol, int n, Sink sink) {
    if (n == 0) {
      return;
    }
    Double configured = params.volumeBarSize(symbol);
    double size;
    if (configured != null) {
      size = configured;
    } else {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += amount[i];
      }
      size = VolumeBars.defaultBarSize(total, ts[0], ts[n - 1]);
    }
    VolumeBars bars = new VolumeBars(size);
    VolumeBars.Sink out = sink::volumeBar;
    for (int i = 0; i < n; i++) {
      bars.add(ts[i], buy[i], price[i], amount[i], out);
    }
    bars.finish(out);
  }
}
