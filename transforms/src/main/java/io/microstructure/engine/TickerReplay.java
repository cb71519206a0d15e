package io.microstructure.engine;

import io.microstructure.features.TickerFeatures;
import io.microstructure.model.FeatureBlock;
import io.microstructure.model.TickerBlock;

/** The ticker channel on its own: one row per update, in the events' order, a block at a time. */
public final class TickerReplay {
  /** Receives rows with values in {@link TickerFeatures#COLUMNS} order; blocks are reused. */
  public interface Sink {
    void tickers(FeatureBlock block);
  }

  private static final int BLOCK_ROWS = 8192;

  private final TickerFeatures features = new TickerFeatures();
  private final FeatureBlock block = new FeatureBlock(TickerFeatures.COLUMNS.size(), 0, BLOCK_ROWS);
  private final double[] values = new double[TickerFeatures.COLUMNS.size()];

  /** A whole market; returns the number of rows emitted. */
  public long replay(String exchange, String symbol, MarketEvents events, Sink sink) {
    return replay(exchange, symbol, events, Long.MIN_VALUE, Long.MAX_VALUE, Double.NaN, sink);
  }

  /**
   * One chunk of a market: rows for the updates of capture_ts in {@code [from, to)}, the first
   * following an update whose last was {@code previousLast} (NaN: none, or null). Returns the
   * number of rows emitted.
   */
  public long replay(
      String exchange,
      String symbol,
      MarketEvents events,
      long from,
      long to,
      double previousLast,
      Sink sink) {
    features.continueAfter(previousLast);
    FeatureBlock b = block.clear(exchange, symbol);
    long rows = 0;
    for (int k = 0; k < events.size(); k++) {
      if (!events.isTicker(k) || events.captureTs(k) < from || events.captureTs(k) >= to) {
        continue;
      }
      TickerBlock t = events.ticker(k);
      int r = events.rowInBlock(k);
      features.next(
          t.value(TickerBlock.BID, r),
          t.value(TickerBlock.ASK, r),
          t.value(TickerBlock.LAST, r),
          t.value(TickerBlock.BASE_VOLUME, r),
          t.value(TickerBlock.QUOTE_VOLUME, r),
          t.value(TickerBlock.PERCENTAGE, r),
          values,
          0);
      int row = b.addRow(t.captureTs(r));
      for (int c = 0; c < values.length; c++) {
        b.values(c)[row] = values[c];
      }
      rows++;
      if (b.isFull()) {
        sink.tickers(b);
        b.clear(exchange, symbol);
      }
    }
    if (!b.isEmpty()) {
      sink.tickers(b);
      b.clear(exchange, symbol);
    }
    return rows;
  }
}
