package io.microstructure.generate;

import io.microstructure.model.Channel;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The edge cases of one (exchange, symbol): crossed, locked and one-sided copies of snapshots,
 * duplicate snapshots and trades, trades and tickers moved onto a snapshot's capture time, and
 * invalid rows. Every decision draws from the edge stream alone and nothing here changes the book
 * or trade state, so a clean run shows the same market as one with edge cases.
 *
 * <p>Rows planted or moved here wait in a queue until their arrival time comes.
 */
final class EdgeCases {
  private final GeneratorConfig cfg;
  private final Rng rng;
  private final CaptureLatency latency;
  private final BookSimulation book;
  private final TradeSimulation trades;

  private final PriorityQueue<CaptureRow> queued = new PriorityQueue<>(CaptureRow::compareArrival);
  private final int[] invalidCursor = new int[Channel.values().length];

  /** Ids of injected invalid trades: a range of their own, so market trade ids are unaffected. */
  private long nextInvalidTradeId;

  /**
   * Whether the next moved trade lands just after its snapshot (else just before): they alternate.
   */
  private boolean sameTsTradeAfter;

  EdgeCases(
      GeneratorConfig cfg,
      Rng rng,
      CaptureLatency latency,
      BookSimulation book,
      TradeSimulation trades) {
    this.cfg = cfg;
    this.rng = rng;
    this.latency = latency;
    this.book = book;
    this.trades = trades;
    this.nextInvalidTradeId = 90_000_000_000L + rng.nextLong(1_000_000_000L);
    this.sameTsTradeAfter = rng.chance(0.5);
    for (int c = 0; c < invalidCursor.length; c++) {
      invalidCursor[c] = rng.nextInt(64);
    }
  }

  /** The earliest queued row, or null. */
  CaptureRow peekQueued() {
    return queued.peek();
  }

  CaptureRow pollQueued() {
    return queued.poll();
  }

  /**
   * Turns the snapshot row {@code ev} into a crossed, locked or one-sided copy, or queues an
   * identical duplicate right after it. Two draws per snapshot, whatever the outcome.
   */
  void onSnapshot(CaptureRow ev, BookSimulation.Snap snap) {
    double u = rng.uniform();
    double dupDraw = rng.uniform();
    double crossed = cfg.crossedBookRate();
    double locked = crossed + cfg.lockedBookRate();
    double oneSided = locked + cfg.oneSidedBookRate();
    if (u < crossed) {
      shiftAsks(ev, snap.bidPx[0] - rng.intBetween(1, 2));
    } else if (u < locked) {
      shiftAsks(ev, snap.bidPx[0]);
    } else if (u < oneSided) {
      if (rng.chance(0.5)) {
        ev.bidCount = 0;
      } else {
        ev.askCount = 0;
      }
    } else if (dupDraw < cfg.duplicateSnapshotRate()) {
      CaptureRow dup = rowOfKey(ev, Channel.ORDERBOOK, snap.ts, snap.tieBreak);
      book.fill(dup, snap);
      dup.sub = 1;
      dup.duplicate = true;
      dup.latencyMicros = ev.latencyMicros; // same ts, so the same exchange time
      queued.add(dup);
    }
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

  /**
   * Maybe moves the trade row {@code ev} next to the next snapshot, at the same capture time, and
   * queues it; returns whether it did. Its latency is kept.
   */
  boolean deferTrade(CaptureRow ev) {
    if (!rng.chance(cfg.sameTsTradeRate())) {
      return false;
    }
    BookSimulation.Snap target = book.peekNext();
    ev.ts = target.ts;
    ev.tieBreak = sameTsTradeAfter ? target.tieBreak + 1 : target.tieBreak - 1;
    sameTsTradeAfter = !sameTsTradeAfter;
    queued.add(ev);
    return true;
  }

  /**
   * Maybe moves the still empty ticker row {@code ev} to the next snapshot's capture time and
   * queues it, to be filled when it is emitted; returns whether it did.
   */
  boolean deferTicker(CaptureRow ev) {
    if (!rng.chance(cfg.sameTsTickerRate())) {
      return false;
    }
    ev.ts = book.peekNext().ts;
    ev.deferredTicker = true;
    queued.add(ev);
    return true;
  }

  /** Plants the rows that follow an emitted original row: a repeated trade, an invalid row. */
  void plantAfter(CaptureRow ev) {
    if (ev.duplicate || !ev.isValid()) {
      return;
    }
    if (ev.channel == Channel.TRADES && rng.chance(cfg.duplicateTradeRate())) {
      CaptureRow dup = rowOfKey(ev, Channel.TRADES, 0, rng.tieBreak());
      dup.ts = ev.ts + Math.round(rng.uniform(0.2, 3.0) * KeyStream.SECOND);
      dup.id = ev.id;
      dup.side = ev.side;
      dup.price = ev.price;
      dup.amount = ev.amount;
      dup.timestampMs = ev.timestampMs;
      dup.timestampSet = true;
      dup.duplicate = true;
      queued.add(dup);
    }
    if (rng.chance(cfg.invalidRowRate())) {
      queued.add(invalidRow(ev));
    }
  }

  /** An extra row of the source's channel with one defect; the reasons take turns per channel. */
  private CaptureRow invalidRow(CaptureRow source) {
    Channel channel = source.channel;
    List<InvalidReason> reasons = InvalidReason.forChannel(channel);
    InvalidReason reason = reasons.get(invalidCursor[channel.ordinal()]++ % reasons.size());
    long ts = source.ts + 1 + rng.nextLong(20_000);
    CaptureRow ev = rowOfKey(source, channel, ts, rng.tieBreak());
    ev.latencyMicros = latency.draw(rng);
    ev.invalid = reason;
    switch (channel) {
      case ORDERBOOK:
        book.fill(ev, book.current());
        break;
      case TRADES:
        trades.fill(ev, book.current(), rng.chance(0.5), rng, nextInvalidTradeId++);
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
        ev.side = rng.chance(0.5) ? "BUY?" : "unknown";
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
    int side = rng.chance(0.5) ? 1 : 2;
    int level = rng.nextInt(Math.max(1, side == 1 ? ev.bidCount : ev.askCount));
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
        return rng.chance(0.5) ? 0.0 : -good;
      case AMOUNT_NEGATIVE:
        return -good;
      default:
        throw new IllegalStateException(reason.toString());
    }
  }

  /** A new row of the same key as {@code source}. */
  private static CaptureRow rowOfKey(CaptureRow source, Channel channel, long ts, long tieBreak) {
    CaptureRow ev = new CaptureRow();
    ev.channel = channel;
    ev.exchangeIndex = source.exchangeIndex;
    ev.keyIndex = source.keyIndex;
    ev.exchange = source.exchange;
    ev.symbol = source.symbol;
    ev.ts = ts;
    ev.tieBreak = tieBreak;
    return ev;
  }
}
