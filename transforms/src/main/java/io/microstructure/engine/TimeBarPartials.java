package io.microstructure.engine;

import io.microstructure.features.TimeBarAccumulator;

/**
 * Pre-aggregates a market's time bars while its events are replayed: one {@link TimeBarAccumulator}
 * per bar duration, handed on whenever the next event falls in another bar window. In reconstructed
 * order capture_ts never decreases, so each window leaves once; should it come back (arrival
 * order), its second partial merges with the first downstream, since merging is exact whatever the
 * order (ordinals decide open and close).
 */
final class TimeBarPartials {
  /** Receives one partial aggregate of one bar. */
  interface Sink {
    void bar(long durationSeconds, long barStartMicros, TimeBarAccumulator partial);
  }

  private final long[] durationSeconds;
  private final long[] durationMicros;
  private final long[] start;
  private final TimeBarAccumulator[] open;
  private final Sink sink;

  TimeBarPartials(long[] durationSeconds, Sink sink) {
    this.durationSeconds = durationSeconds.clone();
    this.durationMicros = new long[durationSeconds.length];
    for (int d = 0; d < durationSeconds.length; d++) {
      durationMicros[d] = durationSeconds[d] * 1_000_000L;
    }
    this.start = new long[durationSeconds.length];
    this.open = new TimeBarAccumulator[durationSeconds.length];
    this.sink = sink;
  }

  /** Adds one kept snapshot (NaN arguments are nulls) to the bar of each duration it falls in. */
  void snapshot(
      long captureTs,
      long ordinal,
      double mid,
      double spread,
      double spreadBps,
      double ofi,
      double mlofi,
      double logReturn) {
    for (int d = 0; d < open.length; d++) {
      bar(d, captureTs).addSnapshot(ordinal, mid, spread, spreadBps, ofi, mlofi, logReturn);
    }
  }

  /** Adds one kept trade to the bar of each duration it falls in. */
  void trade(long captureTs, boolean buy, double price, double amount) {
    for (int d = 0; d < open.length; d++) {
      bar(d, captureTs).addTrade(buy, price, amount);
    }
  }

  /** Hands on the open bars. */
  void finish() {
    for (int d = 0; d < open.length; d++) {
      if (open[d] != null) {
        sink.bar(durationSeconds[d], start[d], open[d]);
        open[d] = null;
      }
    }
  }

  private TimeBarAccumulator bar(int d, long captureTs) {
    // Bars are aligned to the UTC epoch: [k·D, (k+1)·D).
    long barStart = Math.floorDiv(captureTs, durationMicros[d]) * durationMicros[d];
    if (open[d] == null || barStart != start[d]) {
      if (open[d] != null) {
        sink.bar(durationSeconds[d], start[d], open[d]);
      }
      open[d] = new TimeBarAccumulator();
      start[d] = barStart;
    }
    return open[d];
  }
}
