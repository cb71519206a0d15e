package io.microstructure.generate;

/**
 * The ticker of one (exchange, symbol): a row every 1 s +-15% with the top of the current book and
 * statistics of the market trades emitted so far (from the start of the data, not a 24 h window).
 * Draws only from the ticker stream, and from the tie stream for each row's tie-break.
 */
final class TickerSimulation {
  private final double tickScale;
  private final double lotScale;
  private final Rng rng;
  private final Rng tieRng;

  private long nextTs;
  private long nextTieBreak;

  private double open = Double.NaN;
  private double high = Double.NaN;
  private double low = Double.NaN;
  private double last = Double.NaN;
  private double baseVolume;
  private double quoteVolume;

  TickerSimulation(long startMicros, SymbolProfile profile, Rng rng, Rng tieRng) {
    this.tickScale = CaptureRow.POW10[profile.priceDecimals()];
    this.lotScale = CaptureRow.POW10[profile.amountDecimals()];
    this.rng = rng;
    this.tieRng = tieRng;
    this.nextTs = startMicros + 1 + rng.nextLong(KeyStream.SECOND);
    this.nextTieBreak = tieRng.tieBreak();
  }

  long nextTs() {
    return nextTs;
  }

  long nextTieBreak() {
    return nextTieBreak;
  }

  /** Schedules the row after the one at {@link #nextTs}. */
  void advance() {
    nextTs += Math.max(1, Math.round(KeyStream.SECOND * (1 + rng.uniform(-0.15, 0.15))));
    nextTieBreak = tieRng.tieBreak();
  }

  /**
   * Counts a market trade at its capture time, also one a capture gap hides (as a real ticker
   * would).
   */
  void count(CaptureRow trade) {
    double p = trade.price;
    if (Double.isNaN(open)) {
      open = p;
      high = p;
      low = p;
    }
    high = Math.max(high, p);
    low = Math.min(low, p);
    last = p;
    baseVolume += trade.amount;
    quoteVolume += p * trade.amount;
  }

  /** Fills the row as of its emission: a deferred row sees the book and trades up to then. */
  void fill(CaptureRow ev, BookSimulation.Snap book) {
    double[] f = ev.ticker;
    f[CaptureRow.T_BID] = book.bidPx[0] / tickScale;
    f[CaptureRow.T_BID_VOLUME] = book.bidAmt[0] / lotScale;
    f[CaptureRow.T_ASK] = book.askPx[0] / tickScale;
    f[CaptureRow.T_ASK_VOLUME] = book.askAmt[0] / lotScale;
    f[CaptureRow.T_LAST] = last;
    f[CaptureRow.T_OPEN] = open;
    f[CaptureRow.T_HIGH] = high;
    f[CaptureRow.T_LOW] = low;
    f[CaptureRow.T_CLOSE] = last;
    f[CaptureRow.T_VWAP] = baseVolume > 0 ? quoteVolume / baseVolume : Double.NaN;
    f[CaptureRow.T_BASE_VOLUME] = baseVolume;
    f[CaptureRow.T_QUOTE_VOLUME] = quoteVolume;
    f[CaptureRow.T_CHANGE] = last - open;
    f[CaptureRow.T_PERCENTAGE] = (last - open) / open * 100;
  }
}
