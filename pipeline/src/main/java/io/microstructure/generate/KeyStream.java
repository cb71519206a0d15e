package io.microstructure.generate;

import io.microstructure.model.Channel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The capture of one (exchange, symbol): a discrete-event simulation that yields the key's rows of
 * all three channels in arrival order, i.e. by (ts, tieBreak, sub).
 *
 * <p>The market (book, trades, ticker statistics, exchange latencies, tie-breaks) is driven by its
 * own random streams; edge cases (duplicates, crossed or one-sided copies, invalid rows, moved
 * capture times) draw only from the edge stream and never feed back into the market state. A clean
 * run and a run with edge cases therefore show the same snapshots, trades and exchange times,
 * except for the rows an edge case altered (a moved trade or ticker keeps its latency).
 *
 * <p>Book snapshots are simulated a little ahead of the emission point (at least one second), so a
 * trade's taker side can lean on the mid move over the next second.
 */
final class KeyStream {
  private static final long SECOND = 1_000_000L;
  private static final int MAX_LEVEL_GAP_TICKS = 3;
  private static final double LEVEL_CANCEL_P = 0.01;
  private static final double LEVEL_REFRESH_P = 0.02;
  private static final double WIDE_EPISODE_MEAN_INTERVAL_S = 300;
  private static final double BASIS_REVERSION_S = 30;
  private static final double BASIS_SIGMA_PER_SQRT_S = 0.155; // stationary sd ~0.6 bps

  /** A simulated book state; arrays are never modified after construction. */
  static final class Snap {
    long ts;
    long tieBreak;
    long nonce;
    long[] bidPx;
    long[] bidAmt;
    long[] askPx;
    long[] askAmt;
    int bidCount;
    int askCount;

    long midTwice() {
      return bidPx[0] + askPx[0];
    }
  }

  private final GeneratorConfig cfg;
  final int exchangeIndex;
  final int keyIndex;
  final String exchange;
  final String symbol;
  private final SymbolProfile profile;
  private final ExchangeProfile exchangeProfile;
  private final LatentPath path;
  private final long startMicros;
  private final long endMicros;
  private final long[][] gaps;
  private final int levels;
  private final double tickScale;
  private final double lotScale;
  private final double intervalMicros;

  private final Rng bookRng;
  private final Rng tradeRng;
  private final Rng tickerRng;
  private final Rng edgeRng;
  private final Rng tieRng;
  private final Rng latencyRng;

  private final ArrayDeque<Snap> ahead = new ArrayDeque<>();
  private Snap current;
  private Snap lastGenerated;
  private long nextSnapTs;
  private long nonce;
  private int normalSpread;
  private int wideSpread;
  private long wideUntil = Long.MIN_VALUE;
  private double basisBps;
  private final double baseLatencyMs;

  private long nextTradeTs;
  private long nextTradeTb;
  private final double tradeMeanGapMicros;
  private long nextTradeId;
  private boolean sameTsTradeAfter;

  private long nextTickerTs;
  private long nextTickerTb;

  private double statOpen = Double.NaN;
  private double statHigh = Double.NaN;
  private double statLow = Double.NaN;
  private double statLast = Double.NaN;
  private double statBaseVolume;
  private double statQuoteVolume;

  private final PriorityQueue<CaptureRow> pending =
      new PriorityQueue<>(CaptureRow::compareArrival);
  private final int[] invalidCursor = new int[Channel.values().length];

  /** Ids of injected invalid trades: a range of their own, so market trade ids are unaffected. */
  private long nextInvalidTradeId;

