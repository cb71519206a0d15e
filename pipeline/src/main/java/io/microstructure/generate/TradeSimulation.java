package io.microstructure.generate;

/**
 * The market trades of one (exchange, symbol): Poisson arrivals at the symbol's rate, taken at the
 * current book, the taker side leaning on the mid one second later. Draws only from the trade
 * stream, and from the tie stream for each trade's tie-break.
 */
final class TradeSimulation {
  private final SymbolProfile profile;
  private final double tickScale;
  private final double lotScale;
  private final double meanGapMicros;
  private final Rng rng;
  private final Rng tieRng;

  private long nextTs;
  private long nextTieBreak;
  private long nextId;

  TradeSimulation(
      GeneratorConfig cfg,
      SymbolProfile profile,
      ExchangeProfile exchangeProfile,
      Rng rng,
      Rng tieRng) {
    this.profile = profile;
    this.tickScale = CaptureRow.POW10[profile.priceDecimals()];
    this.lotScale = CaptureRow.POW10[profile.amountDecimals()];
    double rate =
        profile.tradesPerSecond() * exchangeProfile.tradeRateMultiplier() * cfg.tradeRateScale();
    this.meanGapMicros = 1e6 / rate;
    this.rng = rng;
    this.tieRng = tieRng;
    this.nextId = 1_000_000_000L + rng.nextLong(3_000_000_000L);
    this.nextTs = cfg.startMicros() + gapMicros(rng.exponential(meanGapMicros));
    this.nextTieBreak = tieRng.tieBreak();
  }

  long nextTs() {
    return nextTs;
  }

  long nextTieBreak() {
    return nextTieBreak;
  }

  /**
   * Fills {@code ev}, a row at {@link #nextTs}, with the next market trade and schedules the one
   * after.
   */
  void fillNext(CaptureRow ev, BookSimulation book) {
    nextTs = ev.ts + gapMicros(rng.exponential(meanGapMicros));
    nextTieBreak = tieRng.tieBreak();
    int direction = book.midDirectionUntil(ev.ts + KeyStream.SECOND);
    boolean buy = rng.uniform() < 0.5 + 0.25 * direction;
    fill(ev, book.current(), buy, rng, nextId++);
    ev.marketTrade = true;
  }

  /**
   * A trade at the best level (88%) or one or two levels deeper; {@code rng} and {@code id} are the
   * caller's, so invalid trades can be made without touching the market's stream or ids.
   */
  void fill(CaptureRow ev, BookSimulation.Snap book, boolean buy, Rng rng, long id) {
    double u = rng.uniform();
    int level = u < 0.88 ? 0 : u < 0.97 ? 1 : 2;
    long px;
    if (buy) {
      px = book.askPx[Math.min(level, book.askCount - 1)];
    } else {
      px = book.bidPx[Math.min(level, book.bidCount - 1)];
    }
    long lots = Math.max(1, Math.round(rng.lognormal(profile.tradeAmount() * lotScale, 1.1)));
    ev.id = Long.toString(id);
    ev.side = buy ? "buy" : "sell";
    ev.price = px / tickScale;
    ev.amount = lots / lotScale;
  }

  private static long gapMicros(double micros) {
    return Math.max(1, Math.round(micros));
  }
}
