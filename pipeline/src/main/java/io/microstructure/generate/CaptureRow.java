package io.microstructure.generate;

import io.microstructure.model.Channel;

/**
 * One row of one channel as the capture saw it. Mutable and package-private: created by {@link
 * KeyStream} and its {@link EdgeCases}, numbered by the exchange merge, written once. Book prices
 * and amounts are kept as integer ticks/lots (exact decimals); a single defect can override one of
 * them.
 */
final class CaptureRow {
  Channel channel;
  int exchangeIndex;
  int keyIndex;
  String exchange;
  String symbol;

  /** Arrival (capture) time in epoch micros; written as capture_ts unless nullCaptureTs. */
  long ts;

  /** Random tie-break of equal ts; equal (ts, tieBreak) keeps sub order. */
  long tieBreak;

  int sub;

  /** Per-exchange arrival number, 1-based; always assigned, written only when withSeq. */
  long seq;

  long timestampMs;
  boolean timestampSet;

  /** Capture latency; timestampMs = floor((ts - latencyMicros) / 1000) unless set directly. */
  long latencyMicros;

  boolean nullExchange;
  boolean nullSymbol;
  boolean nullCaptureTs;
  InvalidReason invalid;

  /** A duplicate snapshot or a repeated trade id (the re-emission, not the original). */
  boolean duplicate;

  // Order book
  long nonce;
  int priceDecimals;
  int amountDecimals;
  long[] bidPx;
  long[] bidAmt;
  long[] askPx;
  long[] askAmt;
  int bidCount;
  int askCount;

  /** 0: none; 1: bids; 2: asks. */
  int defectSide;

  int defectLevel;
  boolean defectOnPrice;
  double defectValue;

  // Trade
  String id;
  String side;
  double price;
  double amount;

  /** A real market trade (counts in ticker statistics when processed). */
  boolean marketTrade;

  boolean generated;

  // Ticker (NaN stands for null)
  final double[] ticker = new double[TICKER_FIELDS];
  boolean deferredTicker;

  static final int TICKER_FIELDS = 14;
  static final int T_BID = 0;
  static final int T_BID_VOLUME = 1;
  static final int T_ASK = 2;
  static final int T_ASK_VOLUME = 3;
  static final int T_LAST = 4;
  static final int T_OPEN = 5;
  static final int T_HIGH = 6;
  static final int T_LOW = 7;
  static final int T_CLOSE = 8;
  static final int T_VWAP = 9;
  static final int T_BASE_VOLUME = 10;
  static final int T_QUOTE_VOLUME = 11;
  static final int T_CHANGE = 12;
  static final int T_PERCENTAGE = 13;
  static final String[] TICKER_COLUMNS = {
    "bid",
    "bid_volume",
    "ask",
    "ask_volume",
    "last",
    "open",
    "high",
    "low",
    "close",
    "vwap",
    "base_volume",
    "quote_volume",
    "change",
    "percentage"
  };

  boolean isValid() {
    return invalid == null;
  }

  /** Price of book level {@code i} of a side (1 = bids, 2 = asks), defect applied. */
  double levelPrice(int sideCode, int i) {
    if (defectSide == sideCode && defectLevel == i && defectOnPrice) {
      return defectValue;
    }
    long[] px = sideCode == 1 ? bidPx : askPx;
    return px[i] / POW10[priceDecimals];
  }

  /** Amount of book level {@code i} of a side (1 = bids, 2 = asks), defect applied. */
  double levelAmount(int sideCode, int i) {
    if (defectSide == sideCode && defectLevel == i && !defectOnPrice) {
      return defectValue;
    }
    long[] amt = sideCode == 1 ? bidAmt : askAmt;
    return amt[i] / POW10[amountDecimals];
  }

  boolean hasDefectAt(int sideCode, int i) {
    return defectSide == sideCode && defectLevel == i;
  }

  static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /** Orders events by (ts, tieBreak, sub): arrival order within one exchange. */
  static int compareArrival(CaptureRow a, CaptureRow b) {
    int c = Long.compare(a.ts, b.ts);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.tieBreak, b.tieBreak);
    if (c != 0) {
      return c;
    }
    return Integer.compare(a.sub, b.sub);
  }
}
