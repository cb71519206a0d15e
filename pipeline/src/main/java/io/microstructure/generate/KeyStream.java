package io.microstructure.generate;

import io.microstructure.model.Channel;
import java.util.List;

/**
 * The capture of one (exchange, symbol): a discrete-event simulation that yields the key's rows of
 * all three channels in arrival order, i.e. by (ts, tieBreak, sub). It merges the schedules of the
 * book ({@link BookSimulation}), the trades ({@link TradeSimulation}) and the ticker ({@link
 * TickerSimulation}) with the rows {@link EdgeCases} moved or planted, and drops what a capture gap
 * hides.
 *
 * <p>The market (book, trades, ticker statistics, exchange latencies, tie-breaks) is driven by its
 * own random streams; edge cases (duplicates, crossed or one-sided copies, invalid rows, moved
 * capture times) draw only from the edge stream and never feed back into the market state. A clean
 * run and a run with edge cases therefore show the same snapshots, trades and exchange times,
 * except for the rows an edge case altered (a moved trade or ticker keeps its latency).
 */
final class KeyStream {
  static final long SECOND = 1_000_000L;

  private final int exchangeIndex;
  private final int keyIndex;
  private final String exchange;
  private final String symbol;
  private final long endMicros;
  private final long[][] gaps;

  private final Rng latencyRng;
  private final CaptureLatency latency;
  private final BookSimulation book;
  private final TradeSimulation trades;
  private final TickerSimulation ticker;
  private final EdgeCases edges;

  KeyStream(
      GeneratorConfig cfg,
      int exchangeIndex,
      int keyIndex,
      String exchange,
      String symbol,
      LatentPath path,
      List<long[]> gapWindows) {
    this.exchangeIndex = exchangeIndex;
    this.keyIndex = keyIndex;
    this.exchange = exchange;
    this.symbol = symbol;
    this.endMicros = cfg.endMicros();
    this.gaps = gapWindows.toArray(new long[0][]);

    SymbolProfile profile = SymbolProfile.of(symbol);
    ExchangeProfile exchangeProfile = ExchangeProfile.of(exchange);
    long seed = cfg.seed();
    Rng tieRng = new Rng(Seeds.derive(seed, "tie", exchange, symbol));
    this.latencyRng = new Rng(Seeds.derive(seed, "latency", exchange, symbol));
    // The tie stream is shared, so this order is part of the output: the trades take their first
    // tie-break before the ticker (the book's starting state has none).
    this.book =
        new BookSimulation(
            cfg,
            profile,
            exchangeProfile,
            path,
            new Rng(Seeds.derive(seed, "book", exchange, symbol)),
            tieRng);
    this.latency = new CaptureLatency(latencyRng);
    this.trades =
        new TradeSimulation(
            cfg,
            profile,
            exchangeProfile,
            new Rng(Seeds.derive(seed, "trade", exchange, symbol)),
            tieRng);
    this.ticker =
        new TickerSimulation(
            cfg.startMicros(),
            profile,
            new Rng(Seeds.derive(seed, "ticker", exchange, symbol)),
            tieRng);
    this.edges =
        new EdgeCases(
            cfg, new Rng(Seeds.derive(seed, "edge", exchange, symbol)), latency, book, trades);
  }

  /** The next row of this key in arrival order, or null when the key's data has ended. */
  CaptureRow next() {
    while (true) {
      BookSimulation.Snap snap = book.peekNext();
      CaptureRow queued = edges.peekQueued();
      // Pick the earliest of: next snapshot, next trade, next ticker, next queued row.
      int which = 0; // 0 snapshot, 1 trade, 2 ticker, 3 queued
      long ts = snap.ts;
      long tb = snap.tieBreak;
      int sub = 0;
      if (before(trades.nextTs(), trades.nextTieBreak(), 0, ts, tb, sub)) {
        which = 1;
        ts = trades.nextTs();
        tb = trades.nextTieBreak();
      }
      if (before(ticker.nextTs(), ticker.nextTieBreak(), 0, ts, tb, sub)) {
        which = 2;
        ts = ticker.nextTs();
        tb = ticker.nextTieBreak();
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
          ev = snapshotRow();
          break;
        case 1:
          ev = tradeRow();
          break;
        case 2:
          ev = tickerRow();
          break;
        default:
          ev = queuedRow(edges.pollQueued());
          break;
      }
      if (ev == null || inGap(ev.ts)) {
        continue; // moved to the queue, or not captured (outage)
      }
      if (!ev.timestampSet) {
        ev.timestampMs = Math.floorDiv(ev.ts - ev.latencyMicros, 1000);
        ev.timestampSet = true;
      }
      edges.plantAfter(ev);
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

  private CaptureRow snapshotRow() {
    BookSimulation.Snap snap = book.advance();
    CaptureRow ev = newRow(Channel.ORDERBOOK, snap.ts, snap.tieBreak);
    ev.latencyMicros = latency.draw(latencyRng);
    book.fill(ev, snap);
    edges.onSnapshot(ev, snap);
    return ev;
  }

  private CaptureRow tradeRow() {
    CaptureRow ev = newRow(Channel.TRADES, trades.nextTs(), trades.nextTieBreak());
    ev.latencyMicros = latency.draw(latencyRng);
    trades.fillNext(ev, book);
    if (edges.deferTrade(ev)) {
      return null;
    }
    ticker.count(ev);
    return ev;
  }

  private CaptureRow tickerRow() {
    CaptureRow ev = newRow(Channel.TICKER, ticker.nextTs(), ticker.nextTieBreak());
    ticker.advance();
    ev.latencyMicros = latency.draw(latencyRng);
    if (edges.deferTicker(ev)) {
      return null;
    }
    ticker.fill(ev, book.current());
    return ev;
  }

  /** A moved or planted row: filled or counted now that its arrival time has come. */
  private CaptureRow queuedRow(CaptureRow ev) {
    if (ev.deferredTicker) {
      ticker.fill(ev, book.current());
    }
    if (ev.marketTrade) {
      ticker.count(ev);
    }
    return ev;
  }

  private CaptureRow newRow(Channel channel, long ts, long tieBreak) {
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
}