  KeyStream(
      GeneratorConfig cfg,
      int exchangeIndex,
      int keyIndex,
      String exchange,
      String symbol,
      LatentPath path,
      List<long[]> gapWindows) {
    this.cfg = cfg;
    this.exchangeIndex = exchangeIndex;
    this.keyIndex = keyIndex;
    this.exchange = exchange;
    this.symbol = symbol;
    this.profile = SymbolProfile.of(symbol);
    this.exchangeProfile = ExchangeProfile.of(exchange);
    this.path = path;
    this.startMicros = cfg.startMicros();
    this.endMicros = cfg.endMicros();
    this.gaps = gapWindows.toArray(new long[0][]);
    this.levels = cfg.bookLevels();
    this.tickScale = CaptureRow.POW10[profile.priceDecimals()];
    this.lotScale = CaptureRow.POW10[profile.amountDecimals()];
    this.intervalMicros = 1e6 / cfg.snapshotHz();

    long seed = cfg.seed();
    this.bookRng = new Rng(Seeds.derive(seed, "book", exchange, symbol));
    this.tradeRng = new Rng(Seeds.derive(seed, "trade", exchange, symbol));
    this.tickerRng = new Rng(Seeds.derive(seed, "ticker", exchange, symbol));
    this.edgeRng = new Rng(Seeds.derive(seed, "edge", exchange, symbol));
    this.tieRng = new Rng(Seeds.derive(seed, "tie", exchange, symbol));
    this.latencyRng = new Rng(Seeds.derive(seed, "latency", exchange, symbol));

    this.basisBps = exchangeProfile.basisBps() + 0.6 * bookRng.gaussian();
    this.normalSpread = drawNormalSpread();
    this.nonce = 1_000_000_000L + bookRng.nextLong(9_000_000_000L);
    this.baseLatencyMs = latencyRng.uniform(8, 40);

    // The book as it stands when the capture starts (not emitted).
    this.current = generateSnapshot(startMicros);
    this.lastGenerated = current;
    this.nextSnapTs = startMicros + 1 + bookRng.nextLong((long) Math.max(1, intervalMicros));

    double rate =
        profile.tradesPerSecond() * exchangeProfile.tradeRateMultiplier() * cfg.tradeRateScale();
    this.tradeMeanGapMicros = 1e6 / rate;
    this.nextTradeId = 1_000_000_000L + tradeRng.nextLong(3_000_000_000L);
    this.nextInvalidTradeId = 90_000_000_000L + edgeRng.nextLong(1_000_000_000L);
    this.nextTradeTs = startMicros + gapMicros(tradeRng.exponential(tradeMeanGapMicros));
    this.nextTradeTb = tieRng.tieBreak();
    this.sameTsTradeAfter = edgeRng.chance(0.5);
    this.nextTickerTs = startMicros + 1 + tickerRng.nextLong(SECOND);
    this.nextTickerTb = tieRng.tieBreak();
    for (int c = 0; c < invalidCursor.length; c++) {
      invalidCursor[c] = edgeRng.nextInt(64);
    }
  }

  /** The next row of this key in arrival order, or null when the key's data has ended. */
  CaptureRow next() {
    while (true) {
      ensureAhead(Long.MIN_VALUE);
      Snap snap = ahead.peekFirst();
      CaptureRow queued = pending.peek();
      // Pick the earliest of: next snapshot, next trade, next ticker, next queued row.
      int which = 0; // 0 snapshot, 1 trade, 2 ticker, 3 queued
      long ts = snap.ts;
      long tb = snap.tieBreak;
      int sub = 0;
      if (before(nextTradeTs, nextTradeTb, 0, ts, tb, sub)) {
        which = 1;
        ts = nextTradeTs;
        tb = nextTradeTb;
      }
      if (before(nextTickerTs, nextTickerTb, 0, ts, tb, sub)) {
        which = 2;
        ts = nextTickerTs;
        tb = nextTickerTb;
      }
      if (queued != null && before(queued.ts, queued.tieBreak, queued.sub, ts, tb, sub)) {
        which = 3;
        ts = queued.ts;
      }
      if (ts >= endMicros) {
        return null;
      }
      CaptureRow ev;
      switch (which) {
        case 0:
          ev = processSnapshot(ahead.pollFirst());
          break;
        case 1:
          ev = processTrade();
          break;
        case 2:
          ev = processTicker();
          break;
        default:
          ev = processQueued(pending.poll());
          break;
      }
      if (ev == null || inGap(ev.ts)) {
        continue; // moved to the queue, or not captured (outage)
      }
      afterEmit(ev);
      return ev;
    }
  }

  private static boolean before(long ts1, long tb1, int sub1, long ts2, long tb2, int sub2) {
    if (ts1 != ts2) {
      return ts1 < ts2;
    }
    if (tb1 != tb2) {
      return tb1 < tb2;
    }
    return sub1 < sub2;
  }

