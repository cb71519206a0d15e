package io.microstructure.engine;

import io.microstructure.features.TickerFeatures;
import io.microstructure.model.TickerUpdate;

/** The ticker channel on its own: one row per update, in the buffer's order. */
public final class TickerReplay {
  /** Receives one row per update: values in {@link TickerFeatures#COLUMNS} order. */
  public interface Sink {
    void ticker(long captureTs, double[] values);
  }

  private final TickerFeatures features = new TickerFeatures();

  /** Returns the number of rows emitted. */
  public long replay(EventBuffer events, Sink sink) {
    features.reset();
    long rows = 0;
    for (int k = 0; k < events.size(); k++) {
      if (!events.isTicker(k)) {
        continue;
      }
      TickerUpdate t = events.ticker(k);
      double[] values = new double[TickerFeatures.COLUMNS.size()];
      features.next(
          t.bid(), t.ask(), t.last(), t.baseVolume(), t.quoteVolume(), t.percentage(), values, 0);
      sink.ticker(t.captureTs(), values);
      rows++;
    }
    return rows;
  }
}
