package io.microstructure.engine;

import io.microstructure.features.FeatureParameters;
import io.microstructure.features.Vpin;
import io.microstructure.model.TradeBlock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What a market's chunks carry in from its trades, and the trades' parts of a chunk replay.
 *
 * <p>VPIN's buckets run over all of a market's kept trades, and its default bucket volume comes
 * from their total: both are made in one pass over the market's {@link KeptTrades} in order (the
 * same sum in the same order as one pass over the whole market, so the same bits). The repeated
 * ids, the other carry that reaches across the whole market, come apart from {@link TradeIds}.
 */
public final class TradeCarries {
  private TradeCarries() {}

  /**
   * VPIN's bucket volume for a market: the configured one, or the spec's default from its kept
   * trades (total volume over 50 buckets per hour of their span); NaN without trades.
   */
  public static double bucketVolume(FeatureParameters params, String symbol, MarketEvents events) {
    Double configured = params.vpinBucketVolume(symbol);
    if (configured != null) {
      return configured;
    }
    double volume = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int k = 0; k < events.size(); k++) {
      if (events.isTrade(k) && !events.isDuplicateTrade(k)) {
        long t = events.captureTs(k);
        volume += events.trade(k).amount(events.rowInBlock(k));
        first = Math.min(first, t);
        last = Math.max(last, t);
      }
    }
    return first > last ? Double.NaN : Vpin.defaultBucketVolume(volume, first, last);
  }

  /** The same from a market's kept trades alone, in order. */
  public static double bucketVolume(FeatureParameters params, String symbol, KeptTrades trades) {
    Double configured = params.vpinBucketVolume(symbol);
    if (configured != null) {
      return configured;
    }
    int n = trades.size();
    if (n == 0) {
      return Double.NaN;
    }
    double volume = 0;
    double[] amount = trades.amount();
    for (int i = 0; i < n; i++) {
      volume += amount[i];
    }
    return Vpin.defaultBucketVolume(volume, trades.ts()[0], trades.ts()[n - 1]);
  }

  /**
   * VPIN as of the start of each of the market's chunks with snapshots, every earlier kept trade
   * added.
   *
   * @param trades the market's kept trades, in order
   * @param vpin VPIN's state before the market's first trade (its bucket volume pinned)
   */
  public static Map<Long, Vpin> vpinAtChunkStarts(
      KeptTrades trades, MarketChunks chunks, Vpin vpin) {
    Map<Long, Vpin> atStart = new HashMap<>();
    ChunkPlan plan = chunks.plan();
    Iterator<Long> pending = chunks.chunks().stream().filter(chunks::hasSnapshots).iterator();
    Long next = pending.hasNext() ? pending.next() : null;
    long[] ts = trades.ts();
    for (int i = 0; i < trades.size(); i++) {
      while (next != null && plan.ownFrom(next) <= ts[i]) {
        atStart.put(next, vpin.copy());
        next = pending.hasNext() ? pending.next() : null;
      }
      vpin.add(trades.buy()[i], trades.amount()[i]);
    }
    while (next != null) {
      atStart.put(next, vpin.copy());
      next = pending.hasNext() ? pending.next() : null;
    }
    return atStart;
  }

  /**
   * The trade part of the time-bar partials of one chunk: its own kept trades (capture_ts in
   * {@code [from, to)}) into the bar of each duration they fall in.
   */
  public static void timeBars(
      MarketEvents events, long from, long to, long[] durationsSeconds, SnapshotReplay.Sink sink) {
    TimeBarPartials bars = new TimeBarPartials(durationsSeconds, sink::bar);
    for (int k = 0; k < events.size(); k++) {
      long t = events.captureTs(k);
      if (events.isTrade(k) && t >= from && t < to && !events.isDuplicateTrade(k)) {
        TradeBlock b = events.trade(k);
        int r = events.rowInBlock(k);
        bars.trade(t, b.buy(r), b.price(r), b.amount(r));
      }
    }
    bars.finish();
  }
}