  private boolean inGap(long ts) {
    for (long[] g : gaps) {
      if (ts >= g[0] && ts < g[1]) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- order book

  private void ensureAhead(long untilTs) {
    while (ahead.isEmpty() || lastGenerated.ts <= untilTs) {
      Snap s = generateSnapshot(nextSnapTs);
      s.tieBreak = tieRng.tieBreak();
      ahead.addLast(s);
      lastGenerated = s;
      double jitter = bookRng.uniform(-0.3, 0.3);
      nextSnapTs += Math.max(1, Math.round(intervalMicros * (1 + jitter)));
    }
  }

  /**
   * Spread outside wide episodes: 1, 2 or 3 ticks (30/60/10%). The median is 2 ticks, so 1 tick
   * reads as tight; 3 ticks are kept rare because 3 = 1.5 x 2 sits right on a typical "wide"
   * threshold and would flicker with the mid.
   */
  private int drawNormalSpread() {
    double u = bookRng.uniform();
    return u < 0.3 ? 1 : u < 0.9 ? 2 : 3;
  }

  private Snap generateSnapshot(long ts) {
    double dtSec = lastGenerated == null ? intervalMicros / 1e6 : (ts - lastGenerated.ts) / 1e6;
    basisBps +=
        (exchangeProfile.basisBps() - basisBps) * Math.min(1, dtSec / BASIS_REVERSION_S)
            + BASIS_SIGMA_PER_SQRT_S * Math.sqrt(dtSec) * bookRng.gaussian();
    if (ts >= wideUntil && bookRng.chance(dtSec / WIDE_EPISODE_MEAN_INTERVAL_S)) {
      wideUntil = ts + Math.round(bookRng.uniform(15, 60) * SECOND);
      wideSpread = normalSpread * bookRng.intBetween(3, 6) + 2;
    }
    if (bookRng.chance(0.03)) {
      normalSpread = drawNormalSpread();
    }
    int spread = ts < wideUntil ? wideSpread : normalSpread;
    double mid = StrictMath.exp(path.logPriceAt(ts)) * (1 + basisBps * 1e-4) * tickScale;
    long bestBid = Math.max(1, (long) Math.floor(mid - spread / 2.0 + 0.5));
    long bestAsk = bestBid + spread;

    Snap s = new Snap();
    s.ts = ts;
    nonce += 1 + bookRng.nextInt(40);
    s.nonce = nonce;
    s.bidPx = new long[levels];
    s.bidAmt = new long[levels];
    s.askPx = new long[levels];
    s.askAmt = new long[levels];
    Snap prev = lastGenerated;
    if (prev == null) {
      s.bidCount = updateSide(null, null, 0, bestBid, -1, s.bidPx, s.bidAmt);
      s.askCount = updateSide(null, null, 0, bestAsk, +1, s.askPx, s.askAmt);
    } else {
      s.bidCount =
          updateSide(prev.bidPx, prev.bidAmt, prev.bidCount, bestBid, -1, s.bidPx, s.bidAmt);
      s.askCount =
          updateSide(prev.askPx, prev.askAmt, prev.askCount, bestAsk, +1, s.askPx, s.askAmt);
    }
    return s;
  }

  /**
   * Moves one side of the book to a new best price: levels that would cross are gone, levels that
   * remain keep their price and let their amount drift, holes wider than 3 ticks and the missing
   * depth are filled with fresh levels 1-3 ticks apart. {@code dir} is -1 for bids (prices fall
   * with depth) and +1 for asks.
   */
  private int updateSide(
      long[] oldPx, long[] oldAmt, int oldCount, long best, int dir, long[] outPx, long[] outAmt) {
    int j = 0;
    while (j < oldCount && (oldPx[j] - best) * dir < 0) {
      j++;
    }
    int k = 0;
    long prev = 0;
    while (k < levels) {
      long p;
      long a;
      if (k == 0) {
        p = best;
        if (j < oldCount && oldPx[j] == best) {
          a = evolveAmount(oldAmt[j], 0);
          j++;
        } else {
          a = freshAmount(0);
        }
      } else {
        if (j < oldCount && bookRng.chance(LEVEL_CANCEL_P)) {
          j++; // a level was cancelled: its neighbours close the hole
        }
        if (j < oldCount && (oldPx[j] - prev) * dir <= MAX_LEVEL_GAP_TICKS) {
          p = oldPx[j];
          a = evolveAmount(oldAmt[j], k);
          j++;
        } else {
          p = prev + dir * bookRng.intBetween(1, MAX_LEVEL_GAP_TICKS);
          a = freshAmount(k);
        }
      }
      if (p < 1) {
        break; // never a price <= 0 in a valid book
      }
      outPx[k] = p;
      outAmt[k] = a;
      prev = p;
      k++;
    }
    return k;
  }

  private double targetLots(int depth) {
    return profile.levelAmount() * (1 + 0.15 * depth) * lotScale;
  }

  private long freshAmount(int depth) {
    return Math.max(1, Math.round(bookRng.lognormal(targetLots(depth), 0.6)));
  }

  private long evolveAmount(long lots, int depth) {
    if (bookRng.chance(LEVEL_REFRESH_P)) {
      return freshAmount(depth);
    }
    double a = lots * (1 + 0.08 * bookRng.gaussian()) + 0.04 * (targetLots(depth) - lots);
    return Math.max(1, Math.round(a));
  }

  private CaptureRow processSnapshot(Snap snap) {
    current = snap;
    CaptureRow ev = newEvent(Channel.ORDERBOOK, snap.ts, snap.tieBreak);
    ev.latencyMicros = drawLatency(latencyRng);
    fillBook(ev, snap);
    double u = edgeRng.uniform();
    double dupDraw = edgeRng.uniform();
    double crossed = cfg.crossedBookRate();
    double locked = crossed + cfg.lockedBookRate();
    double oneSided = locked + cfg.oneSidedBookRate();
    if (u < crossed) {
      shiftAsks(ev, snap.bidPx[0] - edgeRng.intBetween(1, 2));
    } else if (u < locked) {
      shiftAsks(ev, snap.bidPx[0]);
    } else if (u < oneSided) {
      if (edgeRng.chance(0.5)) {
        ev.bidCount = 0;
      } else {
        ev.askCount = 0;
      }
    } else if (dupDraw < cfg.duplicateSnapshotRate()) {
      CaptureRow dup = newEvent(Channel.ORDERBOOK, snap.ts, snap.tieBreak);
      fillBook(dup, snap);
      dup.sub = 1;
      dup.duplicate = true;
      dup.latencyMicros = ev.latencyMicros; // same ts, so the same exchange time
      pending.add(dup);
    }
    return ev;
  }

  private void fillBook(CaptureRow ev, Snap snap) {
    ev.nonce = snap.nonce;
    ev.priceDecimals = profile.priceDecimals();
    ev.amountDecimals = profile.amountDecimals();
    ev.bidPx = snap.bidPx;
    ev.bidAmt = snap.bidAmt;
    ev.askPx = snap.askPx;
    ev.askAmt = snap.askAmt;
    ev.bidCount = snap.bidCount;
    ev.askCount = snap.askCount;
  }

  /** Emits a copy whose whole ask side is shifted so that the best ask is {@code newBestAsk}. */
  private static void shiftAsks(CaptureRow ev, long newBestAsk) {
    long delta = newBestAsk - ev.askPx[0];
    long[] shifted = new long[ev.askPx.length];
    int n = 0;
    for (int i = 0; i < ev.askCount; i++) {
      long p = ev.askPx[i] + delta;
      if (p < 1) {
        break;
      }
      shifted[n++] = p;
    }
    ev.askPx = shifted;
    ev.askCount = n;
  }

  // ---------------------------------------------------------------- trades

  private CaptureRow processTrade() {
    long t = nextTradeTs;
    long tb = nextTradeTb;
    nextTradeTs = t + gapMicros(tradeRng.exponential(tradeMeanGapMicros));
    nextTradeTb = tieRng.tieBreak();

    ensureAhead(t + SECOND);
    Snap now = current;
    Snap future = now;
    for (Snap s : ahead) {
      if (s.ts > t + SECOND) {
        break;
      }
      future = s;
    }
    int direction = Long.signum(future.midTwice() - now.midTwice());
    boolean buy = tradeRng.uniform() < 0.5 + 0.25 * direction;
    CaptureRow ev = newEvent(Channel.TRADES, t, tb);
    ev.latencyMicros = drawLatency(latencyRng);
    fillTrade(ev, now, buy, tradeRng, nextTradeId++);
    ev.marketTrade = true;

    if (edgeRng.chance(cfg.sameTsTradeRate())) {
      Snap target = ahead.peekFirst();
      ev.ts = target.ts;
      ev.tieBreak = sameTsTradeAfter ? target.tieBreak + 1 : target.tieBreak - 1;
      sameTsTradeAfter = !sameTsTradeAfter;
      pending.add(ev);
      return null;
    }
    recordMarketTrade(ev);
    return ev;
  }

  private void fillTrade(CaptureRow ev, Snap book, boolean buy, Rng rng, long id) {
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

  private void recordMarketTrade(CaptureRow ev) {
    double p = ev.price;
    if (Double.isNaN(statOpen)) {
      statOpen = p;
      statHigh = p;
      statLow = p;
    }
    statHigh = Math.max(statHigh, p);
    statLow = Math.min(statLow, p);
    statLast = p;
    statBaseVolume += ev.amount;
    statQuoteVolume += p * ev.amount;
  }

  // ---------------------------------------------------------------- ticker

  private CaptureRow processTicker() {
    long t = nextTickerTs;
    long tb = nextTickerTb;
    nextTickerTs = t + Math.max(1, Math.round(SECOND * (1 + tickerRng.uniform(-0.15, 0.15))));
    nextTickerTb = tieRng.tieBreak();
    CaptureRow ev = newEvent(Channel.TICKER, t, tb);
    ev.latencyMicros = drawLatency(latencyRng);
    if (edgeRng.chance(cfg.sameTsTickerRate())) {
      ensureAhead(Long.MIN_VALUE);
      ev.ts = ahead.peekFirst().ts;
      ev.deferredTicker = true;
      pending.add(ev);
      return null;
    }
    fillTicker(ev);
    return ev;
  }

  private void fillTicker(CaptureRow ev) {
    double[] f = ev.ticker;
    Snap book = current;
    f[CaptureRow.T_BID] = book.bidPx[0] / tickScale;
    f[CaptureRow.T_BID_VOLUME] = book.bidAmt[0] / lotScale;
    f[CaptureRow.T_ASK] = book.askPx[0] / tickScale;
    f[CaptureRow.T_ASK_VOLUME] = book.askAmt[0] / lotScale;
    f[CaptureRow.T_LAST] = statLast;
    f[CaptureRow.T_OPEN] = statOpen;
    f[CaptureRow.T_HIGH] = statHigh;
    f[CaptureRow.T_LOW] = statLow;
    f[CaptureRow.T_CLOSE] = statLast;
    f[CaptureRow.T_VWAP] = statBaseVolume > 0 ? statQuoteVolume / statBaseVolume : Double.NaN;
    f[CaptureRow.T_BASE_VOLUME] = statBaseVolume;
    f[CaptureRow.T_QUOTE_VOLUME] = statQuoteVolume;
    f[CaptureRow.T_CHANGE] = statLast - statOpen;
    f[CaptureRow.T_PERCENTAGE] = (statLast - statOpen) / statOpen * 100;
  }

  // ---------------------------------------------------------------- queued rows

  private CaptureRow processQueued(CaptureRow ev) {
    if (ev.deferredTicker) {
      fillTicker(ev);
    }
    if (ev.marketTrade) {
      recordMarketTrade(ev);
    }
    return ev;
  }

  /** Exchange time, and the edge cases that follow an emitted original row. */
  private void afterEmit(CaptureRow ev) {
    if (!ev.timestampSet) {
      ev.timestampMs = Math.floorDiv(ev.ts - ev.latencyMicros, 1000);
      ev.timestampSet = true;
    }
    if (ev.duplicate || !ev.isValid()) {
      return;
    }
    if (ev.channel == Channel.TRADES && edgeRng.chance(cfg.duplicateTradeRate())) {
      CaptureRow dup = newEvent(Channel.TRADES, 0, edgeRng.tieBreak());
      dup.ts = ev.ts + Math.round(edgeRng.uniform(0.2, 3.0) * SECOND);
      dup.id = ev.id;
      dup.side = ev.side;
      dup.price = ev.price;
      dup.amount = ev.amount;
      dup.timestampMs = ev.timestampMs;
      dup.timestampSet = true;
      dup.duplicate = true;
      pending.add(dup);
    }
    if (edgeRng.chance(cfg.invalidRowRate())) {
      pending.add(invalidRow(ev));
    }
  }

  private CaptureRow invalidRow(CaptureRow source) {
    Channel channel = source.channel;
    List<InvalidReason> reasons = InvalidReason.forChannel(channel);
    InvalidReason reason = reasons.get(invalidCursor[channel.ordinal()]++ % reasons.size());
    long ts = source.ts + 1 + edgeRng.nextLong(20_000);
    CaptureRow ev = newEvent(channel, ts, edgeRng.tieBreak());
    ev.latencyMicros = drawLatency(edgeRng);
    ev.invalid = reason;
    switch (channel) {
      case ORDERBOOK:
        fillBook(ev, current);
        break;
      case TRADES:
        fillTrade(ev, current, edgeRng.chance(0.5), edgeRng, nextInvalidTradeId++);
        break;
      default:
        ev.deferredTicker = true;
        break;
    }
    switch (reason) {
      case NULL_EXCHANGE:
        ev.nullExchange = true;
        break;
      case NULL_SYMBOL:
        ev.nullSymbol = true;
        break;
      case NULL_CAPTURE_TS:
        ev.nullCaptureTs = true;
        break;
      case PRICE_NAN:
      case PRICE_NOT_POSITIVE:
      case AMOUNT_NAN:
      case AMOUNT_NEGATIVE:
        applyValueDefect(ev, reason);
        break;
      case SIDE_INVALID:
        ev.side = edgeRng.chance(0.5) ? "BUY?" : "unknown";
        break;
      case SIDE_NULL:
        ev.side = null;
        break;
      default:
        throw new IllegalStateException(reason.toString());
    }
    return ev;
  }

  private void applyValueDefect(CaptureRow ev, InvalidReason reason) {
    boolean onPrice =
        reason == InvalidReason.PRICE_NAN || reason == InvalidReason.PRICE_NOT_POSITIVE;
    if (ev.channel == Channel.TRADES) {
      double good = onPrice ? ev.price : ev.amount;
      double bad = defectValue(reason, good);
      if (onPrice) {
        ev.price = bad;
      } else {
        ev.amount = bad;
      }
      return;
    }
    int side = edgeRng.chance(0.5) ? 1 : 2;
    int level = edgeRng.nextInt(Math.max(1, side == 1 ? ev.bidCount : ev.askCount));
    // Read the good value before installing the defect (it would read the defect back).
    double good = onPrice ? ev.levelPrice(side, level) : ev.levelAmount(side, level);
    ev.defectValue = defectValue(reason, good);
    ev.defectOnPrice = onPrice;
    ev.defectLevel = level;
    ev.defectSide = side;
  }

  private double defectValue(InvalidReason reason, double good) {
    switch (reason) {
      case PRICE_NAN:
      case AMOUNT_NAN:
        return Double.NaN;
      case PRICE_NOT_POSITIVE:
        return edgeRng.chance(0.5) ? 0.0 : -good;
      case AMOUNT_NEGATIVE:
        return -good;
      default:
        throw new IllegalStateException(reason.toString());
    }
  }

  // ---------------------------------------------------------------- helpers

  private CaptureRow newEvent(Channel channel, long ts, long tieBreak) {
    CaptureRow ev = new CaptureRow();
    ev.channel = channel;
    ev.exchangeIndex = exchangeIndex;
    ev.keyIndex = keyIndex;
    ev.exchange = exchange;
    ev.symbol = symbol;
    ev.ts = ts;
    ev.tieBreak = tieBreak;
    return ev;
  }

  /** Capture latency behind the exchange clock: 5-80 ms, mostly 10-50 ms. */
  private long drawLatency(Rng rng) {
    double ms = Math.min(80, Math.max(5, baseLatencyMs + rng.exponential(8)));
    return Math.round(ms * 1000);
  }

  private static long gapMicros(double micros) {
    return Math.max(1, Math.round(micros));
  }
}
